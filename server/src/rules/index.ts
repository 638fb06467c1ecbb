import type { Rule } from './rule';
import { rule as yamlDuplicateKey } from './yaml/duplicate-key';
import { rule as schemaUnknownField } from './schema/unknown-field';
import { rule as schemaInvalidValue } from './schema/invalid-value';
import { rule as fleetUnknownKey } from './fleet/unknown-key';
import { rule as fleetInvalidValue } from './fleet/invalid-value';
import { rule as fleetMaxUnavailablePartitionsZero } from './fleet/max-unavailable-partitions-zero';
import { rule as rolloutsMaxSurgeUnavailableZero } from './rollouts/max-surge-unavailable-zero';
import { rule as rolloutsAnalysisTemplateNotFound } from './rollouts/analysis-template-not-found';
import { rule as rolloutsAnalysisArgMissing } from './rollouts/analysis-arg-missing';

/** Every rule, in the order their findings are listed for one object. */
export const ALL_RULES: readonly Rule[] = [
  yamlDuplicateKey,
  schemaUnknownField,
  schemaInvalidValue,
  fleetUnknownKey,
  fleetInvalidValue,
  fleetMaxUnavailablePartitionsZero,
  rolloutsMaxSurgeUnavailableZero,
  rolloutsAnalysisTemplateNotFound,
  rolloutsAnalysisArgMissing,
];

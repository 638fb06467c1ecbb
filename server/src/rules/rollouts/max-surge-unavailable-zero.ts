import { K } from '../../engine/kinds';
import { canaryIntOrPercent } from '../../semantics/rollouts/intstr';
import { fieldError } from '../../semantics/rollouts/field-error';
import { InvalidMaxSurgeMaxUnavailable } from '../../semantics/rollouts/messages';
import { rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

/** Upstream defaults are the strings "25" (absolute 25), not "25%" (argo-rollouts.md §1.12 quirk 6). */
const DEFAULT_MAX_SURGE = '25';
const DEFAULT_MAX_UNAVAILABLE = '25';

export const rule: Rule = {
  id: 'rollouts/max-surge-unavailable-zero',
  description: 'A canary whose maxSurge and maxUnavailable both resolve to zero can never replace a pod.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary, check C1 (argo-rollouts.md §1.3)',
  check(rollout, ctx) {
    // Only a canary-only strategy is validated (both strategies: rollouts/strategy-exactly-one).
    const canary = validatedCanary(rolloutView(rollout.value));
    if (!canary) return;
    const surge = canaryIntOrPercent(canary.maxSurge ?? DEFAULT_MAX_SURGE);
    const unavailable = canaryIntOrPercent(canary.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE);
    if (surge !== 0 || unavailable !== 0) return;
    const at = 'maxSurge' in canary ? 'maxSurge' : 'maxUnavailable';
    ctx.report({
      path: ['spec', 'strategy', 'canary', at],
      message: `${fieldError('spec.strategy.maxSurge', 'Invalid value', canary.maxSurge, InvalidMaxSurgeMaxUnavailable)}. Allow at least one extra or one unavailable pod.`,
    });
  },
};

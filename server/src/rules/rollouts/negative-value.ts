import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { NonNegativeMessage } from '../../semantics/rollouts/messages';
import { int, rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const FIELDS: Array<[string, string]> = [
  ['replicas', 'A negative replica count'],
  ['minReadySeconds', 'A negative minReadySeconds'],
  ['revisionHistoryLimit', 'A negative revisionHistoryLimit'],
  ['progressDeadlineSeconds', 'A negative progressDeadlineSeconds'],
];

export const rule: Rule = {
  id: 'rollouts/negative-value',
  description: 'spec.replicas, minReadySeconds, revisionHistoryLimit or progressDeadlineSeconds is negative (the CRD schema accepts it, the controller does not).',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutSpec → ValidateNonnegativeField, checks S1, S8, S9, S10 (argo-rollouts.md §1.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    for (const [field, what] of FIELDS) {
      const v = int(view.spec[field]);
      if (v === undefined || v >= 0) continue;
      ctx.report({
        path: ['spec', field],
        message: explain(fieldError(`spec.${field}`, 'Invalid value', v, NonNegativeMessage), `${what} makes the Rollout InvalidSpec; use 0 or more.`),
      });
    }
  },
};

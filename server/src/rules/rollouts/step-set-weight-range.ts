import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { InvalidSetWeightMessage } from '../../semantics/rollouts/messages';
import { canarySteps, int, maxTrafficWeight, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/step-set-weight-range',
  description: 'A setWeight is below 0 or above the maximum traffic weight (trafficRouting.maxTrafficWeight, default 100).',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary, check C16 (argo-rollouts.md §1.3.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || !validatedCanary(view)) return;
    const max = maxTrafficWeight(view);
    for (const { index, step, path } of canarySteps(view)) {
      const weight = int(step.setWeight);
      if (weight === undefined || (weight >= 0 && weight <= max)) continue;
      const clamp = weight < 0 ? 0 : max;
      ctx.report({
        path: [...path, 'setWeight'],
        message: explain(
          fieldError(`spec.strategy.steps[${index}].setWeight`, 'Invalid value', weight, InvalidSetWeightMessage(max)),
          max === 100 ? 'setWeight is a percentage of traffic.' : `Weights are out of maxTrafficWeight ${max}.`,
        ),
        fixes: [{ title: `Set the weight to ${clamp}`, edits: [{ op: 'replaceValue', path: [...path, 'setWeight'], value: clamp }] }],
      });
    }
  },
};

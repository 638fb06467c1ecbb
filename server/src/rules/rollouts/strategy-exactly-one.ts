import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { InvalidStrategyMessage, MissingFieldMessage } from '../../semantics/rollouts/messages';
import { present, rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/strategy-exactly-one',
  description: 'spec.strategy sets neither canary nor blueGreen, or both: a Rollout needs exactly one strategy.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategy, checks S12 and S13 (argo-rollouts.md §1.1; the path really ends in strategy.strategy)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    const canary = present(view.strategy?.canary);
    const blueGreen = present(view.strategy?.blueGreen);
    if (!canary && !blueGreen) {
      ctx.report({
        path: 'strategy' in view.spec ? ['spec', 'strategy'] : ['spec'],
        onKey: true,
        message: explain(
          fieldError('spec.strategy.strategy', 'Required value', undefined, MissingFieldMessage('.spec.strategy.canary or .spec.strategy.blueGreen')),
          'Add `canary:` (steps of traffic weights) or `blueGreen:` (active and preview Services).',
        ),
      });
    } else if (canary && blueGreen) {
      ctx.report({
        path: ['spec', 'strategy'],
        onKey: true,
        message: explain(fieldError('spec.strategy.strategy', 'Invalid value', 'blueGreen: true canary: true', InvalidStrategyMessage), 'Keep either canary or blueGreen, not both.'),
      });
    }
  },
};

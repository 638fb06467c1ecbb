import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { InvalidCanaryDynamicStableScaleWithScaleDownDelay } from '../../semantics/rollouts/messages';
import { CANARY, present, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/dynamic-stable-scale-with-scale-down-delay',
  description: 'A traffic-routed canary sets both dynamicStableScale and scaleDownDelaySeconds, which contradict each other.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary, check C12 (argo-rollouts.md §1.3)',
  check(rollout, ctx) {
    const canary = validatedCanary(rolloutView(rollout.value));
    if (!canary || !present(canary.trafficRouting) || canary.dynamicStableScale !== true || !present(canary.scaleDownDelaySeconds)) return;
    ctx.report({
      path: [...CANARY, 'dynamicStableScale'],
      message: explain(
        fieldError('spec.strategy.dynamicStableScale', 'Invalid value', true, InvalidCanaryDynamicStableScaleWithScaleDownDelay),
        'dynamicStableScale scales the stable pods down as the canary grows, while scaleDownDelaySeconds keeps them up after promotion; keep one.',
      ),
      related: [{ object: rollout, path: [...CANARY, 'scaleDownDelaySeconds'], onKey: true, message: 'scaleDownDelaySeconds' }],
      fixes: [{ title: 'Remove scaleDownDelaySeconds', edits: [{ op: 'remove', path: [...CANARY, 'scaleDownDelaySeconds'] }] }],
    });
  },
};

import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { setHeaderRouteJson, setMirrorRouteJson } from '../../semantics/rollouts/go-values';
import {
  InvalidCanaryDynamicStableScale,
  InvalidCanaryExperimentTemplateWeightWithoutTrafficRouting,
  InvalidCanaryScaleDownDelay,
  InvalidSetCanaryScaleTrafficPolicy,
  InvalidSetHeaderRouteTrafficPolicy,
  InvalidSetMirrorRouteTrafficPolicy,
} from '../../semantics/rollouts/messages';
import { CANARY, canarySteps, int, list, obj, present, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const NEEDS_TR = 'Without trafficRouting the canary weight is only approximated by pod counts, so this setting has nothing to act on; configure a traffic router or remove it.';

export const rule: Rule = {
  id: 'rollouts/requires-traffic-routing',
  description:
    'A canary without trafficRouting uses a feature that only works with a traffic router: scaleDownDelaySeconds, dynamicStableScale, setCanaryScale, setHeaderRoute, setMirrorRoute or an experiment template weight.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary, checks C10, C11, C18, C19, C20, C23 (argo-rollouts.md §1.3, §1.3.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const canary = validatedCanary(view);
    if (!view || !canary || present(canary.trafficRouting)) return;
    const delay = int(canary.scaleDownDelaySeconds);
    if (delay !== undefined) {
      ctx.report({
        path: [...CANARY, 'scaleDownDelaySeconds'],
        message: explain(fieldError('spec.strategy.scaleDownDelaySeconds', 'Invalid value', delay, InvalidCanaryScaleDownDelay), 'Without a traffic router the old pods are scaled down as the canary scales up; remove scaleDownDelaySeconds.'),
        fixes: [{ title: 'Remove scaleDownDelaySeconds', edits: [{ op: 'remove', path: [...CANARY, 'scaleDownDelaySeconds'] }], preferred: true }],
      });
    }
    if (canary.dynamicStableScale === true) {
      ctx.report({
        path: [...CANARY, 'dynamicStableScale'],
        message: explain(fieldError('spec.strategy.dynamicStableScale', 'Invalid value', true, InvalidCanaryDynamicStableScale), 'Without a traffic router the stable pods are already scaled with the weight; remove dynamicStableScale.'),
        fixes: [{ title: 'Remove dynamicStableScale', edits: [{ op: 'remove', path: [...CANARY, 'dynamicStableScale'] }], preferred: true }],
      });
    }
    for (const { index, step, path } of canarySteps(view)) {
      const at = `spec.strategy.steps[${index}]`;
      if (present(step.setCanaryScale)) {
        ctx.report({ path: [...path, 'setCanaryScale'], onKey: true, message: explain(fieldError('spec.strategy.trafficRouting', 'Required value', undefined, InvalidSetCanaryScaleTrafficPolicy), NEEDS_TR) });
      }
      if (present(step.setHeaderRoute)) {
        ctx.report({
          path: [...path, 'setHeaderRoute'],
          onKey: true,
          message: explain(fieldError(`${at}.setHeaderRoute`, 'Invalid value', setHeaderRouteJson(step.setHeaderRoute), InvalidSetHeaderRouteTrafficPolicy), 'Header-based routing is done by the traffic router (Istio, ALB, Apisix or a plugin); configure one.'),
        });
      }
      if (present(step.setMirrorRoute)) {
        ctx.report({
          path: [...path, 'setMirrorRoute'],
          onKey: true,
          message: explain(fieldError(`${at}.setMirrorRoute`, 'Invalid value', setMirrorRouteJson(step.setMirrorRoute), InvalidSetMirrorRouteTrafficPolicy), 'Traffic mirroring is done by the traffic router (Istio or a plugin); configure one.'),
        });
      }
      list(obj(step.experiment)?.templates).forEach((t, k) => {
        const weight = int(obj(t)?.weight);
        if (weight === undefined) return;
        ctx.report({
          path: [...path, 'experiment', 'templates', k, 'weight'],
          message: explain(fieldError(`${at}.experiment.templates[${k}].weight`, 'Invalid value', weight, InvalidCanaryExperimentTemplateWeightWithoutTrafficRouting), NEEDS_TR),
          fixes: [{ title: 'Remove the weight', edits: [{ op: 'remove', path: [...path, 'experiment', 'templates', k, 'weight'] }] }],
        });
      });
    }
  },
};

import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { InvalidTrafficRoutingMessage } from '../../semantics/rollouts/messages';
import { CANARY, goStr, requireCanaryStableServices, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/traffic-routing-services-required',
  description:
    'A canary with ALB, Istio host-level routing, SMI, Apisix, Ambassador, NGINX, App Mesh or Traefik traffic routing has no stableService or no canaryService. (Plugins, Istio subset routing and ping-pong do not need them.)',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary requireCanaryStableServices, checks C8, C9 (argo-rollouts.md §1.3)',
  check(rollout, ctx) {
    const canary = validatedCanary(rolloutView(rollout.value));
    if (!canary || !requireCanaryStableServices(canary)) return;
    for (const key of ['stableService', 'canaryService'] as const) {
      if (goStr(canary[key]) !== '') continue;
      ctx.report({
        path: key in canary ? [...CANARY, key] : [...CANARY, 'trafficRouting'],
        onKey: true,
        message: explain(
          fieldError(`spec.strategy.${key}`, 'Invalid value', '', InvalidTrafficRoutingMessage),
          `The traffic router splits traffic between two Services; set \`${key}\` to the Service the controller should point at the ${key === 'stableService' ? 'stable' : 'canary'} pods.`,
        ),
      });
    }
  },
};

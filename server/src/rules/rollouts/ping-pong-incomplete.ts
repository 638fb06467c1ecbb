import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { InvalidPingPongProvidedMessage, MissedAlbRootServiceMessage } from '../../semantics/rollouts/messages';
import { CANARY, goStr, obj, present, rolloutView, TRAFFIC_ROUTING, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/ping-pong-incomplete',
  description: 'canary.pingPong with an empty pingService or pongService, or with ALB traffic routing and no alb.rootService.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary, checks C4, C5, C7 (argo-rollouts.md §1.3)',
  check(rollout, ctx) {
    const canary = validatedCanary(rolloutView(rollout.value));
    const pingPong = obj(canary?.pingPong);
    if (!canary || !pingPong) return;
    // An absent pingService/pongService is already a schema error (required); an empty one is not.
    for (const key of ['pingService', 'pongService'] as const) {
      if (!(key in pingPong) || goStr(pingPong[key]) !== '') continue;
      ctx.report({
        path: [...CANARY, 'pingPong', key],
        onKey: true,
        message: explain(fieldError(`spec.strategy.pingPong.${key}`, 'Invalid value', '', InvalidPingPongProvidedMessage), 'Name the Service; ping-pong needs both.'),
      });
    }
    const alb = obj(obj(canary.trafficRouting)?.alb);
    if (alb && goStr(alb.rootService) === '') {
      ctx.report({
        path: present(alb.rootService) || 'rootService' in alb ? [...TRAFFIC_ROUTING, 'alb', 'rootService'] : [...TRAFFIC_ROUTING, 'alb'],
        onKey: true,
        message: explain(
          fieldError('spec.strategy.trafficRouting.alb.rootService', 'Invalid value', '', MissedAlbRootServiceMessage),
          'With ping-pong the ALB ingress routes to alb.rootService, which the controller points at the current stable Service.',
        ),
      });
    }
  },
};

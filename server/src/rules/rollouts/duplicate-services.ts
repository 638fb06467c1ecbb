import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { DuplicatedPingPongServicesMessage, DuplicatedServicesBlueGreenMessage, DuplicatedServicesCanaryMessage } from '../../semantics/rollouts/messages';
import { BLUE_GREEN, CANARY, goStr, obj, rolloutView, validatedBlueGreen, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/duplicate-services',
  description: 'The same Service is named for active and preview (blueGreen), stable and canary, or ping and pong: the controller needs two different Services to split traffic.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyBlueGreen B1 and ValidateRolloutStrategyCanary C2, C6 (argo-rollouts.md §1.2, §1.3)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const blueGreen = validatedBlueGreen(view);
    if (blueGreen && 'activeService' in blueGreen) {
      const active = goStr(blueGreen.activeService);
      const preview = goStr(blueGreen.previewService);
      if (active === preview) {
        const meaning =
          active === ''
            ? 'activeService is empty and no previewService is set; name the Service that receives production traffic.'
            : 'The preview Service must point at the new ReplicaSet while the active one keeps the old: use a second Service (or drop previewService).';
        ctx.report({
          path: [...BLUE_GREEN, 'previewService' in blueGreen ? 'previewService' : 'activeService'],
          message: explain(fieldError('spec.strategy.activeService', 'Invalid value', active, DuplicatedServicesBlueGreenMessage), meaning),
        });
      }
    }
    const canary = validatedCanary(view);
    if (!canary) return;
    const stable = goStr(canary.stableService);
    if (stable !== '' && stable === goStr(canary.canaryService)) {
      ctx.report({
        path: [...CANARY, 'canaryService'],
        message: explain(fieldError('spec.strategy.stableService', 'Invalid value', stable, DuplicatedServicesCanaryMessage), 'The controller points each Service at a different ReplicaSet; use two Services.'),
      });
    }
    const pingPong = obj(canary.pingPong);
    if (pingPong && 'pingService' in pingPong && 'pongService' in pingPong) {
      const ping = goStr(pingPong.pingService);
      if (ping === goStr(pingPong.pongService)) {
        ctx.report({
          path: [...CANARY, 'pingPong', 'pongService'],
          message: explain(fieldError('spec.strategy.pingPong.pingService', 'Invalid value', ping, DuplicatedPingPongServicesMessage), 'Ping-pong alternates the stable role between two Services; name two different ones.'),
        });
      }
    }
  },
};

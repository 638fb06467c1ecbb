import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { setHeaderRouteJson, setMirrorRouteJson } from '../../semantics/rollouts/go-values';
import {
  InvalidCanaryExperimentTemplateWeightRouter,
  InvalidCanaryMaxWeightOnlySupportInNginxAndPlugins,
  InvalidSetHeaderRouteTrafficPolicy,
  InvalidSetMirrorRouteTrafficPolicy,
  PingPongWithRouterOnlyMessage,
} from '../../semantics/rollouts/messages';
import { CANARY, canarySteps, hasPlugins, int, list, obj, present, rolloutView, TRAFFIC_ROUTING, validatedCanary, type Obj } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const ROUTERS = ['alb', 'istio', 'nginx', 'smi', 'apisix', 'ambassador', 'appMesh', 'traefik'] as const;

function routerNames(tr: Obj): string {
  const names: string[] = ROUTERS.filter((r) => present(tr[r]));
  if (hasPlugins(tr)) names.push('plugins');
  return names.length ? names.join(', ') : 'no router';
}

export const rule: Rule = {
  id: 'rollouts/traffic-router-unsupported',
  description:
    'A canary uses a feature its traffic router does not implement: ping-pong (ALB, Istio, plugins), maxTrafficWeight (NGINX, plugins), setHeaderRoute (Istio, ALB, Apisix, plugins), setMirrorRoute (Istio, plugins) or experiment template weights (SMI, ALB, Istio, plugins).',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary, checks C3, C13, C19, C20, C23a (argo-rollouts.md §1.3, §1.3.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const canary = validatedCanary(view);
    const tr = obj(canary?.trafficRouting);
    if (!view || !canary || !tr) return;
    const using = `This Rollout routes with ${routerNames(tr)}.`;
    const plugins = hasPlugins(tr);
    if (present(canary.pingPong) && !present(tr.alb) && !present(tr.istio) && !plugins) {
      ctx.report({
        path: [...CANARY, 'pingPong'],
        onKey: true,
        message: explain(fieldError('spec.strategy.trafficRouting.alb', 'Invalid value', null, PingPongWithRouterOnlyMessage), `${using} Use stableService/canaryService instead of pingPong.`),
      });
    }
    const maxWeight = int(tr.maxTrafficWeight);
    if (maxWeight !== undefined && !present(tr.nginx) && !plugins) {
      ctx.report({
        path: [...TRAFFIC_ROUTING, 'maxTrafficWeight'],
        message: explain(fieldError('spec.strategy.trafficRouting.maxTrafficWeight', 'Invalid value', maxWeight, InvalidCanaryMaxWeightOnlySupportInNginxAndPlugins), `${using} Remove maxTrafficWeight; weights are percentages (0–100).`),
        fixes: [{ title: 'Remove maxTrafficWeight', edits: [{ op: 'remove', path: [...TRAFFIC_ROUTING, 'maxTrafficWeight'] }] }],
      });
    }
    for (const { index, step, path } of canarySteps(view)) {
      const at = `spec.strategy.steps[${index}]`;
      if (present(step.setHeaderRoute) && !present(tr.istio) && !present(tr.alb) && !present(tr.apisix) && !plugins) {
        ctx.report({
          path: [...path, 'setHeaderRoute'],
          onKey: true,
          message: explain(fieldError(`${at}.setHeaderRoute`, 'Invalid value', setHeaderRouteJson(step.setHeaderRoute), InvalidSetHeaderRouteTrafficPolicy), `${using} Header routing needs Istio, ALB, Apisix or a plugin.`),
        });
      }
      if (present(step.setMirrorRoute) && !present(tr.istio) && !plugins) {
        ctx.report({
          path: [...path, 'setMirrorRoute'],
          onKey: true,
          message: explain(fieldError(`${at}.setMirrorRoute`, 'Invalid value', setMirrorRouteJson(step.setMirrorRoute), InvalidSetMirrorRouteTrafficPolicy), `${using} Mirroring needs Istio or a plugin.`),
        });
      }
      if (present(tr.alb) || present(tr.smi) || present(tr.istio) || plugins) continue;
      list(obj(step.experiment)?.templates).forEach((t, k) => {
        const weight = int(obj(t)?.weight);
        if (weight === undefined) return;
        ctx.report({
          path: [...path, 'experiment', 'templates', k, 'weight'],
          message: explain(fieldError(`${at}.experiment.templates[${k}].weight`, 'Invalid value', weight, InvalidCanaryExperimentTemplateWeightRouter), `${using} Remove the weight (the experiment then gets no traffic share) or route with SMI, ALB, Istio or a plugin.`),
          fixes: [{ title: 'Remove the weight', edits: [{ op: 'remove', path: [...path, 'experiment', 'templates', k, 'weight'] }] }],
        });
      });
    }
  },
};

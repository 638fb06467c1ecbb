import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import {
  AlbIngressBoth,
  AlbIngressNeither,
  AmbassadorMappingsRequired,
  AppMeshVirtualServiceRequired,
  IstioVirtualServiceConfig,
  NginxIngressBoth,
  NginxIngressNeither,
} from '../../semantics/rollouts/messages';
import { goStr, list, obj, present, rolloutView, TRAFFIC_ROUTING, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const UPSTREAM_TR = 'spec.strategy.canary.trafficRouting';

export const rule: Rule = {
  id: 'rollouts/traffic-routing-target-count',
  description:
    'A traffic router names none or both of its single and list forms (nginx stableIngress/stableIngresses, alb ingress/ingresses, istio virtualService/virtualServices), or Ambassador has no mappings, or App Mesh no virtualService.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation_references.go ValidateRolloutNginxIngressesConfig / ValidateRolloutAlbIngressesConfig / ValidateRolloutVirtualServicesConfig and rollout/controller.go lookups, R4, R5, R7, R9, R11 (argo-rollouts.md §1.5)',
  check(rollout, ctx) {
    const canary = validatedCanary(rolloutView(rollout.value));
    const tr = obj(canary?.trafficRouting);
    if (!tr) return;
    const pair = (router: string, single: string, many: string, both: string, neither: string, meaning: string) => {
      const r = obj(tr[router]);
      if (!r) return;
      const hasSingle = router === 'istio' ? present(r[single]) : goStr(r[single]) !== '';
      const hasMany = present(r[many]);
      if (hasSingle === hasMany) {
        ctx.report({
          path: hasSingle ? [...TRAFFIC_ROUTING, router, many] : [...TRAFFIC_ROUTING, router],
          onKey: true,
          message: explain(fieldError(`${UPSTREAM_TR}.${router}`, 'Internal error', undefined, hasSingle ? both : neither), meaning),
        });
      }
    };
    pair('nginx', 'stableIngress', 'stableIngresses', NginxIngressBoth, NginxIngressNeither, 'Name the stable Ingress with `stableIngress`, or several with `stableIngresses`, not both.');
    pair('alb', 'ingress', 'ingresses', AlbIngressBoth, AlbIngressNeither, 'Name the Ingress with `ingress`, or several with `ingresses`, not both.');
    pair('istio', 'virtualService', 'virtualServices', IstioVirtualServiceConfig, IstioVirtualServiceConfig, 'Use `virtualService` for one VirtualService or `virtualServices` for several, not both.');
    const ambassador = obj(tr.ambassador);
    if (ambassador && 'mappings' in ambassador && list(ambassador.mappings).length === 0) {
      ctx.report({
        path: [...TRAFFIC_ROUTING, 'ambassador', 'mappings'],
        onKey: true,
        message: explain(fieldError(`${UPSTREAM_TR}.ambassador.mappings`, 'Invalid value', null, AmbassadorMappingsRequired), 'List the Ambassador Mappings whose traffic the canary shares.'),
      });
    }
    const appMesh = obj(tr.appMesh);
    if (appMesh && !present(appMesh.virtualService)) {
      ctx.report({
        path: [...TRAFFIC_ROUTING, 'appMesh'],
        onKey: true,
        message: explain(fieldError(`${UPSTREAM_TR}.appmesh.virtualService`, 'Invalid value', null, AppMeshVirtualServiceRequired), 'Name the App Mesh VirtualService whose router the canary uses.'),
      });
    }
  },
};

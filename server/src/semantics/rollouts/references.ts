/**
 * The objects a Rollout names, with the paths the controller prints for them
 * (rollout/controller.go getReferencedServices / getReferencedIngresses, istio controller
 * GetReferencedVirtualServices; argo-rollouts.md §1.5 R1, R6, R8).
 */
import type { PathSeg } from '../../engine/yaml-nodes';
import { perObject } from '../memo';
import { BLUE_GREEN, CANARY, TRAFFIC_ROUTING, goStr, list, obj, present, str, type Obj, type RolloutView } from './spec';


export type ServiceRole = 'ActiveService' | 'PreviewService' | 'StableService' | 'CanaryService' | 'PingService' | 'PongService';

export interface ServiceRef {
  role: ServiceRole;
  name: string;
  /** Where the name is in the Rollout. */
  path: PathSeg[];
  /** Upstream field path (GetServiceWithTypeFieldPath). */
  field: string;
}

/** Services the controller looks up: blueGreen active/preview, else canary stable/canary and ping/pong. */
export const serviceRefs: (view: RolloutView) => readonly ServiceRef[] = perObject(computeServiceRefs);

function computeServiceRefs(view: RolloutView): ServiceRef[] {
  const out: ServiceRef[] = [];
  const add = (role: ServiceRole, base: PathSeg[], key: string, field: string, holder: Obj | undefined) => {
    const name = goStr(holder?.[key]);
    if (name) out.push({ role, name, path: [...base, key], field });
  };
  if (view.blueGreen) {
    add('ActiveService', BLUE_GREEN, 'activeService', 'spec.strategy.blueGreen.activeService', view.blueGreen);
    add('PreviewService', BLUE_GREEN, 'previewService', 'spec.strategy.blueGreen.previewService', view.blueGreen);
  } else if (view.canary) {
    add('StableService', CANARY, 'stableService', 'spec.strategy.canary.stableService', view.canary);
    add('CanaryService', CANARY, 'canaryService', 'spec.strategy.canary.canaryService', view.canary);
    const pingPong = obj(view.canary.pingPong);
    if (pingPong) {
      add('PingService', [...CANARY, 'pingPong'], 'pingService', 'spec.strategy.canary.pingPong.pingService', pingPong);
      add('PongService', [...CANARY, 'pingPong'], 'pongService', 'spec.strategy.canary.pingPong.pongService', pingPong);
    }
  }
  return out;
}

export interface IngressRef {
  router: 'alb' | 'nginx';
  name: string;
  path: PathSeg[];
  /** Upstream field path of the lookup (R6, note nginx `StableIngresses` with a capital S). */
  lookupField: string;
  /** The value the lookup error prints: the name, or the whole list. */
  lookupValue: unknown;
  /** Upstream field path of the backend check (V4). */
  checkField: string;
  /** The Service the ingress must route to: alb rootService or stableService, nginx stableService. */
  service: string;
}

/**
 * Ingresses the controller fetches: ALB's when alb is set, else NGINX's; the list form wins when
 * present. Nothing when the single/list configuration is itself invalid (R4/R5 come first).
 */
export const ingressRefs: (view: RolloutView) => readonly IngressRef[] = perObject(computeIngressRefs);

function computeIngressRefs(view: RolloutView): IngressRef[] {
  const tr = view.trafficRouting;
  const canary = view.canary;
  if (!tr || !canary || view.blueGreen) return [];
  const stable = goStr(canary.stableService);
  const alb = obj(tr.alb);
  const nginx = obj(tr.nginx);
  const base = 'spec.strategy.canary.trafficRouting';
  if (alb) {
    const service = goStr(alb.rootService) || stable;
    if (present(alb.ingresses) === (goStr(alb.ingress) !== '')) return [];
    if (present(alb.ingresses)) {
      const names = list(alb.ingresses);
      return names.flatMap((n, i) => (typeof n === 'string' ? [{ router: 'alb' as const, name: n, path: [...TRAFFIC_ROUTING, 'alb', 'ingresses', i], lookupField: `${base}.alb.ingresses`, lookupValue: names, checkField: `${base}.alb.ingresses`, service }] : []));
    }
    const name = goStr(alb.ingress);
    return [{ router: 'alb', name, path: [...TRAFFIC_ROUTING, 'alb', 'ingress'], lookupField: `${base}.alb.ingress`, lookupValue: name, checkField: `${base}.alb.ingress`, service }];
  }
  if (nginx) {
    if (present(nginx.stableIngresses) === (goStr(nginx.stableIngress) !== '')) return [];
    if (present(nginx.stableIngresses)) {
      const names = list(nginx.stableIngresses);
      return names.flatMap((n, i) => (typeof n === 'string' ? [{ router: 'nginx' as const, name: n, path: [...TRAFFIC_ROUTING, 'nginx', 'stableIngresses', i], lookupField: `${base}.nginx.StableIngresses`, lookupValue: names, checkField: `${base}.nginx.stableIngresses`, service: stable }] : []));
    }
    const name = goStr(nginx.stableIngress);
    return [{ router: 'nginx', name, path: [...TRAFFIC_ROUTING, 'nginx', 'stableIngress'], lookupField: `${base}.nginx.stableIngress`, lookupValue: name, checkField: `${base}.nginx.stableIngress`, service: stable }];
  }
  return [];
}

export interface VirtualServiceRef {
  /** As written: `name`, or `name.namespace` (a `.cluster.local` suffix is stripped). */
  raw: string;
  name: string;
  namespace?: string;
  entry: Obj;
  path: PathSeg[];
  /** `…istio.virtualService.name` or `…istio.virtualServices.name`. */
  field: string;
}

/** istioutil.GetVirtualServiceNamespaceName: the last dot-separated part is the namespace. */
export function virtualServiceNamespaceName(raw: string): { name: string; namespace?: string } {
  const fields = raw.replace(/\.cluster\.local$/, '').split('.');
  if (fields.length >= 2) return { name: fields.slice(0, -1).join('.'), namespace: fields[fields.length - 1] };
  return { name: fields[0] };
}

/** VirtualServices named by istio routing, when its single/list configuration is valid (R7). */
export const virtualServiceRefs: (view: RolloutView) => readonly VirtualServiceRef[] = perObject(computeVirtualServiceRefs);

function computeVirtualServiceRefs(view: RolloutView): VirtualServiceRef[] {
  const istio = obj(view.trafficRouting?.istio);
  if (!istio || view.blueGreen) return [];
  const multiple = present(istio.virtualServices);
  if (multiple === present(istio.virtualService)) return [];
  const base = 'spec.strategy.canary.trafficRouting.istio';
  const entries: Array<[unknown, PathSeg[]]> = multiple
    ? list(istio.virtualServices).map((v, i) => [v, [...TRAFFIC_ROUTING, 'istio', 'virtualServices', i]])
    : [[istio.virtualService, [...TRAFFIC_ROUTING, 'istio', 'virtualService']]];
  const out: VirtualServiceRef[] = [];
  for (const [v, path] of entries) {
    const entry = obj(v);
    const raw = str(entry?.name);
    if (!entry || !raw) continue;
    out.push({ raw, ...virtualServiceNamespaceName(raw), entry, path: [...path, 'name'], field: multiple ? `${base}.virtualServices.name` : `${base}.virtualService.name` });
  }
  return out;
}

/**
 * Istio VirtualService checks of the Rollouts controller (validation_references.go
 * ValidateVirtualService and rollout/trafficrouting/istio/istio.go ValidateHTTPRoutes /
 * ValidateTlsRoutes / ValidateTcpRoutes; argo-rollouts.md §1.5 V5).
 */
import { IstioNoRoutes, istioInvalidRoutes, istioUnableToGet } from './messages';
import { goStr, int, isObj, list, obj, present, str, type Obj } from './spec';

type RouteKind = 'HTTP' | 'TLS' | 'TCP';

export interface VsProblem {
  /** Detail for `<field>: Invalid value: "<vs>": <detail>`. */
  detail: string;
  /** Where in the VirtualService, for related information. */
  path: (string | number)[];
}

/** trafficrouting.GetStableAndCanaryServices(ro, false): ping-pong names only when both are unset. */
export function stableAndCanaryServices(canary: Obj): { stable: string; canary: string } {
  const stable = goStr(canary.stableService);
  const canarySvc = goStr(canary.canaryService);
  const pingPong = obj(canary.pingPong);
  // status.canary.stablePingPong is empty in a manifest, so the pong Service is the stable one.
  if (pingPong && stable === '' && canarySvc === '') return { stable: goStr(pingPong.pongService), canary: goStr(pingPong.pingService) };
  return { stable, canary: canarySvc };
}

/** getHost: the destination host up to its first dot ("" when it starts with one). */
function hostOf(dest: Obj): string {
  const host = goStr(obj(dest.destination)?.host);
  const idx = host.indexOf('.');
  return idx > 0 ? host.slice(0, idx) : idx < 0 ? host : '';
}

/** Whether encoding/json could decode the route list into the controller's typed routes. */
function decodes(routes: unknown[], kind: RouteKind): boolean {
  const okStr = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  const okInt = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isInteger(v));
  const okList = (v: unknown) => v === undefined || v === null || Array.isArray(v);
  for (const r of routes) {
    if (r === null) continue;
    if (!isObj(r) || !okList(r.route) || (kind === 'HTTP' && !okStr(r.name)) || (kind !== 'HTTP' && !okList(r.match))) return false;
    for (const d of list(r.route)) {
      if (d === null) continue;
      if (!isObj(d) || !okInt(d.weight) || (present(d.destination) && !isObj(d.destination))) return false;
      const dest = obj(d.destination);
      if (dest && (!okStr(dest.host) || !okStr(dest.subset) || (present(dest.port) && !isObj(dest.port)) || !okInt(obj(dest.port)?.number))) return false;
    }
    if (kind !== 'HTTP') {
      for (const m of list(r.match)) {
        if (m === null) continue;
        if (!isObj(m) || !okInt(m.port) || !okList(m.sniHosts)) return false;
      }
    }
  }
  return true;
}

function destinationProblem(routes: unknown[], services: { stable: string; canary: string }, dRule: Obj | undefined): string | undefined {
  let hasStableSvc = false;
  let hasCanarySvc = false;
  let hasStableSubset = false;
  let hasCanarySubset = false;
  for (const d of routes) {
    const dest = obj(d);
    if (!dest) continue;
    const host = hostOf(dest);
    if (services.stable !== '' && host === services.stable) hasStableSvc = true;
    if (services.canary !== '' && host === services.canary) hasCanarySvc = true;
    if (dRule) {
      const subset = goStr(obj(dest.destination)?.subset);
      if (goStr(dRule.stableSubsetName) !== '' && subset === goStr(dRule.stableSubsetName)) hasStableSubset = true;
      if (goStr(dRule.canarySubsetName) !== '' && subset === goStr(dRule.canarySubsetName)) hasCanarySubset = true;
    }
  }
  if (dRule) {
    if (!hasCanarySubset) return `Canary DestinationRule subset '${goStr(dRule.canarySubsetName)}' not found in route`;
    if (!hasStableSubset) return `Stable DestinationRule subset '${goStr(dRule.stableSubsetName)}' not found in route`;
    return undefined;
  }
  if (!hasCanarySvc) return `Canary Service '${services.canary}' not found in route`;
  if (!hasStableSvc) return `Stable Service '${services.stable}' not found in route`;
  return undefined;
}

function httpProblem(canary: Obj, entry: Obj, http: unknown[]): { detail: string; index?: number } | undefined {
  const tr = obj(canary.trafficRouting) ?? {};
  const dRule = obj(obj(tr.istio)?.destinationRule);
  const services = stableAndCanaryServices(canary);
  const routeNames = list(entry.routes).filter((n): n is string => typeof n === 'string');
  const routes = http.map((r) => obj(r) ?? {});
  let indexes: number[] = [];
  if (routeNames.length === 0) {
    if (routes.length === 1) indexes = [0];
    else {
      const i = routes.findIndex((r) => goStr(r.name) === '');
      if (i >= 0) indexes = [i];
    }
  } else {
    for (const name of routeNames) {
      const i = routes.findIndex((r) => goStr(r.name) === name);
      if (i < 0) return { detail: `HTTP Route '${name}' is not found in the defined Virtual Service.` };
      indexes.push(i);
    }
  }
  for (const i of indexes) {
    const p = destinationProblem(list(routes[i].route), services, dRule);
    if (p) return { detail: p, index: i };
  }
  const managed = new Set(list(tr.managedRoutes).map((m) => goStr(obj(m)?.name)));
  const unmanaged = routes.filter((r) => !(typeof r.name === 'string' && managed.has(r.name)));
  if (routeNames.length === 0 && unmanaged.length > 1) {
    return { detail: 'spec.http[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.routes' };
  }
  return undefined;
}

function portOf(route: Obj): number | undefined | 'many' {
  const ports = new Set(list(route.match).map((m) => int(obj(m)?.port) ?? 0));
  if (ports.size > 1) return 'many';
  return ports.size === 1 ? [...ports][0] : 0;
}

function sameHosts(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const left = new Set(a);
  return b.every((x) => left.has(x));
}

function l4Problem(kind: 'TLS' | 'TCP', canary: Obj, wanted: unknown[], routes: unknown[]): { detail: string; index?: number } | undefined {
  const tr = obj(canary.trafficRouting) ?? {};
  const dRule = obj(obj(tr.istio)?.destinationRule);
  const services = stableAndCanaryServices(canary);
  const rs = routes.map((r) => obj(r) ?? {});
  let indexes: number[] = [];
  if (wanted.length === 0) {
    // Upstream patches route 0; with no route at all it would index out of range, so say nothing.
    if (rs.length === 0) return undefined;
    indexes = [0];
  } else {
    for (const w of wanted) {
      const want = obj(w) ?? {};
      const port = int(want.port) ?? 0;
      const hosts = list(want.sniHosts).filter((h): h is string => typeof h === 'string');
      const matches = rs
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => {
          const p = portOf(r);
          if (p === 'many' || p !== port) return false;
          if (kind === 'TCP') return true;
          const sni = [...new Set(list(r.match).flatMap((m) => list(obj(m)?.sniHosts).filter((h): h is string => typeof h === 'string')))];
          return sameHosts(hosts, sni);
        });
      if (matches.length === 0) return { detail: `No matching ${kind} routes found in the defined Virtual Service.` };
      indexes.push(...matches.map((m) => m.i));
    }
  }
  for (const i of indexes) {
    const p = destinationProblem(list(rs[i].route), services, dRule);
    if (p) return { detail: p, index: i };
  }
  if (wanted.length === 0 && rs.length > 1) {
    const lower = kind.toLowerCase();
    return { detail: `spec.${lower}[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.${lower}Routes` };
  }
  return undefined;
}

/** The problems the controller reports for one VirtualService the Rollout names, in its order. */
export function virtualServiceProblems(canary: Obj, entry: Obj, vs: Obj | undefined): VsProblem[] {
  const spec = obj(vs?.spec) ?? {};
  const http = Array.isArray(spec.http) ? spec.http : undefined;
  const tls = Array.isArray(spec.tls) ? spec.tls : undefined;
  const tcp = Array.isArray(spec.tcp) ? spec.tcp : undefined;
  const out: VsProblem[] = [];
  if (!http && !tls && !tcp) out.push({ detail: IstioNoRoutes, path: ['spec'] });
  const check = (kind: RouteKind, routes: unknown[] | undefined, key: string, validate: () => { detail: string; index?: number } | undefined) => {
    if (!routes) return;
    if (!decodes(routes, kind)) {
      out.push({ detail: istioUnableToGet(kind), path: ['spec', key] });
      return;
    }
    const p = validate();
    if (p) out.push({ detail: istioInvalidRoutes(kind, p.detail), path: p.index === undefined ? ['spec', key] : ['spec', key, p.index] });
  };
  check('HTTP', http, 'http', () => httpProblem(canary, entry, http!));
  check('TLS', tls, 'tls', () => l4Problem('TLS', canary, list(entry.tlsRoutes), tls!));
  check('TCP', tcp, 'tcp', () => l4Problem('TCP', canary, list(entry.tcpRoutes), tcp!));
  return out;
}

export const destinationRuleName = (canary: Obj): string | undefined => str(obj(obj(obj(canary.trafficRouting)?.istio)?.destinationRule)?.name);

// Shared by the cluster client tests: the live environment of scripts/cluster/with-cluster.sh
// (real kube-apiservers with the real Argo Rollouts controller), pinned configs, polling, and the
// status a user would see (the plugin's own algorithm, server/src/semantics/status).
import * as fs from 'node:fs';
import * as path from 'node:path';
import diagnostics from 'node:diagnostics_channel';
import type { KubeConfig } from '@kubernetes/client-node';
import { configForContext, loadKubeConfig } from '../../client/src/kube/kubeconfig';
import { kubeRequest } from '../../client/src/kube/request';
import type { KubeObject } from '../../client/src/kube/resources';
import { rolloutStatus, type RolloutInfo, type RolloutObjects } from '../../server/src/semantics/status';

export interface ClusterState {
  kubeconfig: string;
  viewerKubeconfig: string;
  metricsURL: string;
  clusters: Array<{ name: string; server: string; namespace: string; apiserverPid: number }>;
}

/**
 * The environment, or an error that says how to get one: these tests never pass without clusters.
 * Called at the top of every test file, so a file run without them fails instead of skipping.
 */
export function clusterEnv(): ClusterState {
  const missing = ['KUBECONFIG', 'FLEETSIM_STATE'].filter((v) => !process.env[v]);
  if (missing.length > 0) {
    throw new Error(`${missing.join(' and ')} not set: the cluster client tests need the live clusters; run them with \`npm run test:cluster-client\` (scripts/cluster/client-tests.sh)`);
  }
  const state = JSON.parse(fs.readFileSync(process.env.FLEETSIM_STATE!, 'utf8')) as ClusterState;
  if (!state.viewerKubeconfig) state.viewerKubeconfig = path.join(path.dirname(process.env.FLEETSIM_STATE!), 'kubeconfig-viewer');
  return state;
}

/** An admin config pinned to one context. */
export function admin(context: string): KubeConfig {
  return configForContext(loadKubeConfig(process.env.KUBECONFIG!).config, context);
}

/** The read-only user of the same contexts. */
export function viewer(state: ClusterState, context: string): KubeConfig {
  return configForContext(loadKubeConfig(state.viewerKubeconfig).config, context);
}

export const ROLLOUTS = (ns: string, name = ''): string => `/apis/argoproj.io/v1alpha1/namespaces/${ns}/rollouts${name ? `/${name}` : ''}`;

export async function get<T = KubeObject>(kc: KubeConfig, p: string): Promise<T> {
  return (await kubeRequest<T>(kc, { method: 'GET', path: p, verb: 'get', resource: p })).body;
}

export async function list(kc: KubeConfig, p: string): Promise<KubeObject[]> {
  return (await get<{ items: KubeObject[] }>(kc, p)).items ?? [];
}

export async function ensureNamespace(kc: KubeConfig, ns: string): Promise<void> {
  await kubeRequest(kc, { method: 'POST', path: '/api/v1/namespaces', body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }), verb: 'create', resource: 'namespaces' }).catch((err) => {
    if (err.kind !== 'conflict') throw err;
  });
}

/** Creates (or replaces) an object with server-side apply as a separate field manager, so the actions under test own nothing of it. */
export async function applyObject(kc: KubeConfig, collection: string, obj: KubeObject): Promise<KubeObject> {
  const res = await kubeRequest<KubeObject>(kc, { method: 'PATCH', path: `${collection}/${obj.metadata.name}?fieldManager=cluster-client-tests&force=true`, body: JSON.stringify(obj), contentType: 'application/apply-patch+yaml', verb: 'apply', resource: collection });
  return res.body;
}

export async function deleteObject(kc: KubeConfig, p: string): Promise<void> {
  await kubeRequest(kc, { method: 'DELETE', path: p, verb: 'delete', resource: p }).catch((err) => {
    if (err.kind !== 'notFound') throw err;
  });
}

export function canaryRollout(ns: string, name: string, image: string, steps: unknown[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 4,
      revisionHistoryLimit: 5,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
      strategy: { canary: { steps, ...extra } },
    },
  };
}

export function blueGreenRollout(ns: string, name: string, image: string): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
      strategy: { blueGreen: { activeService: `${name}-active`, previewService: `${name}-preview`, autoPromotionEnabled: false } },
    },
  };
}

export function service(ns: string, name: string, app: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app }, ports: [{ port: 80, targetPort: 8080 }] } };
}

/** The status the plugin (and the tree) shows for a Rollout, from the live objects of its namespace. */
export async function statusOf(kc: KubeConfig, ns: string, name: string): Promise<RolloutInfo> {
  const [rollout, replicaSets, pods, experiments, analysisRuns] = await Promise.all([
    get(kc, ROLLOUTS(ns, name)),
    list(kc, `/apis/apps/v1/namespaces/${ns}/replicasets`),
    list(kc, `/api/v1/namespaces/${ns}/pods`),
    list(kc, `/apis/argoproj.io/v1alpha1/namespaces/${ns}/experiments`),
    list(kc, `/apis/argoproj.io/v1alpha1/namespaces/${ns}/analysisruns`),
  ]);
  // client KubeObject and the status code's KubeObject describe the same JSON.
  return rolloutStatus({ rollout, replicaSets, pods, experiments, analysisRuns } as unknown as RolloutObjects);
}

/** Polls until `cond` holds (returns the last value) or fails with what was last seen. */
export async function waitFor<T>(what: string, fetch: () => Promise<T>, cond: (v: T) => boolean, timeoutMs = 90_000, show: (v: T) => string = (v) => JSON.stringify(v)): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastErr: unknown;
  while (Date.now() < end) {
    try {
      last = await fetch();
      if (cond(last)) return last;
    } catch (err) {
      lastErr = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last seen: ${last === undefined ? String(lastErr) : show(last)}`);
}

/** Waits for the plugin-computed status of a Rollout to satisfy `cond`. */
export function waitStatus(kc: KubeConfig, ns: string, name: string, what: string, cond: (s: RolloutInfo) => boolean, timeoutMs?: number): Promise<RolloutInfo> {
  return waitFor(`${ns}/${name} ${what}`, () => statusOf(kc, ns, name), cond, timeoutMs, (s) => `${s.status} "${s.message}" step ${s.step} generation ${s.generation} observed ${s.observedGeneration}`);
}

/** Healthy with the current spec observed (not the stale Healthy of the previous generation). */
export const healthy = (s: RolloutInfo): boolean => s.status === 'Healthy' && s.observedGeneration === String(s.generation);

/** Every HTTP(S) request this process starts, by `host:port`, while `fn` runs. */
export async function hostsContacted<T>(fn: () => Promise<T>): Promise<{ hosts: string[]; result?: T; error?: unknown }> {
  const hosts: string[] = [];
  const listener = (msg: unknown): void => {
    const req = (msg as { request: { getHeader(n: string): unknown; host?: string } }).request;
    hosts.push(String(req.getHeader('host') ?? req.host));
  };
  diagnostics.subscribe('http.client.request.start', listener);
  try {
    return { hosts, result: await fn() };
  } catch (error) {
    return { hosts, error };
  } finally {
    diagnostics.unsubscribe('http.client.request.start', listener);
  }
}

/** Scripts the fake Prometheus of the environment. */
export async function scriptMetric(state: ClusterState, match: string, value: string): Promise<void> {
  const res = await fetch(`${state.metricsURL}/script`, { method: 'PUT', body: JSON.stringify({ match, value }) });
  if (res.status !== 204) throw new Error(`PUT /script: ${res.status} ${await res.text()}`);
}

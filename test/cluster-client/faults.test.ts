// Faults a user meets against real API servers (project issue 6): an API server restarted under a
// live watch, a watch that expired (410 Gone), a user the cluster forbids, a CRD that is not
// installed. After each, what the user sees must be the server's truth — no stale or wrong object —
// and no request may go to a context other than the one at fault.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import * as fs from 'node:fs';
import { Informer } from '../../client/src/kube/informer';
import { Backoff } from '../../client/src/kube/backoff';
import { ClusterSession } from '../../client/src/kube/session';
import { kubeRequest } from '../../client/src/kube/request';
import type { KubeObject, ResourceType } from '../../client/src/kube/resources';
import { admin, applyObject, clusterEnv, deleteObject, ensureNamespace, hostsContacted, list, viewer, waitFor } from './env';

const state = clusterEnv();
const controlURL = (JSON.parse(fs.readFileSync(process.env.FLEETSIM_STATE!, 'utf8')) as { controlURL: string }).controlURL;
const serverOf = (context: string): string => state.clusters.find((c) => c.name === context)!.server;
const host = (context: string): string => new URL(serverOf(context)).host;

const CONFIGMAPS: ResourceType = { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true };
const SECRETS: ResourceType = { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true };
const cmPath = (ns: string, name = ''): string => `/api/v1/namespaces/${ns}/configmaps${name ? `/${name}` : ''}`;
const suffix = Date.now().toString(36);

const eu = admin('edge-eu-1');

function configMap(ns: string, name: string, value: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { value } } as KubeObject;
}

/** name → resourceVersion and data: what a view shows of each object. */
function view(objs: KubeObject[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of objs) out[`${o.metadata.namespace}/${o.metadata.name}`] = `${o.metadata.uid} rv=${o.metadata.resourceVersion} ${JSON.stringify((o as { data?: unknown }).data ?? o.status ?? null)}`;
  return out;
}

/** Waits until the informer is synced and its cache equals a fresh list from the server, exactly. */
async function cacheMatchesServer(inf: Informer, collection: string, timeoutMs = 30_000): Promise<Record<string, string>> {
  const kc = admin(inf.context);
  const truth = await waitFor(
    `${inf.context} ${collection}: the informer's cache equals a fresh list`,
    async () => ({ server: view(await list(kc, collection)), cache: view(inf.snapshot()), state: inf.state }),
    (v) => v.state === 'synced' && JSON.stringify(Object.entries(v.cache).sort()) === JSON.stringify(Object.entries(v.server).sort()),
    timeoutMs,
  );
  assert.equal(inf.error, undefined);
  return truth.server;
}

/** Requests this process sends (method and path), by host, while recording. */
function requestLog(): { entries: Array<{ at: number; host: string; method: string; path: string }>; stop(): void } {
  const entries: Array<{ at: number; host: string; method: string; path: string }> = [];
  const listener = (msg: unknown): void => {
    const req = (msg as { request: { getHeader(n: string): unknown; method: string; path: string } }).request;
    entries.push({ at: Date.now(), host: String(req.getHeader('host')), method: req.method, path: req.path });
  };
  diagnostics.subscribe('http.client.request.start', listener);
  return { entries, stop: () => diagnostics.unsubscribe('http.client.request.start', listener) };
}

/** Restarts one API server through the orchestrator's control endpoint; resolves once it is ready again. */
async function restartAPIServer(cluster: string, down: string): Promise<{ pid: number; oldPid: number; stopSeconds: number; downSeconds: number; readySeconds: number }> {
  const res = await fetch(`${controlURL}/restart-apiserver?cluster=${cluster}&down=${down}`, { method: 'POST' });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`restart-apiserver ${cluster}: HTTP ${res.status} ${text}`);
  return JSON.parse(text);
}

test('API server restarted mid-watch: reconnecting with ECONNREFUSED while down, then exactly the server\'s objects', async () => {
  const NS = `cc-restart-${suffix}`;
  await ensureNamespace(eu, NS);
  for (const n of ['keep', 'change', 'drop']) await applyObject(eu, cmPath(NS), configMap(NS, n, 'v1'));

  const states: string[] = [];
  const errors: string[] = [];
  const inf = new Informer(eu, CONFIGMAPS, { namespace: NS, coalesceMs: 10, backoff: new Backoff(200, 1000), onError: (e) => errors.push(`${inf.state} ${e.kind}: ${e.message}`) });
  let poll: NodeJS.Timeout | undefined;
  const { hosts, error } = await hostsContacted(async () => {
    inf.start();
    await cacheMatchesServer(inf, cmPath(NS));
    // A live watch: an update shows up without a relist.
    await applyObject(eu, cmPath(NS), configMap(NS, 'change', 'v2'));
    await cacheMatchesServer(inf, cmPath(NS));

    poll = setInterval(() => states.push(inf.state), 20);
    const t0 = Date.now();
    const restart = restartAPIServer('edge-eu-1', '4s');
    // While it is down the user sees "reconnecting" with the server that cannot be reached; the cache keeps the last objects.
    await waitFor('reconnecting with ECONNREFUSED', async () => ({ state: inf.state, error: inf.error?.message }), (v) => v.state === 'reconnecting' && /ECONNREFUSED/.test(v.error ?? ''), 20_000);
    assert.equal(inf.error?.kind, 'unreachable');
    assert.equal(inf.error?.message, `edge-eu-1: cannot reach the API server ${new URL(serverOf('edge-eu-1')).origin} (ECONNREFUSED)`);
    assert.deepEqual(inf.snapshot().map((o) => o.metadata.name).sort(), ['change', 'drop', 'keep'], 'the last known objects stay visible while reconnecting');
    const r = await restart;
    const restartMs = Date.now() - t0;
    assert.notEqual(r.pid, r.oldPid);

    // Changes right after the server is back (the informer may not have reconnected yet) ...
    await applyObject(eu, cmPath(NS), configMap(NS, 'during', 'v1'));
    await applyObject(eu, cmPath(NS), configMap(NS, 'change', 'v3'));
    await deleteObject(eu, cmPath(NS, 'drop'));
    const t1 = Date.now();
    await cacheMatchesServer(inf, cmPath(NS));
    const recoverMs = Date.now() - t1;
    // ... and after it reconnected, through the resumed watch.
    await applyObject(eu, cmPath(NS), configMap(NS, 'after', 'v1'));
    await applyObject(eu, cmPath(NS), configMap(NS, 'during', 'v2'));
    await deleteObject(eu, cmPath(NS, 'keep'));
    const truth = await cacheMatchesServer(inf, cmPath(NS));
    assert.deepEqual(Object.keys(truth).sort(), [`${NS}/after`, `${NS}/change`, `${NS}/during`]);
    assert.match(truth[`${NS}/change`], /"value":"v3"/);
    assert.match(truth[`${NS}/during`], /"value":"v2"/);
    console.log(`restart: ${JSON.stringify(r)}; restart call ${restartMs} ms; cache equal to the server ${recoverMs} ms after it was ready; errors seen: ${JSON.stringify([...new Set(errors)])}`);
  });
  clearInterval(poll);
  await inf.stop();
  assert.equal(error, undefined, String((error as Error | undefined)?.stack ?? error));
  assert.ok(states.includes('reconnecting'));
  assert.ok(!states.includes('error'), 'an informer that had synced never drops to "error" (its cache stays shown)');
  assert.deepEqual([...new Set(hosts)], [host('edge-eu-1')], 'only edge-eu-1 was contacted');
});

test('410 Gone: after a restart the resumed watch is too old for the new watch cache; the informer relists and shows exactly the server\'s objects', async () => {
  // A restarted kube-apiserver rebuilds its watch cache from the current etcd revision, so a watch
  // resumed from an older resourceVersion gets a real ERROR event "too old resource version" (410).
  const NS = `cc-gone-${suffix}`;
  const OTHER = `cc-gone-other-${suffix}`;
  await ensureNamespace(eu, NS);
  await ensureNamespace(eu, OTHER);
  for (const n of ['a', 'b']) await applyObject(eu, cmPath(NS), configMap(NS, n, 'v1'));
  const inf = new Informer(eu, CONFIGMAPS, { namespace: NS, coalesceMs: 10, backoff: new Backoff(200, 1000) });
  const log = requestLog();
  try {
    inf.start();
    await cacheMatchesServer(inf, cmPath(NS));
    const watches = log.entries.filter((e) => e.path.includes('watch=1'));
    const resumedFrom = new URL(watches[watches.length - 1].path, 'https://x').searchParams.get('resourceVersion');
    assert.ok(resumedFrom, 'the watch starts from the list\'s resourceVersion');
    // Writes the informer's namespace does not see move etcd's revision past the informer's resourceVersion.
    await applyObject(eu, cmPath(OTHER), configMap(OTHER, 'x', 'v1'));
    await applyObject(eu, cmPath(OTHER), configMap(OTHER, 'x', 'v2'));

    const restartAt = Date.now();
    await restartAPIServer('edge-eu-1', '1s');
    // Objects changed while the watch was away: only a relist can show the deletion and the new data.
    await deleteObject(eu, cmPath(NS, 'a'));
    await applyObject(eu, cmPath(NS), configMap(NS, 'b', 'v2'));
    await applyObject(eu, cmPath(NS), configMap(NS, 'c', 'v1'));
    const truth = await cacheMatchesServer(inf, cmPath(NS));
    assert.deepEqual(Object.keys(truth).sort(), [`${NS}/b`, `${NS}/c`]);

    const after = log.entries.filter((e) => e.at >= restartAt && e.host === host('edge-eu-1') && e.path.startsWith(`${cmPath(NS)}?`));
    const rvOf = (p: string): string | null => new URL(p, 'https://x').searchParams.get('resourceVersion');
    const firstList = after.findIndex((e) => !e.path.includes('watch=1'));
    assert.ok(firstList > 0, `the informer relisted after the restart: ${JSON.stringify(after.map((e) => e.path))}`);
    // Before the relist it tried to resume from the old resourceVersion (and nothing else made it list:
    // the informer lists only at start, on relist() and on 410 Gone).
    assert.equal(rvOf(after[firstList - 1].path), resumedFrom, `resumed from ${resumedFrom} before relisting: ${JSON.stringify(after.map((e) => e.path))}`);
    console.log(`410: resumed from resourceVersion ${resumedFrom}, then relisted; requests after the restart: ${JSON.stringify(after.map((e) => e.path))}`);
  } finally {
    log.stop();
    await inf.stop();
  }
});

test('forbidden: the read-only user cannot list secrets — state "error", a message naming verb and resource, only that context contacted', async () => {
  const inf = new Informer(viewer(state, 'edge-eu-1'), SECRETS, { namespace: 'payments', backoff: new Backoff(200, 1000) });
  const { hosts, error } = await hostsContacted(async () => {
    inf.start();
    await waitFor('forbidden', async () => inf.state, (s) => s === 'error', 20_000);
    // It keeps retrying (the binding may be granted later), still only against edge-eu-1.
    await new Promise((r) => setTimeout(r, 1500));
  });
  await inf.stop();
  assert.equal(error, undefined);
  assert.equal(inf.error?.kind, 'forbidden');
  assert.equal(inf.error?.status, 403);
  assert.match(inf.error!.message, /^edge-eu-1: forbidden to list secrets: secrets is forbidden: User "fleetsim-viewer" cannot list resource "secrets" in API group "" in the namespace "payments"$/);
  assert.deepEqual(inf.snapshot(), []);
  assert.ok(hosts.length >= 2, 'it retried');
  assert.deepEqual([...new Set(hosts)], [host('edge-eu-1')], 'only edge-eu-1 was contacted');
});

test('access revoked while watching: the next list is forbidden, the informer shows "reconnecting" with the 403, and recovers exactly once access is back', async () => {
  const NS = `cc-revoke-${suffix}`;
  await ensureNamespace(eu, NS);
  for (const n of ['one', 'two']) await applyObject(eu, cmPath(NS), configMap(NS, n, 'v1'));
  const ROLE = `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles`;
  const BINDING = `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`;
  await applyObject(eu, ROLE, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'cm-reader', namespace: NS }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }] } as never);
  const grant = (): Promise<KubeObject> => applyObject(eu, BINDING, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'viewers-cm', namespace: NS }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-reader' }, subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'fleetsim:viewers' }] } as never);
  await grant();
  const kc = viewer(state, 'edge-eu-1');
  // RBAC changes reach the authorizer through its informers: wait until the grant is in effect.
  await waitFor('viewer may list configmaps', () => list(kc, cmPath(NS)), () => true, 20_000);

  const inf = new Informer(kc, CONFIGMAPS, { namespace: NS, coalesceMs: 10, backoff: new Backoff(200, 1000) });
  const { hosts, error } = await hostsContacted(async () => {
    inf.start();
    await cacheMatchesServer(inf, cmPath(NS));
    await deleteObject(eu, `${BINDING}/viewers-cm`);
    await waitFor('viewer forbidden', () => kubeRequest(kc, { method: 'GET', path: cmPath(NS), verb: 'list', resource: 'configmaps' }).then(() => 'allowed', (e) => e.kind), (k) => k === 'forbidden', 20_000);
    // An open watch is not cut by the API server when access is revoked; the next list is refused.
    inf.relist();
    await waitFor('reconnecting with forbidden', async () => ({ state: inf.state, kind: inf.error?.kind }), (v) => v.state === 'reconnecting' && v.kind === 'forbidden', 20_000);
    assert.match(inf.error!.message, new RegExp(`^edge-eu-1: forbidden to list configmaps: configmaps is forbidden: User "fleetsim-viewer" cannot list resource "configmaps" in API group "" in the namespace "${NS}"$`));
    assert.deepEqual(inf.snapshot().map((o) => o.metadata.name).sort(), ['one', 'two'], 'the last known objects stay shown, marked reconnecting');
    // Changed meanwhile; shown once access is back.
    await deleteObject(eu, cmPath(NS, 'one'));
    await applyObject(eu, cmPath(NS), configMap(NS, 'three', 'v1'));
    await grant();
    const truth = await cacheMatchesServer(inf, cmPath(NS), 30_000);
    assert.deepEqual(Object.keys(truth).sort(), [`${NS}/three`, `${NS}/two`]);
  });
  await inf.stop();
  assert.equal(error, undefined, String((error as Error | undefined)?.stack ?? error));
  assert.deepEqual([...new Set(hosts)], [host('edge-eu-1')], 'only edge-eu-1 was contacted');
});

test('a CRD that is not installed: analysisRuns on the hub and fleetClusters on edge-eu-1 say so; the other informers of the session keep working', async () => {
  const session = new ClusterSession({ kubeconfigPath: process.env.KUBECONFIG });
  const hub = admin('hub');
  const NS = `cc-crd-${suffix}`;
  const CLUSTERS = (ns = ''): string => `/apis/fleet.cattle.io/v1alpha1${ns ? `/namespaces/${ns}` : ''}/clusters`;
  try {
    session.setWatched(['hub', 'edge-eu-1']);
    const runs = session.informer('hub', 'analysisRuns')!;
    const fleet = session.informer('hub', 'fleetClusters')!;
    const edgeFleet = session.informer('edge-eu-1', 'fleetClusters')!;
    const rollouts = session.informer('edge-eu-1', 'rollouts')!;

    await waitFor('missing CRDs reported', async () => [runs.state, edgeFleet.state], (s) => s.every((x) => x === 'error'), 20_000);
    assert.equal(runs.error?.kind, 'notFound');
    assert.equal(runs.error?.message, 'hub: analysisruns.argoproj.io is not installed on this cluster (the AnalysisRun CRD is missing)');
    assert.equal(edgeFleet.error?.message, 'edge-eu-1: clusters.fleet.cattle.io is not installed on this cluster (the Cluster CRD is missing)');
    assert.deepEqual(runs.snapshot(), []);

    const hubTruth = await cacheMatchesServer(fleet, CLUSTERS());
    assert.ok(Object.keys(hubTruth).length >= 2, 'the demo seed\'s Fleet clusters');
    const euTruth = await cacheMatchesServer(rollouts, '/apis/argoproj.io/v1alpha1/rollouts');
    assert.ok(Object.keys(euTruth).some((k) => k === 'payments/checkout-api'));
    // The working informer follows changes while its neighbour is failing.
    await ensureNamespace(hub, NS);
    await applyObject(hub, CLUSTERS(NS), { apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'Cluster', metadata: { name: 'store-test-001', namespace: NS, labels: { env: 'staging' } }, spec: {} } as never);
    await waitFor('new Fleet cluster seen', async () => fleet.get(NS, 'store-test-001'), (c) => c !== undefined, 20_000);
    await deleteObject(hub, `${CLUSTERS(NS)}/store-test-001`);
    await cacheMatchesServer(fleet, CLUSTERS());
    assert.equal(fleet.get(NS, 'store-test-001'), undefined);

    const health = Object.fromEntries(session.health('hub').resources.map((r) => [r.resource, `${r.state}${r.error ? ` ${r.error.message}` : ''}`]));
    assert.deepEqual(health, { analysisRuns: 'error hub: analysisruns.argoproj.io is not installed on this cluster (the AnalysisRun CRD is missing)', fleetClusters: 'synced' });
    assert.equal(runs.state, 'error', 'still failing, not flapping');
  } finally {
    await session.dispose();
    await deleteObject(hub, `/api/v1/namespaces/${NS}`);
  }
});

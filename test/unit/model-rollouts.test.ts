// The Rollouts tree's model on the plugin's own scenarios (info/testdata), fed in as the informer
// snapshots of two watched contexts: status text as `kubectl argo rollouts` prints it, step,
// weights, the current/last AnalysisRun with its metrics, revisions, per-context health, filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTree, phaseKind, rolloutsOf, type RolloutView, type SnapshotSource } from '../../client/src/model/rollouts';
import { contextHealth, type HealthInput } from '../../client/src/model/health';
import { parseFilter, matchesFilter } from '../../client/src/model/filter';
import { loadScenario, NOW_MS, type Scenario } from './status-testdata';
import type { KubeObject } from '../../client/src/kube/resources';

type Lists = Record<'rollouts' | 'replicaSets' | 'analysisRuns' | 'experiments', KubeObject[]>;

/** Scenario objects as an informer would hold them: keyed by namespace/name, so a later file wins. */
function snapshot(...scenarios: Scenario[]): Lists {
  const maps = { rollouts: new Map(), replicaSets: new Map(), analysisRuns: new Map(), experiments: new Map() } as Record<keyof Lists, Map<string, KubeObject>>;
  for (const s of scenarios) {
    const o = loadScenario(s);
    const put = (m: Map<string, KubeObject>, list: any[]) => list.forEach((x) => m.set(`${x.metadata.namespace}/${x.metadata.name}`, x));
    put(maps.rollouts, o.Rollouts);
    put(maps.replicaSets, o.ReplicaSets);
    put(maps.analysisRuns, o.AnalysisRuns);
    put(maps.experiments, o.Experiments);
  }
  return { rollouts: [...maps.rollouts.values()], replicaSets: [...maps.replicaSets.values()], analysisRuns: [...maps.analysisRuns.values()], experiments: [...maps.experiments.values()] };
}

const synced = (context: string): HealthInput => ({
  context,
  resources: ['rollouts', 'replicaSets', 'analysisRuns', 'experiments'].map((resource) => ({ resource, state: 'synced', lastSyncAt: NOW_MS - 1000 })),
});

function source(contexts: Record<string, Lists>, health: Record<string, HealthInput> = {}): SnapshotSource {
  return {
    watched: () => Object.keys(contexts),
    list: (context, resource) => contexts[context]?.[resource] ?? [],
    health: (context) => health[context] ?? synced(context),
  };
}

const ctxA = snapshot('blue-green', 'canary', 'experiment-analysis');
const ctxB = snapshot('experiment-step', 'rollout-aborted', 'rollout-invalid');
const src = source({ 'prod-eu-1': ctxA, 'prod-us-1': ctxB });

function find(context: string, name: string): RolloutView {
  const r = rolloutsOf(src, context).find((x) => x.name === name);
  assert.ok(r, `${context}/${name}`);
  return r;
}

test('tree: watched contexts in order → namespaces sorted → rollouts sorted by name', () => {
  const tree = buildTree(src, { now: NOW_MS });
  assert.deepEqual(
    tree.map((c) => [c.context, c.health.state, c.namespaces.map((n) => [n.namespace, n.rollouts.map((r) => r.name)])]),
    [
      ['prod-eu-1', 'ok', [['jesse-test', ['bluegreen-demo', 'canary-demo', 'canary-demo-pingpong', 'canary-demo-weights', 'canary-demo-weights-na', 'canary-demo-workloadRef', 'canary-demo-workloadRef-deploy', 'rollout-experiment-analysis']]]],
      ['prod-us-1', 'ok', [['default', ['rollout-background-analysis', 'rollout-invalid']], ['jesse-test', ['canary-demo']]]],
    ],
  );
  assert.equal(tree[0].total, 8);
});

test('blue-green: Paused with the plugin message, no canary progress, revisions with ReplicaSets and images', () => {
  const r = find('prod-eu-1', 'bluegreen-demo');
  assert.equal(r.statusText, 'Paused - BlueGreenPause');
  assert.equal(phaseKind(r.info), 'Paused');
  assert.equal(r.progress, '');
  assert.deepEqual(r.info.revisions.map((v) => [v.revision, v.replicaSets.map((s) => [s.name, s.status, s.images])]), [
    [11, [['bluegreen-demo-74b948fccb', 'Healthy', ['argoproj/rollouts-demo:green']]]],
    [10, [['bluegreen-demo-6cbccd9f99', 'Healthy', ['argoproj/rollouts-demo:blue']]]],
    [8, [['bluegreen-demo-746d5fddf6', 'ScaledDown', ['argoproj/rollouts-demo:red']]]],
  ]);
  assert.deepEqual(r.info.images.map((i) => `${i.image} (${i.tags.join(', ')})`), ['argoproj/rollouts-demo:blue (stable, active)', 'argoproj/rollouts-demo:green (preview)']);
  assert.equal(r.analysis, undefined);
});

test('canary: Degraded (progress deadline), step 0/8, set weight 20, actual weight 0 — as `get rollout` prints', () => {
  const r = find('prod-eu-1', 'canary-demo');
  assert.equal(r.statusText, 'Degraded - ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.');
  assert.equal(phaseKind(r.info), 'Degraded');
  assert.equal(r.info.step, '0/8');
  assert.equal(r.progress, 'step 0/8 · weight 20/0');
});

test('experiment + analysis: step 1/2, weight 25/25, the last AnalysisRun (Inconclusive) with its metric counts', () => {
  const r = find('prod-eu-1', 'rollout-experiment-analysis');
  assert.equal(r.progress, 'step 1/2 · weight 25/25');
  assert.ok(r.analysis);
  assert.equal(r.analysis.info.name, 'rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr');
  assert.equal(r.analysis.info.status, 'Inconclusive');
  assert.equal(r.analysis.running, false);
  assert.deepEqual([r.analysis.info.successful, r.analysis.info.failed, r.analysis.info.inconclusive, r.analysis.info.error], [4, 4, 1, 1]);
  assert.deepEqual(
    r.analysis.metrics.map((m) => [m.name, m.phase, m.successful, m.failed]),
    [['random-fail', 'Inconclusive', 4, 4]],
  );
  assert.deepEqual(r.info.revisions.map((v) => [v.revision, v.replicaSets.length, v.experiments.map((e) => e.status), v.analysisRuns.length]), [
    [2, 1, ['Running'], 1],
    [1, 1, [], 0],
  ]);
});

test('aborted: Degraded with RolloutAborted is shown as Aborted; the failed run names the failing metric', () => {
  const r = find('prod-us-1', 'rollout-background-analysis');
  assert.equal(r.statusText, 'Degraded - RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)');
  assert.equal(phaseKind(r.info), 'Aborted');
  assert.equal(r.progress, 'step 0/2 · weight 0/0');
  assert.ok(r.analysis);
  assert.equal(r.analysis.info.status, 'Failed');
  const web = r.analysis.metrics.find((m) => m.name === 'web');
  assert.ok(web);
  assert.equal(web.phase, 'Failed');
  assert.equal(web.failed, 1);
});

test('invalid spec and experiment step: the plugin status lines', () => {
  const invalid = find('prod-us-1', 'rollout-invalid');
  assert.match(invalid.statusText, /^Degraded - InvalidSpec: The Rollout "rollout-invalid" is invalid/);
  assert.equal(invalid.progress, 'weight 100/100');
  const step = find('prod-us-1', 'canary-demo');
  assert.equal(step.statusText, 'Progressing - more replicas need to be updated');
  assert.equal(phaseKind(step.info), 'Progressing');
  assert.equal(step.progress, 'step 0/1 · weight 0/0');
  // The running AnalysisRun belongs to the Experiment, shown under its revision.
  assert.deepEqual(step.info.revisions[0].experiments.map((e) => e.analysisRuns.map((a) => [a.name, a.status])), [[['canary-demo-645d5dbc4c-2-0-stress-test', 'Running']]]);
});

test('objects of another context never leak into a rollout of this one', () => {
  // canary-demo exists in both contexts (same namespace and name, different scenarios).
  const a = find('prod-eu-1', 'canary-demo');
  const b = find('prod-us-1', 'canary-demo');
  assert.notEqual(a.info.uid, b.info.uid);
  assert.ok(b.info.replicaSets.every((rs) => ctxB.replicaSets.some((o) => o.metadata.uid === rs.uid)));
  assert.ok(a.info.replicaSets.every((rs) => ctxA.replicaSets.some((o) => o.metadata.uid === rs.uid)));
});

test('filter: words must all match; status:, ns:, image: and -negation', () => {
  const names = (filter: string) => buildTree(src, { now: NOW_MS, filter }).flatMap((c) => c.namespaces.flatMap((n) => n.rollouts.map((r) => `${c.context}/${r.name}`)));
  assert.deepEqual(names('status:paused'), ['prod-eu-1/bluegreen-demo']);
  assert.deepEqual(names('status:aborted'), ['prod-us-1/rollout-background-analysis']);
  assert.deepEqual(names('us-1 ns:jesse'), ['prod-us-1/canary-demo']);
  assert.deepEqual(names('image:yellow'), ['prod-eu-1/rollout-experiment-analysis']);
  assert.deepEqual(names('prod-us-1 -invalid -jesse'), ['prod-us-1/rollout-background-analysis']);
  const tree = buildTree(src, { now: NOW_MS, filter: 'bluegreen' });
  assert.deepEqual(tree.map((c) => [c.context, c.shown, c.total, c.namespaces.length]), [['prod-eu-1', 1, 8, 1], ['prod-us-1', 0, 3, 0]]);
  assert.equal(matchesFilter(parseFilter(''), find('prod-eu-1', 'canary-demo')), true);
});

test('health: connecting, ok, reconnecting since the last sync, and each failure in its own words', () => {
  const now = NOW_MS;
  assert.deepEqual(contextHealth({ context: 'c', resources: [] }, now).state, 'connecting');
  assert.equal(contextHealth(synced('c'), now).label, 'connected');
  const reconnecting = contextHealth(
    { context: 'c', resources: [{ resource: 'rollouts', state: 'reconnecting', lastSyncAt: now - 125_000, error: { kind: 'unreachable', message: 'c: cannot reach the API server https://127.0.0.1:1 (ECONNREFUSED)' } }, { resource: 'replicaSets', state: 'synced', lastSyncAt: now - 1000 }] },
    now,
  );
  assert.deepEqual([reconnecting.state, reconnecting.label, reconnecting.hasData], ['reconnecting', 'reconnecting · last sync 2m5s ago', true]);
  assert.deepEqual(reconnecting.problems, ['c: cannot reach the API server https://127.0.0.1:1 (ECONNREFUSED)']);
  const down = contextHealth({ context: 'c', resources: [{ resource: 'rollouts', state: 'error', error: { kind: 'unreachable', message: 'm' } }] }, now);
  assert.deepEqual([down.state, down.label, down.hasData], ['unreachable', 'unreachable', false]);
  const forbidden = contextHealth({ context: 'c', resources: [{ resource: 'rollouts', state: 'synced', lastSyncAt: now }, { resource: 'analysisRuns', state: 'error', error: { kind: 'forbidden', message: 'c: forbidden to list analysisruns.argoproj.io' } }] }, now);
  assert.deepEqual([forbidden.state, forbidden.problems], ['forbidden', ['c: forbidden to list analysisruns.argoproj.io']]);
  const crd = contextHealth({ context: 'c', resources: [{ resource: 'rollouts', state: 'error', error: { kind: 'notFound', message: 'c: rollouts.argoproj.io is not installed on this cluster (the Rollout CRD is missing)' } }] }, now);
  assert.deepEqual([crd.state, crd.label], ['crdMissing', 'Argo Rollouts not installed']);
  // A workload cluster without Fleet: the inventory's Fleet informers find no CRD, which is normal there.
  const noFleet = contextHealth({ context: 'c', resources: [{ resource: 'rollouts', state: 'synced', lastSyncAt: now }, { resource: 'fleetClusters', state: 'error', error: { kind: 'notFound', message: 'c: clusters.fleet.cattle.io is not installed on this cluster (the Cluster CRD is missing)' } }] }, now);
  assert.deepEqual([noFleet.state, noFleet.label, noFleet.problems], ['ok', 'connected', []]);
  const expired = contextHealth({ context: 'c', resources: [{ resource: 'rollouts', state: 'reconnecting', lastSyncAt: now - 5000, error: { kind: 'unauthorized', message: 'c: the credentials were rejected (401 Unauthorized)' } }] }, now);
  assert.deepEqual([expired.state, expired.label, expired.hasData], ['unauthorized', 'credentials rejected', true]);
});

test('a broken context does not hide the others', () => {
  const tree = buildTree(source({ broken: { rollouts: [], replicaSets: [], analysisRuns: [], experiments: [] }, 'prod-eu-1': ctxA }, { broken: { context: 'broken', resources: [{ resource: 'rollouts', state: 'error', error: { kind: 'unreachable', message: 'broken: cannot reach the API server' } }] } }), { now: NOW_MS });
  assert.deepEqual(tree.map((c) => [c.context, c.health.state, c.total]), [['broken', 'unreachable', 0], ['prod-eu-1', 'ok', 8]]);
});

// The kubectl-plugin actions on a canary Rollout, against the real Argo Rollouts controller on
// edge-eu-1: each test checks the exact requests sent (method, path, content type, body bytes),
// that they went to edge-eu-1 only, and what the controller made of them (the status the plugin
// computes). The tests run in order on one Rollout.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { promote, abort, retry, pause, resume, restart, setImage, undo, describeAction, ActionError, MERGE_PATCH, JSON_PATCH, type ActionResult } from '../../client/src/actions';
import { undoPatchBody } from '../../client/src/actions/undo';
import { promotePatches } from '../../client/src/actions/promote';
import { admin, applyObject, canaryRollout, clusterEnv, ensureNamespace, get, healthy, hostsContacted, list, ROLLOUTS, statusOf, waitFor, waitStatus } from './env';
import type { KubeObject } from '../../client/src/kube/resources';

const state = clusterEnv();
const CONTEXT = 'edge-eu-1';
// A fresh namespace per run, so a rerun against a kept environment starts clean.
const NS = `cc-canary-${Date.now().toString(36)}`;
const NAME = 'checkout';
const kc = admin(CONTEXT);
const host = new URL(state.clusters.find((c) => c.name === CONTEXT)!.server).host;
const image = (v: string): string => `registry.example.com/cc/checkout:${v}`;
const path = ROLLOUTS(NS, NAME);

/** Runs an action and checks that it talked to edge-eu-1 and nothing else. */
async function onlyHere<T extends ActionResult>(fn: () => Promise<T>): Promise<T> {
  const { hosts, result, error } = await hostsContacted(fn);
  if (error) throw error;
  assert.ok(hosts.length > 0 && hosts.every((h) => h === host), `requests went to ${hosts.join(', ')}, not only ${host}`);
  assert.equal(result!.context, CONTEXT);
  return result!;
}

const keysSorted = (v: unknown): boolean => {
  if (Array.isArray(v)) return v.every(keysSorted);
  if (!v || typeof v !== 'object') return true;
  const keys = Object.keys(v);
  return keys.every((k, i) => i === 0 || keys[i - 1] < k) && Object.values(v).every(keysSorted);
};

const shape = (r: ActionResult): string[][] => r.requests.map((q) => [q.method, q.path, q.contentType ?? '', q.body ?? '']);

before(async () => {
  await ensureNamespace(kc, NS);
  await applyObject(kc, `/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts`, canaryRollout(NS, NAME, image('1.0'), [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: {} }]));
  await waitStatus(kc, NS, NAME, 'Healthy (first revision)', healthy);
});

test('set image: GET, then PUT of the whole Rollout (Go map encoding); the controller starts the update and stops at the first pause', async () => {
  const before = await get(kc, path);
  const r = await onlyHere(() => setImage(kc, NS, NAME, 'app', image('2.0')));
  assert.equal(r.message, 'rollout "checkout" image updated');
  assert.equal(r.attempts, 1);
  assert.deepEqual(r.requests.map((q) => [q.method, q.path, q.contentType, q.status]), [['GET', path, undefined, 200], ['PUT', path, 'application/json', 200]]);
  const body = r.requests[1].body!;
  assert.ok(body.endsWith('}\n'), 'a trailing newline, as json.Encoder writes');
  const sent = JSON.parse(body);
  assert.ok(keysSorted(sent), 'keys sorted at every level, as Go writes a map');
  assert.ok(body.startsWith('{"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","metadata":{"annotations":{'), body.slice(0, 120));
  assert.ok(!/[<>&]/.test(body), 'Go escapes <, > and &');
  assert.equal(sent.metadata.resourceVersion, before.metadata.resourceVersion, 'optimistic concurrency: the resourceVersion that was read');
  assert.equal(sent.spec.template.spec.containers[0].image, image('2.0'));
  const s = await waitStatus(kc, NS, NAME, 'paused at step 1', (s) => s.status === 'Paused' && s.message === 'CanaryPauseStep' && s.currentStepIndex === 1);
  assert.equal(s.step, '1/4');
  assert.equal(s.setWeight, '25');
});

test('unknown container: the plugin error, only the GET sent', async () => {
  await assert.rejects(setImage(kc, NS, NAME, 'sidecar', 'x'), (err: ActionError) => {
    assert.equal(err.message, 'unable to find container named "sidecar"');
    assert.deepEqual(err.requests.map((q) => q.method), ['GET']);
    return true;
  });
});

test('promote: GET, then {"status":{"pauseConditions":null}} on /status; the controller moves to the next pause', async () => {
  assert.equal(describeAction('promote', { context: CONTEXT, namespace: NS, name: NAME }), `Promote checkout in edge-eu-1/${NS}?`);
  const r = await onlyHere(() => promote(kc, NS, NAME));
  assert.equal(r.message, "rollout 'checkout' promoted");
  assert.deepEqual(shape(r), [
    ['GET', path, '', ''],
    ['PATCH', `${path}/status`, MERGE_PATCH, '{"status":{"pauseConditions":null}}'],
  ]);
  assert.deepEqual(r.patches, { status: '{"status":{"pauseConditions":null}}', unified: '{"spec":{"paused":false},"status":{"pauseConditions":null}}' });
  const s = await waitStatus(kc, NS, NAME, 'paused at step 3', (s) => s.status === 'Paused' && s.currentStepIndex === 3);
  assert.equal(s.setWeight, '50');
});

test('pause: {"spec":{"paused":true}} on the Rollout → "manually paused"; resume sends {"spec":{"paused":false}} and leaves the step pause', async () => {
  const p = await onlyHere(() => pause(kc, NS, NAME));
  assert.equal(p.message, "rollout 'checkout' paused");
  assert.deepEqual(shape(p), [['PATCH', path, MERGE_PATCH, '{"spec":{"paused":true}}']]);
  await waitStatus(kc, NS, NAME, 'manually paused', (s) => s.status === 'Paused' && s.message === 'manually paused' && s.observedGeneration === String(s.generation));

  const r = await onlyHere(() => resume(kc, NS, NAME));
  assert.equal(r.message, "rollout 'checkout' resumed");
  assert.deepEqual(shape(r), [
    ['GET', path, '', ''],
    ['PATCH', path, MERGE_PATCH, '{"spec":{"paused":false}}'],
  ]);
  const s = await waitStatus(kc, NS, NAME, 'back at its step pause', (s) => s.status === 'Paused' && s.message === 'CanaryPauseStep' && s.observedGeneration === String(s.generation));
  assert.equal(s.currentStepIndex, 3, `resume does not promote: ${JSON.stringify((await get(kc, path)).status)}`);

  await assert.rejects(resume(kc, NS, NAME), (err: ActionError) => {
    assert.match(err.message, /was not resumed: it is paused by the controller \(CanaryPauseStep\): promote it/);
    assert.deepEqual(err.requests.map((q) => q.method), ['GET'], 'no write when not paused by spec');
    return true;
  });
});

test('promote --full: {"status":{"promoteFull":true}} on /status → Healthy at step 4/4; again: only the GET', async () => {
  const r = await onlyHere(() => promote(kc, NS, NAME, { full: true }));
  assert.equal(r.message, "rollout 'checkout' fully promoted");
  assert.deepEqual(shape(r), [
    ['GET', path, '', ''],
    ['PATCH', `${path}/status`, MERGE_PATCH, '{"status":{"promoteFull":true}}'],
  ]);
  const s = await waitStatus(kc, NS, NAME, 'Healthy after promote --full', (s) => healthy(s) && s.step === '4/4');
  assert.equal(s.containers[0].image, image('2.0'));
  const again = await promote(kc, NS, NAME, { full: true });
  assert.deepEqual(shape(again), [['GET', path, '', '']]);
  assert.equal(again.message, "rollout 'checkout' fully promoted");
});

test('abort: {"status":{"abort":true}} on /status → Degraded "RolloutAborted: …"; retry: {"status":{"abort":false}} → the update starts again', async () => {
  await setImage(kc, NS, NAME, 'app', image('3.0'));
  await waitStatus(kc, NS, NAME, 'paused at step 1 (revision 3)', (s) => s.status === 'Paused' && s.currentStepIndex === 1 && s.observedGeneration === String(s.generation));

  const a = await onlyHere(() => abort(kc, NS, NAME));
  assert.equal(a.message, "rollout 'checkout' aborted");
  assert.deepEqual(shape(a), [['PATCH', `${path}/status`, MERGE_PATCH, '{"status":{"abort":true}}']]);
  const aborted = await waitStatus(kc, NS, NAME, 'Degraded (aborted)', (s) => s.status === 'Degraded');
  assert.equal(aborted.message, 'RolloutAborted: Rollout aborted update to revision 3');
  assert.equal(aborted.setWeight, '0');
  await waitStatus(kc, NS, NAME, 'canary scaled down', (s) => s.replicaSets.filter((rs) => rs.revision === 3).every((rs) => rs.replicas === 0) && s.available === 4);

  const r = await onlyHere(() => retry(kc, NS, NAME));
  assert.equal(r.message, "rollout 'checkout' retried");
  assert.deepEqual(shape(r), [['PATCH', `${path}/status`, MERGE_PATCH, '{"status":{"abort":false}}']]);
  const s = await waitStatus(kc, NS, NAME, 'paused at step 1 again', (s) => s.status === 'Paused' && s.message === 'CanaryPauseStep' && s.currentStepIndex === 1);
  assert.equal(s.setWeight, '25');
});

test('undo: GET, LIST ReplicaSets by selector, JSON patch of /spec/template with the previous revision → back to 2.0 at once', async () => {
  const ro = await get(kc, path);
  const rsList = await list(kc, `/apis/apps/v1/namespaces/${NS}/replicasets`);
  const previous = rsList.find((rs) => rs.metadata.annotations?.['rollout.argoproj.io/revision'] === '2') as KubeObject;
  assert.ok(previous, 'revision 2 exists');
  assert.equal(describeAction('undo', { context: CONTEXT, namespace: NS, name: NAME }), `Roll back checkout in edge-eu-1/${NS} to the previous revision?`);

  const r = await onlyHere(() => undo(kc, NS, NAME));
  assert.equal(r.message, "rollout 'checkout' undo");
  assert.equal(r.revision, 2);
  const expected = undoPatchBody(previous);
  assert.ok(!expected.includes('rollouts-pod-template-hash'));
  assert.deepEqual(shape(r), [
    ['GET', path, '', ''],
    ['GET', `/apis/apps/v1/namespaces/${NS}/replicasets?labelSelector=app%3Dcheckout`, '', ''],
    ['PATCH', path, JSON_PATCH, expected],
  ]);
  assert.match(expected, /^\[\{"op":"replace","path":"\/spec\/template","value":\{"metadata":\{/);
  assert.equal(JSON.parse(expected)[0].value.spec.containers[0].image, image('2.0'));
  assert.notEqual(ro.spec.template.spec.containers[0].image, image('2.0'));
  // The stable revision again: the controller rolls back without the steps.
  const s = await waitStatus(kc, NS, NAME, 'Healthy on 2.0', (s) => healthy(s) && s.containers[0]?.image === image('2.0') && s.step === '4/4');
  const current = s.replicaSets.find((rs) => rs.stable);
  assert.equal(current?.revision, 4, 'the rolled-back ReplicaSet gets the next revision');

  const skipped = await undo(kc, NS, NAME, { toRevision: 4 });
  assert.equal(skipped.message, 'skipped rollback (current template already matches revision 4)');
  assert.deepEqual(skipped.requests.map((q) => q.method), ['GET', 'GET']);
  await assert.rejects(undo(kc, NS, NAME, { toRevision: 99 }), /^Error: unable to find specified revision 99 in history$|unable to find specified revision 99 in history/);
});

test('restart: {\\n\\t"spec": {\\n\\t\\t"restartAt": "…"\\n\\t}\\n} → every pod replaced, status.restartedAt set', async () => {
  const podsBefore = (await list(kc, `/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${NAME}`)).map((p) => p.metadata.name);
  await new Promise((r) => setTimeout(r, 1000)); // restartAt has whole seconds: pods created in this second would count as new
  const r = await onlyHere(() => restart(kc, NS, NAME));
  assert.equal(r.message, "rollout 'checkout' restarts in 0s");
  assert.equal(r.requests.length, 1);
  const [q] = r.requests;
  assert.deepEqual([q.method, q.path, q.contentType], ['PATCH', path, MERGE_PATCH]);
  assert.equal(q.body, `{\n\t"spec": {\n\t\t"restartAt": "${r.restartAt}"\n\t}\n}`);
  assert.match(r.restartAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const s = await waitStatus(kc, NS, NAME, 'restarted', (s) => s.restartedAt !== undefined && healthy(s) && s.available === 4, 120_000);
  assert.equal(new Date(s.restartedAt!).toISOString().replace('.000', ''), r.restartAt);
  const pods = await waitFor(
    'old pods gone',
    () => list(kc, `/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${NAME}`),
    (ps) => ps.filter((p) => !p.metadata.deletionTimestamp).length === 4 && ps.every((p) => !podsBefore.includes(p.metadata.name)),
    60_000,
    (ps) => ps.map((p) => `${p.metadata.name}@${p.metadata.creationTimestamp}`).join(' '),
  );
  for (const p of pods) assert.ok(Date.parse(p.metadata.creationTimestamp!) >= Date.parse(r.restartAt), `${p.metadata.name} created after restartAt`);
  assert.equal((await statusOf(kc, NS, NAME)).status, 'Healthy');
});

test('getPatches: every branch of the plugin\'s promote algorithm', () => {
  const canary = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({ metadata: { name: 'x' }, spec: { ...spec, strategy: { canary: { steps: [{ setWeight: 10 }, { pause: {} }, { analysis: {} }] } } }, status });
  const bg = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({ metadata: { name: 'x' }, spec: { ...spec, strategy: { blueGreen: {} } }, status });
  const paused = { pauseConditions: [{ reason: 'CanaryPauseStep' }], controllerPause: true, currentStepIndex: 1 };
  const U = '{"spec":{"paused":false},"status":{"pauseConditions":null}}';
  assert.deepEqual(promotePatches(canary(paused)), { status: '{"status":{"pauseConditions":null}}', unified: U });
  assert.deepEqual(promotePatches(canary(paused, { paused: true })), { spec: '{"spec":{"paused":false}}', status: '{"status":{"pauseConditions":null}}', unified: U });
  // Running analysis (no pause condition): skip to the next step; at the end it stays at the end.
  assert.deepEqual(promotePatches(canary({ currentStepIndex: 2 })), { status: '{"status":{"pauseConditions":null, "currentStepIndex":3}}', unified: '{"spec":{"paused":false},"status":{"pauseConditions":null, "currentStepIndex":3}}' });
  assert.deepEqual(promotePatches(canary({ currentStepIndex: 3 })).status, '{"status":{"pauseConditions":null, "currentStepIndex":3}}');
  assert.deepEqual(promotePatches(canary({})).status, '{"status":{"pauseConditions":null, "currentStepIndex":1}}', 'unset index = 0');
  assert.deepEqual(promotePatches(canary({ ...paused, canary: { currentStepAnalysisRunStatus: { status: 'Inconclusive' } } })).status, '{"status":{"pauseConditions":null, "controllerPause":false, "currentStepIndex":2}}');
  // Inconclusive but not controller-paused: the ordinary pause-condition branch.
  assert.deepEqual(promotePatches(canary({ ...paused, controllerPause: false, canary: { currentStepAnalysisRunStatus: { status: 'Inconclusive' } } })).status, '{"status":{"pauseConditions":null}}');
  // Canary without steps, blue-green without pause conditions: nothing for status.
  assert.deepEqual(promotePatches({ metadata: { name: 'x' }, spec: { strategy: { canary: {} } }, status: {} }), { unified: U });
  assert.deepEqual(promotePatches(bg({})), { unified: U });
  assert.deepEqual(promotePatches(bg({ pauseConditions: [{ reason: 'BlueGreenPause' }] })), { status: '{"status":{"pauseConditions":null}}', unified: U });
  // --full
  assert.deepEqual(promotePatches(canary({ currentPodHash: 'a', stableRS: 'b' }, { paused: true }), true), { spec: '{"spec":{"paused":false}}', status: '{"status":{"promoteFull":true}}', unified: '{"spec":{"paused":false},"status":{"promoteFull":true}}' });
  assert.deepEqual(promotePatches(canary({ currentPodHash: 'a', stableRS: 'a' }), true), { unified: '{"spec":{"paused":false},"status":{"promoteFull":true}}' });
});

// Errors an operator must be able to act on, and the plugin's 404 fallback for clusters whose
// Rollouts CRD has no status subresource (before Argo Rollouts v0.10).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { abort, promote, retry, pause, ActionError, MERGE_PATCH } from '../../client/src/actions';
import { kubeRequest } from '../../client/src/kube/request';
import { admin, applyObject, clusterEnv, deleteObject, ensureNamespace, get, hostsContacted, ROLLOUTS, viewer, waitFor } from './env';

const state = clusterEnv();
const server = (context: string): string => new URL(state.clusters.find((c) => c.name === context)!.server).host;

test('the read-only user: promote fails with 403 naming the verb and the resource, and nothing goes to another context', async () => {
  const kc = viewer(state, 'edge-eu-1');
  // The demo seed's rollout waiting for promotion.
  const { hosts, error } = await hostsContacted(() => promote(kc, 'payments', 'payment-gateway'));
  assert.ok(error instanceof ActionError, String(error));
  assert.equal(error.kind, 'forbidden');
  assert.equal(error.cause?.status, 403);
  assert.match(error.message, /^edge-eu-1: forbidden to patch rollouts\.argoproj\.io\/status "payment-gateway" in namespace "payments": .*cannot patch resource "rollouts\/status" in API group "argoproj\.io" in the namespace "payments"/);
  assert.deepEqual(error.requests.map((q) => [q.method, q.path, q.status]), [
    ['GET', ROLLOUTS('payments', 'payment-gateway'), 200],
    ['PATCH', `${ROLLOUTS('payments', 'payment-gateway')}/status`, 403],
  ]);
  assert.deepEqual([...new Set(hosts)], [server('edge-eu-1')], 'only edge-eu-1 was contacted');
  // Still paused: nothing changed.
  const ro = await get(admin('edge-eu-1'), ROLLOUTS('payments', 'payment-gateway'));
  assert.equal(ro.status.pauseConditions?.[0]?.reason, 'CanaryPauseStep');

  const p = await hostsContacted(() => pause(viewer(state, 'edge-us-1'), 'shop', 'search'));
  assert.match((p.error as Error).message, /^edge-us-1: forbidden to patch rollouts\.argoproj\.io "search" in namespace "shop"/);
  assert.deepEqual([...new Set(p.hosts)], [server('edge-us-1')]);
});

test('a Rollout that does not exist: abort tries /status, then the Rollout (both 404), and says so', async () => {
  const kc = admin('edge-eu-1');
  await assert.rejects(abort(kc, 'payments', 'no-such-rollout'), (err: ActionError) => {
    assert.equal(err.kind, 'notFound');
    assert.match(err.message, /^edge-eu-1: rollouts\.argoproj\.io "no-such-rollout" in namespace "payments" not found/);
    assert.deepEqual(err.requests.map((q) => [q.method, q.path, q.body, q.status]), [
      ['PATCH', `${ROLLOUTS('payments', 'no-such-rollout')}/status`, '{"status":{"abort":true}}', 404],
      ['PATCH', ROLLOUTS('payments', 'no-such-rollout'), '{"status":{"abort":true}}', 404],
    ]);
    return true;
  });
});

// The hub runs no Rollouts controller and has no Rollouts CRD: install one the way Argo Rollouts
// before v0.10 did (no status subresource), so PATCH …/status is a real 404 from the API server.
const CRD = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/rollouts.argoproj.io';
const hub = admin('hub');
const NS = `cc-legacy-${Date.now().toString(36)}`;

after(async () => {
  await deleteObject(hub, CRD);
});

test('404 fallback against a Rollouts CRD without the status subresource: abort, retry and promote write through the main resource', async () => {
  const existing = await kubeRequest(hub, { method: 'GET', path: CRD, verb: 'get', resource: 'crd' }).then(() => true, () => false);
  assert.equal(existing, false, 'the hub must not have a Rollouts CRD before this test');
  await kubeRequest(hub, {
    method: 'POST',
    path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    verb: 'create',
    resource: 'crd',
    body: JSON.stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'rollouts.argoproj.io' },
      spec: { group: 'argoproj.io', scope: 'Namespaced', names: { plural: 'rollouts', singular: 'rollout', kind: 'Rollout', listKind: 'RolloutList' }, versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
    }),
  });
  await waitFor('CRD established', () => get(hub, CRD), (c) => (c.status?.conditions ?? []).some((x: { type: string; status: string }) => x.type === 'Established' && x.status === 'True'), 30_000);
  await ensureNamespace(hub, NS);
  const path = ROLLOUTS(NS, 'legacy');
  // Without a status subresource the main resource stores status too (as a v0.9 controller wrote it).
  await waitFor('Rollout created', () => applyObject(hub, ROLLOUTS(NS), { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'legacy', namespace: NS }, spec: { replicas: 1, strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } } }, status: { currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-01-01T00:00:00Z' }], controllerPause: true } } as never), () => true, 30_000);

  const a = await abort(hub, NS, 'legacy');
  assert.equal(a.message, "rollout 'legacy' aborted");
  assert.deepEqual(a.requests.map((q) => [q.method, q.path, q.contentType, q.body, q.status]), [
    ['PATCH', `${path}/status`, MERGE_PATCH, '{"status":{"abort":true}}', 404],
    ['PATCH', path, MERGE_PATCH, '{"status":{"abort":true}}', 200],
  ]);
  assert.equal((await get(hub, path)).status.abort, true);

  const r = await retry(hub, NS, 'legacy');
  assert.deepEqual(r.requests.map((q) => [q.method, q.path, q.body, q.status]), [
    ['PATCH', `${path}/status`, '{"status":{"abort":false}}', 404],
    ['PATCH', path, '{"status":{"abort":false}}', 200],
  ]);
  assert.equal((await get(hub, path)).status.abort, false);

  // promote: the status patch 404s, so the unified patch (spec and status) goes to the main resource.
  const p = await promote(hub, NS, 'legacy');
  assert.deepEqual(p.requests.map((q) => [q.method, q.path, q.body, q.status]), [
    ['GET', path, undefined, 200],
    ['PATCH', `${path}/status`, '{"status":{"pauseConditions":null}}', 404],
    ['PATCH', path, '{"spec":{"paused":false},"status":{"pauseConditions":null}}', 200],
  ]);
  const after = await get(hub, path);
  assert.equal(after.status.pauseConditions, undefined);
  assert.equal(after.spec.paused, false);
});

// "Start": server-side apply with a dry run first, on edge-us-1, with the real controller.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, describeAction, diffableYaml, startSummary, APPLY_PATCH } from '../../client/src/actions';
import { admin, clusterEnv, ensureNamespace, get, healthy, ROLLOUTS, waitStatus } from './env';
import { kubeRequest } from '../../client/src/kube/request';

clusterEnv();
const kc = admin('edge-us-1');
const NS = `cc-start-${Date.now().toString(36)}`;

const manifest = (version: string): string => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: smoke
spec:
  metrics:
  - name: ok
    provider:
      prometheus:
        query: cc_start_ok
    successCondition: result[0] >= 0
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-applied
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: orders
spec:
  replicas: 2
  selector:
    matchLabels: {app: orders}
  template:
    metadata:
      labels: {app: orders}
    spec:
      containers:
      - name: app
        image: registry.example.com/cc/orders:${version}
  strategy:
    canary:
      steps:
      - setWeight: 50
      - pause: {}
      - analysis:
          templates:
          - templateName: smoke
`;

const q = (p: string, dry: boolean): string => `${p}?fieldManager=fleet-rollouts${dry ? '&dryRun=All' : ''}`;
const TEMPLATE = `/apis/argoproj.io/v1alpha1/namespaces/${NS}/analysistemplates/smoke`;

test('start a new Rollout: dry run changes nothing, then server-side apply creates it (templates first)', async () => {
  await ensureNamespace(kc, NS);
  assert.equal(describeAction('start', { context: 'edge-us-1', namespace: NS, name: 'orders' }), `Apply orders in edge-us-1/${NS}?`);
  const text = manifest('1.0');
  const dry = await start(kc, NS, 'orders', text, { dryRun: true });
  const docs = text.split('---\n');
  assert.deepEqual(dry.requests.map((r) => [r.method, r.path, r.contentType, r.body, r.status]), [
    ['GET', ROLLOUTS(NS, 'orders'), undefined, undefined, 404],
    ['PATCH', q(TEMPLATE, true), APPLY_PATCH, docs[0], 201],
    ['PATCH', q(ROLLOUTS(NS, 'orders'), true), APPLY_PATCH, docs[2], 201],
  ]);
  assert.equal(dry.message, 'analysistemplate.argoproj.io/smoke serverside-applied (server dry run)\nrollout.argoproj.io/orders serverside-applied (server dry run)');
  assert.equal(dry.live, undefined);
  assert.equal(dry.plan.newRollout, true);
  assert.equal(dry.plan.step, 3);
  assert.equal((dry.applied[1].metadata as { managedFields?: Array<{ manager: string }> }).managedFields?.[0]?.manager, 'fleet-rollouts');
  await assert.rejects(kubeRequest(kc, { method: 'GET', path: ROLLOUTS(NS, 'orders'), verb: 'get', resource: 'rollout' }), /not found/, 'the dry run created nothing');

  const real = await start(kc, NS, 'orders', text, { dryRun: false });
  assert.deepEqual(real.requests.map((r) => [r.method, r.path]), [
    ['GET', ROLLOUTS(NS, 'orders')],
    ['PATCH', q(TEMPLATE, false)],
    ['PATCH', q(ROLLOUTS(NS, 'orders'), false)],
  ]);
  await waitStatus(kc, NS, 'orders', 'Healthy (first revision)', healthy);
  const ro = await get(kc, ROLLOUTS(NS, 'orders'));
  assert.ok((ro.metadata as { managedFields?: Array<{ manager: string; operation: string }> }).managedFields?.some((m: { manager: string; operation: string }) => m.manager === 'fleet-rollouts' && m.operation === 'Apply'));
});

test('start a new revision: the dry run shows the new template and that it begins at step 1/3; applying it pauses there', async () => {
  const dry = await start(kc, NS, 'orders', manifest('2.0'), { dryRun: true });
  assert.equal(dry.live?.spec.template.spec.containers[0].image, 'registry.example.com/cc/orders:1.0');
  assert.equal(dry.applied[1].spec.template.spec.containers[0].image, 'registry.example.com/cc/orders:2.0');
  assert.deepEqual({ ...dry.plan }, { newRollout: false, newRevision: true, step: 0, steps: 3, description: 'new revision: begins at step 1/3 (setWeight: 50)' });
  assert.equal((await get(kc, ROLLOUTS(NS, 'orders'))).spec.template.spec.containers[0].image, 'registry.example.com/cc/orders:1.0', 'dry run: unchanged');
  // What the confirmation's diff shows: only the image line differs (server-maintained fields left out).
  const before = diffableYaml(dry.live).split('\n');
  const after = diffableYaml(dry.applied[1]).split('\n');
  assert.equal(before.length, after.length);
  assert.deepEqual(before.filter((l, i) => l !== after[i]).map((l) => l.trim()), ['- image: registry.example.com/cc/orders:1.0']);
  assert.equal(startSummary('edge-us-1', NS, dry), `edge-us-1/${NS} (with AnalysisTemplate smoke): new revision: begins at step 1/3 (setWeight: 50)`);

  await start(kc, NS, 'orders', manifest('2.0'), { dryRun: false });
  const s = await waitStatus(kc, NS, 'orders', 'paused at step 1', (s) => s.status === 'Paused' && s.currentStepIndex === 1);
  assert.equal(s.setWeight, '50');

  // Back to 1.0 (the stable template): the plan says the controller rolls back at once.
  const back = await start(kc, NS, 'orders', manifest('1.0'), { dryRun: true });
  assert.equal(back.plan.newRevision, false);
  assert.equal(back.plan.step, 3);
  assert.match(back.plan.description, /stable revision again/);
});

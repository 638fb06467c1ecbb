// "Start" shows a diff of the live Rollout against the server's dry-run result and one line per
// context; these are the texts a user reads before confirming (issue 6, Actions: start).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChangesNothing, diffableYaml, startSummary } from '../../client/src/actions/apply-diff';
import { startPlan } from '../../client/src/actions/apply';
import type { KubeObject } from '../../client/src/kube/resources';

const rollout = (image: string, extra: Partial<KubeObject['metadata']> & Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'checkout', namespace: 'payments', ...extra },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', image }] } }, strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }] } } },
});

test('the diff leaves out status and the metadata the API server maintains, keeps what the user wrote', () => {
  const live = {
    ...rollout('app:1', {
      uid: 'u-1',
      resourceVersion: '812',
      generation: 4,
      creationTimestamp: '2026-11-01T00:00:00Z',
      managedFields: [{ manager: 'fleet-rollouts' }],
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'payments' },
      labels: { app: 'checkout' },
    } as any),
    status: { phase: 'Healthy' },
  };
  const text = diffableYaml(live);
  for (const gone of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'last-applied-configuration', 'status', 'Healthy']) {
    assert.ok(!text.includes(gone), `${gone} should not be in the diff:\n${text}`);
  }
  for (const kept of ['team: payments', 'app: checkout', 'image: app:1', 'setWeight: 20']) assert.ok(text.includes(kept), `${kept} missing:\n${text}`);
  assert.equal((live.metadata as any).uid, 'u-1', 'the live object itself is not modified');
});

test('no live object diffs against an empty document; an annotation map left empty disappears', () => {
  assert.equal(diffableYaml(undefined), '');
  const text = diffableYaml(rollout('app:1', { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } } as any));
  assert.ok(!text.includes('annotations'), text);
});

test('the confirmation line names context/namespace, the templates applied with it, and where the update begins', () => {
  const live = { ...rollout('app:1'), status: { currentPodHash: 'a', stableRS: 'a', currentStepIndex: 2 } };
  const next = rollout('app:2');
  const template: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: 'error-rate' } };
  const line = startSummary('edge-eu-1', 'payments', { live, applied: [template, next], plan: startPlan(live, next) });
  assert.equal(line, 'edge-eu-1/payments (with AnalysisTemplate error-rate): new revision: begins at step 1/2 (setWeight: 20)');
});

test('applying the same template again is reported as unchanged', () => {
  const live = { ...rollout('app:1', { resourceVersion: '9' } as any), status: { currentPodHash: 'a', stableRS: 'a', currentStepIndex: 2 } };
  const next = rollout('app:1', { resourceVersion: '9' } as any);
  assert.equal(applyChangesNothing({ live, applied: [next] }), true);
  assert.equal(applyChangesNothing({ live: undefined, applied: [next] }), false);
  assert.match(startSummary('edge-us-1', 'payments', { live, applied: [next], plan: startPlan(live, next) }), /^edge-us-1\/payments: unchanged — no new revision/);
});

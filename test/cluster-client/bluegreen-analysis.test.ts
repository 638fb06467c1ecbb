// Promote on a blue-green Rollout, and analyses fed by the scripted Prometheus: a failing metric
// makes the real controller abort (Degraded as the plugin shows it), retry after the metric is
// fixed, and promote of an inconclusive analysis sends the plugin's special status patch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promote, retry, setImage, MERGE_PATCH } from '../../client/src/actions';
import { admin, applyObject, blueGreenRollout, canaryRollout, clusterEnv, ensureNamespace, get, healthy, ROLLOUTS, scriptMetric, service, waitStatus } from './env';

const state = clusterEnv();
const kc = admin('edge-eu-1');
const NS = `cc-analysis-${Date.now().toString(36)}`;
const RO = (name: string): string => `/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts`;

function template(name: string, service: string): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name, namespace: NS },
    spec: {
      metrics: [{ name: 'error-rate', interval: '1s', count: 2, failureLimit: 0, successCondition: 'result[0] < 0.05', failureCondition: 'result[0] > 0.2', provider: { prometheus: { address: state.metricsURL, query: `cc_error_rate{service="${service}"}` } } }],
    },
  };
}

test('blue-green: promote sends {"status":{"pauseConditions":null}} on /status → the active service switches, Healthy', async () => {
  await ensureNamespace(kc, NS);
  await applyObject(kc, `/api/v1/namespaces/${NS}/services`, service(NS, 'web-active', 'web'));
  await applyObject(kc, `/api/v1/namespaces/${NS}/services`, service(NS, 'web-preview', 'web'));
  await applyObject(kc, RO('web'), blueGreenRollout(NS, 'web', 'registry.example.com/cc/web:1.0'));
  await waitStatus(kc, NS, 'web', 'Healthy (first revision)', healthy);
  await setImage(kc, NS, 'web', 'app', 'registry.example.com/cc/web:2.0');
  await waitStatus(kc, NS, 'web', 'paused before promotion', (s) => s.status === 'Paused' && s.message === 'BlueGreenPause');
  const r = await promote(kc, NS, 'web');
  assert.equal(r.message, "rollout 'web' promoted");
  assert.deepEqual(r.requests.map((q) => [q.method, q.path, q.contentType, q.body]), [
    ['GET', ROLLOUTS(NS, 'web'), undefined, undefined],
    ['PATCH', `${ROLLOUTS(NS, 'web')}/status`, MERGE_PATCH, '{"status":{"pauseConditions":null}}'],
  ]);
  const s = await waitStatus(kc, NS, 'web', 'Healthy on 2.0', (s) => healthy(s) && s.containers[0]?.image === 'registry.example.com/cc/web:2.0');
  const ro = await get(kc, ROLLOUTS(NS, 'web'));
  assert.equal(ro.status.blueGreen.activeSelector, ro.status.currentPodHash);
  assert.equal(s.strategy, 'BlueGreen');
});

test('a failing metric aborts the rollout in the real controller (Degraded); retry after the metric recovers → Healthy', async () => {
  await ensureNamespace(kc, NS);
  await scriptMetric(state, 'service="cc-fail"', '0.5');
  await applyObject(kc, `/apis/argoproj.io/v1alpha1/namespaces/${NS}/analysistemplates`, template('error-rate-fail', 'cc-fail') as never);
  await applyObject(kc, RO('api'), canaryRollout(NS, 'api', 'registry.example.com/cc/api:1.0', [{ setWeight: 50 }, { analysis: { templates: [{ templateName: 'error-rate-fail' }] } }]));
  await waitStatus(kc, NS, 'api', 'Healthy (first revision)', healthy);
  await setImage(kc, NS, 'api', 'app', 'registry.example.com/cc/api:2.0');
  const s = await waitStatus(kc, NS, 'api', 'Degraded by the failed analysis', (s) => s.status === 'Degraded');
  assert.match(s.message, /^RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error\/failed: Metric "error-rate" assessed Failed due to failed \(1\) > failureLimit \(0\)$/);
  const run = s.analysisRuns[0];
  assert.equal(run.status, 'Failed');

  await scriptMetric(state, 'service="cc-fail"', '0.01');
  const r = await retry(kc, NS, 'api');
  assert.deepEqual(r.requests.map((q) => [q.method, q.path, q.body]), [['PATCH', `${ROLLOUTS(NS, 'api')}/status`, '{"status":{"abort":false}}']]);
  await waitStatus(kc, NS, 'api', 'Healthy after retry', (s) => healthy(s) && s.containers[0]?.image === 'registry.example.com/cc/api:2.0' && s.step === '2/2');
});

test('promote of an inconclusive analysis: {"status":{"pauseConditions":null, "controllerPause":false, "currentStepIndex":2}} → the controller goes on', async () => {
  await ensureNamespace(kc, NS);
  await scriptMetric(state, 'service="cc-maybe"', '0.1');
  await applyObject(kc, `/apis/argoproj.io/v1alpha1/namespaces/${NS}/analysistemplates`, template('error-rate-maybe', 'cc-maybe') as never);
  await applyObject(kc, RO('cart'), canaryRollout(NS, 'cart', 'registry.example.com/cc/cart:1.0', [{ setWeight: 50 }, { analysis: { templates: [{ templateName: 'error-rate-maybe' }] } }, { pause: {} }]));
  await waitStatus(kc, NS, 'cart', 'Healthy (first revision)', healthy);
  await setImage(kc, NS, 'cart', 'app', 'registry.example.com/cc/cart:2.0');
  const s = await waitStatus(kc, NS, 'cart', 'paused: inconclusive', (s) => s.status === 'Paused' && s.message === 'InconclusiveAnalysisRun');
  assert.equal(s.currentStepIndex, 1);
  const r = await promote(kc, NS, 'cart');
  assert.deepEqual(r.requests.map((q) => [q.method, q.path, q.body]), [
    ['GET', ROLLOUTS(NS, 'cart'), undefined],
    ['PATCH', `${ROLLOUTS(NS, 'cart')}/status`, '{"status":{"pauseConditions":null, "controllerPause":false, "currentStepIndex":2}}'],
  ]);
  // Past the analysis, to the pause step that follows (not stuck in the inconclusive state).
  await waitStatus(kc, NS, 'cart', 'paused at step 2', (s) => s.status === 'Paused' && s.message === 'CanaryPauseStep' && s.currentStepIndex === 2);
});

// The wave board's per-cluster drill-down against the demo seed on real API servers with the real
// Argo Rollouts controller: the feed reads edge-eu-1 (the context named like the Fleet cluster)
// through the session's informers and lists Events, as the board does. payments/checkout-api is
// mid-canary at its timed pause (step 1); shop/cart was aborted by the step analysis error-rate,
// whose metric the fake Prometheus answers with 0.137 against `result[0] <= 0.05`.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterSession } from '../../client/src/kube/session';
import { DrilldownFeed } from '../../client/src/board/drilldown/feed';
import { violates } from '../../client/src/board/drilldown/thresholds';
import type { ClusterDrilldown, RolloutDrilldown } from '../../client/src/board/drilldown/types';
import { clusterEnv, hostsContacted, waitFor } from './env';

const state = clusterEnv();
const session = new ClusterSession({ kubeconfigPath: process.env.KUBECONFIG });
session.setWatched(['edge-eu-1']);
let last: ClusterDrilldown | undefined;
const feed = new DrilldownFeed(session, (d) => (last = d), { eventsEveryMs: 2000 });
after(async () => {
  feed.dispose();
  await session.dispose();
});

const rolloutOf = (d: ClusterDrilldown | undefined, ns: string, name: string): RolloutDrilldown | undefined => d?.rollouts.find((r) => r.namespace === ns && r.name === name);

test('edge-eu-1: checkout-api is at its timed pause (step 1 of 6), cart failed error-rate above its threshold', async () => {
  feed.setClusters(['edge-eu-1', 'edge-us-1', 'store-eu-west-001']);
  feed.open('edge-eu-1');
  const d = (await waitFor(
    'the drill-down of edge-eu-1 with both rollouts, the failed measurement and the Events',
    async () => last,
    (v) => {
      const cart = rolloutOf(v, 'shop', 'cart');
      const checkout = rolloutOf(v, 'payments', 'checkout-api');
      // Everything asserted below comes from the controller and several informers: wait for all of it
      // (a loaded machine delivers the abort, the failed run and the Events at different times).
      return (
        !!cart?.analysisRuns.some((r) => r.phase === 'Failed' && r.metrics.some((m) => m.measurements.length > 0)) &&
        cart.status === 'Degraded' &&
        cart.events.some((e) => e.type === 'Warning') &&
        checkout?.status === 'Paused' &&
        !!checkout.timeline &&
        checkout.events.length > 0 &&
        checkout.eventsProblem === '' &&
        cart.eventsProblem === ''
      );
    },
    90_000,
    (v) => JSON.stringify(v?.rollouts.map((r) => [r.name, r.status, r.step, r.analysisRuns.map((a) => a.phase), r.events.length, r.eventsProblem]) ?? v?.problem),
  ))!;
  assert.equal(d.context, 'edge-eu-1');
  assert.equal(d.problem, '');

  const checkout = rolloutOf(d, 'payments', 'checkout-api')!;
  assert.equal(checkout.status, 'Paused');
  assert.equal(checkout.step, '1/6');
  const tl = checkout.timeline!;
  assert.equal(tl.currentStepIndex, 1);
  assert.deepEqual(tl.steps.map((s) => `${s.state} ${s.label}`), ['done setWeight: 20', 'current pause: 24h', 'pending setWeight: 50', 'pending pause: 1h', 'pending setWeight: 80', 'pending pause: 30m']);
  assert.match(tl.steps[1].detail, /CanaryPauseStep/);
  assert.equal(tl.setWeight, 20);
  // No traffic routing: the share of available canary pods (1 of 5 → 20).
  assert.equal(tl.actualWeight, 20);
  assert.ok(checkout.weights.length >= 1 && checkout.weights.every((w) => w.setWeight === 20));
  assert.ok(checkout.events.length > 0, 'the controller recorded Events for the rollout');

  const cart = rolloutOf(d, 'shop', 'cart')!;
  assert.equal(cart.status, 'Degraded');
  assert.equal(cart.timeline?.aborted, true);
  // The controller resets an aborted canary's index to 0; the failed step run says where it stopped.
  assert.equal(cart.timeline?.currentStepIndex, 0);
  assert.equal(cart.timeline?.stoppedAt, 1);
  assert.equal(cart.timeline?.steps[1].kind, 'analysis');
  assert.equal(cart.timeline?.steps[1].state, 'current');
  assert.match(cart.timeline!.steps[1].detail, /error-rate/);
  const run = cart.analysisRuns[0];
  assert.equal(run.phase, 'Failed');
  const metric = run.metrics.find((m) => m.name === 'error-rate')!;
  assert.equal(metric.successCondition, 'result[0] <= 0.05');
  assert.deepEqual(metric.thresholds.map((t) => [t.condition, t.op, t.value, t.failsWhen]), [['success', '<=', 0.05, 'above']]);
  const failed = metric.measurements.find((m) => m.phase === 'Failed')!;
  assert.equal(failed.value, 0.137);
  assert.equal(failed.raw, '[0.137]');
  assert.ok(violates(failed.value!, metric.thresholds[0]), 'the failed measurement is on the failing side of the line');
  assert.ok(cart.events.some((e) => e.type === 'Warning'), `a Warning Event for the abort; got ${JSON.stringify(cart.events.map((e) => e.reason))}`);
});

test('a cluster without a context of its name, and one whose context is not watched: said so, nothing contacted', async () => {
  const edgeUs = new URL(state.clusters.find((c) => c.name === 'edge-us-1')!.server).host;
  const { hosts } = await hostsContacted(async () => {
    feed.open('store-eu-west-001');
    await waitFor('the no-context message', async () => last, (v) => v?.cluster === 'store-eu-west-001');
    assert.equal(last!.problem, 'No kubeconfig context named store-eu-west-001: add one to see its canary.');
    assert.equal(last!.context, undefined);
    feed.open('edge-us-1');
    await waitFor('the not-watched message', async () => last, (v) => v?.cluster === 'edge-us-1');
    assert.match(last!.problem, /context edge-us-1 is not watched/);
    assert.deepEqual(last!.rollouts, []);
    await new Promise((r) => setTimeout(r, 500));
  });
  assert.ok(!hosts.includes(edgeUs), `edge-us-1 (${edgeUs}) was contacted: ${hosts.join(', ')}`);
});

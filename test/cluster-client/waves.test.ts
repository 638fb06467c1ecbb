// Direct waves against the real Argo Rollouts controller on edge-eu-1 and edge-us-1: a two-wave
// plan (healthy + bake + approval on the first wave) promotes wave 1 only, holds wave 2 with the
// gate's sentence, keeps its state in the Rollouts' annotations (a fresh executor continues from
// them), and proceeds after an approval; a failing analysis gate aborts what is not Healthy yet.
// The tests run in order.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeConfig } from '@kubernetes/client-node';
import { ANNOTATIONS, parseWavePlan, type WavePlan } from '../../server/src/semantics/waves';
import { WaveExecutor, type StepResult } from '../../client/src/waves/executor';
import { admin, applyObject, canaryRollout, clusterEnv, ensureNamespace, get, healthy, hostsContacted, ROLLOUTS, scriptMetric, waitFor, waitStatus } from './env';

const state = clusterEnv();
const NS = `cc-waves-${Date.now().toString(36)}`;
const EU = 'edge-eu-1';
const US = 'edge-us-1';
const CONTEXTS = [EU, US];
const kcs = new Map(CONTEXTS.map((c) => [c, admin(c)]));
const hosts = new Set(CONTEXTS.map((c) => new URL(state.clusters.find((x) => x.name === c)!.server).host));
const image = (app: string, v: string): string => `registry.example.com/cc/${app}:${v}`;
/** A canary that holds every update at its first step until a wave releases it. */
const HELD_STEPS = [{ pause: {} }, { setWeight: 50 }, { pause: { duration: '1s' } }];

/** Every context the executor asked a config for. */
const asked = new Set<string>();
const configFor = (context: string): KubeConfig => {
  asked.add(context);
  const kc = kcs.get(context);
  if (!kc) throw new Error(`test: no config for ${context}`);
  return kc;
};

function planOf(spec: Record<string, unknown>, name: string): WavePlan {
  const { plan, problems } = parseWavePlan({ apiVersion: 'fleetrollouts.dev/v1alpha1', kind: 'WavePlan', metadata: { name }, spec });
  assert.deepEqual(problems, []);
  return plan!;
}

const twoWaves = planOf(
  {
    rollout: { namespace: NS, name: 'checkout' },
    waves: [
      { name: 'europe', contexts: [EU], gates: [{ healthy: {} }, { bake: '3s' }, { approval: {} }] },
      { name: 'americas', contexts: [US] },
    ],
  },
  'checkout-waves',
);

const questions: string[] = [];
const executor = (plan: WavePlan): WaveExecutor => new WaveExecutor(plan, { configFor, confirm: async (q) => (questions.push(q), true) });

const rolloutOf = (ctx: string, name: string): Promise<Record<string, any>> => get(kcs.get(ctx)!, ROLLOUTS(NS, name)) as Promise<Record<string, any>>;
const pausedAtHold = (s: { status: string; message: string; currentStepIndex?: number }): boolean => s.status === 'Paused' && s.message === 'CanaryPauseStep' && s.currentStepIndex === 0;

/** Steps until `cond` holds on a step's result (the executor is what moves things along). */
async function stepUntil(ex: WaveExecutor, what: string, cond: (r: StepResult) => boolean, timeoutMs = 90_000): Promise<StepResult> {
  return waitFor(what, () => ex.step(), cond, timeoutMs, (r) => `${r.decision.status}: ${r.decision.sentence} ${r.errors.join('; ')}`);
}

async function deployHeld(app: string): Promise<void> {
  for (const [ctx, kc] of kcs) {
    await ensureNamespace(kc, NS);
    await applyObject(kc, `/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts`, canaryRollout(NS, app, image(app, '1.0'), HELD_STEPS));
    await waitStatus(kc, NS, app, `Healthy (first revision) in ${ctx}`, healthy);
  }
  // The update every wave rolls out: applied everywhere at once, held at the first pause.
  for (const [ctx, kc] of kcs) {
    await applyObject(kc, `/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts`, canaryRollout(NS, app, image(app, '2.0'), HELD_STEPS));
    await waitStatus(kc, NS, app, `held at the first pause in ${ctx}`, pausedAtHold);
  }
}

before(async () => {
  await deployHeld('checkout');
});

test('nothing is sent before the wave is confirmed, then wave 1 only is released and promoted', async () => {
  const declining = new WaveExecutor(twoWaves, { configFor, confirm: async () => false });
  const declined = await declining.step();
  assert.equal(declined.declined, true);
  assert.deepEqual(declined.sent, []);

  const { hosts: contacted, result } = await hostsContacted(() => executor(twoWaves).step());
  assert.ok(contacted.every((h) => hosts.has(h)), `only the plan's contexts are contacted: ${contacted.join(', ')}`);
  assert.deepEqual([...asked].sort(), [EU, US]);
  assert.deepEqual(questions, [`Promote wave europe: checkout in ${EU}/${NS}?`]);
  assert.deepEqual(result!.errors, []);
  assert.deepEqual(result!.sent.map((s) => s.text), [`release ${EU}/${NS}/checkout (wave europe)`, `promote ${EU}/${NS}/checkout`]);
  const release = result!.sent[0].requests[0];
  assert.equal(release.method, 'PATCH');
  assert.equal(release.contentType, 'application/merge-patch+json');
  assert.deepEqual(Object.keys(JSON.parse(release.body!)), ['metadata'], 'the record touches metadata only');

  await waitStatus(kcs.get(EU)!, NS, 'checkout', 'Healthy on 2.0 in edge-eu-1', (s) => healthy(s) && s.containers[0]?.image === image('checkout', '2.0'));
  await waitStatus(kcs.get(US)!, NS, 'checkout', 'still held in edge-us-1', pausedAtHold);
});

test('the gates hold wave 2: bake counts from the healthy wave, then approval, with the sentence a user reads', async () => {
  const ex = executor(twoWaves);
  const baking = await stepUntil(ex, 'the bake to start', (r) => r.decision.waves[0].holdingGate === 1);
  assert.match(baking.decision.sentence, /^Wave europe is baking: \ds of 3s since it became healthy; it passes at .+Z before wave americas starts\.$/);
  const waiting = await stepUntil(ex, 'the approval gate', (r) => r.decision.waves[0].holdingGate === 2);
  assert.equal(waiting.decision.status, 'holding');
  assert.equal(waiting.decision.sentence, 'Wave europe waits for a person to approve it before wave americas starts (Approve on the wave board, or Fleet Rollouts: Approve Wave).');
  assert.deepEqual(waiting.sent, []);
  const us = await rolloutOf(US, 'checkout');
  assert.equal(us.status.currentStepIndex, 0, 'edge-us-1 is not promoted while the gate holds');
  assert.equal(us.metadata.annotations?.[ANNOTATIONS.wave], undefined);
});

test('the state lives in annotations: a fresh executor (a restarted editor) continues where the plan stands', async () => {
  const eu = await rolloutOf(EU, 'checkout');
  const a = eu.metadata.annotations;
  assert.equal(a[ANNOTATIONS.plan], 'checkout-waves');
  assert.equal(a[ANNOTATIONS.revision], eu.status.currentPodHash);
  assert.equal(a[ANNOTATIONS.wave], 'europe');
  assert.ok(Date.parse(a[ANNOTATIONS.gateStartedAt]) > 0, 'gate start recorded');
  assert.equal(a[ANNOTATIONS.approvedBy], undefined);

  const restarted = await executor(twoWaves).observe();
  assert.equal(restarted.status, 'holding');
  assert.equal(restarted.activeWave, 0);
  assert.equal(restarted.waves[0].holdingGate, 2);
  assert.equal(restarted.confirm, undefined, 'an started wave is not confirmed again');
  assert.deepEqual(restarted.actions, []);
});

test('approval lets wave 2 proceed; the plan ends done', async () => {
  const approved = await executor(twoWaves).approve(0, 'tester@example.com');
  assert.ok(approved.ok, approved.sentence);
  assert.deepEqual(approved.errors, []);
  const eu = await rolloutOf(EU, 'checkout');
  assert.equal(eu.metadata.annotations[ANNOTATIONS.approvedBy], 'tester@example.com');

  const ex = executor(twoWaves);
  const released = await ex.step();
  assert.equal(questions.at(-1), `Promote wave americas: checkout in ${US}/${NS}?`);
  assert.deepEqual(released.sent.map((s) => s.text), [`release ${US}/${NS}/checkout (wave americas)`, `promote ${US}/${NS}/checkout`]);
  await waitStatus(kcs.get(US)!, NS, 'checkout', 'Healthy on 2.0 in edge-us-1', (s) => healthy(s) && s.containers[0]?.image === image('checkout', '2.0'));
  const done = await stepUntil(ex, 'the plan to be done', (r) => r.decision.status === 'done');
  assert.equal(done.decision.sentence, 'Plan checkout-waves is done: every wave passed its gates.');
});

test('a failing analysis gate fails the plan: what is not Healthy yet is aborted and the failure recorded everywhere', async () => {
  await deployHeld('cart');
  await scriptMetric(state, 'service="cc-waves-fail"', '0.5');
  await applyObject(kcs.get(EU)!, `/apis/argoproj.io/v1alpha1/namespaces/${NS}/analysistemplates`, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: 'error-rate', namespace: NS },
    spec: {
      args: [{ name: 'service' }],
      metrics: [{ name: 'error-rate', interval: '1s', count: 2, failureLimit: 0, successCondition: 'result[0] < 0.05', provider: { prometheus: { address: state.metricsURL, query: 'cc_error_rate{service="{{args.service}}"}' } } }],
    },
  } as never);
  const plan = planOf(
    {
      rollout: { namespace: NS, name: 'cart' },
      onFailure: 'abort',
      waves: [
        { name: 'europe', contexts: [EU], gates: [{ healthy: {} }, { analysis: { templateName: 'error-rate', args: [{ name: 'service', value: 'cc-waves-fail' }] } }] },
        { name: 'americas', contexts: [US] },
      ],
    },
    'cart-waves',
  );
  const ex = executor(plan);
  const failed = await stepUntil(ex, 'the analysis gate to fail the plan', (r) => r.decision.status === 'failed', 120_000);
  assert.match(failed.decision.sentence, /^Plan cart-waves failed in wave europe: Analysis error-rate \(AnalysisRun cart-waves-europe-g1-\w+\) is Failed in edge-eu-1\//);
  assert.deepEqual(failed.errors, []);
  assert.deepEqual(failed.sent.filter((s) => s.action.kind === 'abort').map((s) => s.text), [`abort ${US}/${NS}/cart`], 'the Healthy wave is not aborted; the held one is');

  await waitStatus(kcs.get(US)!, NS, 'cart', 'aborted in edge-us-1', (s) => s.status === 'Degraded' && s.message.startsWith('RolloutAborted'));
  await waitStatus(kcs.get(EU)!, NS, 'cart', 'still Healthy in edge-eu-1', healthy);
  for (const ctx of CONTEXTS) {
    const a = (await rolloutOf(ctx, 'cart')).metadata.annotations;
    assert.equal(a[ANNOTATIONS.planState], 'failed', ctx);
    assert.match(a[ANNOTATIONS.planStateReason], /AnalysisRun cart-waves-europe-g1-/);
  }
  const after = await executor(plan).step();
  assert.equal(after.decision.status, 'failed');
  assert.deepEqual(after.sent, [], 'a recorded failure sends nothing more');
});

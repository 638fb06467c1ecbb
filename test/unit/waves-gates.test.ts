// Direct waves: analysis gates (runs started once per context and revision, their phases), and
// what a person does to a running plan (approve the waiting wave, abort the plan).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { abortPlan, analysisRunName, approveWave, decide, waitsForApproval, describeAction, type Decision, type TargetObservation, type WavePlan } from '../../server/src/semantics/waves';
import { NOW, plan, record, ro, seen, twoWaves } from './waves-fixtures';

const run = (p: WavePlan, byContext: Record<string, TargetObservation>): Decision => decide({ plan: p, observations: seen(byContext), now: NOW });
const acts = (d: { actions: Parameters<typeof describeAction>[0][] }): string[] => d.actions.map(describeAction);

const analysisPlan = (): WavePlan =>
  plan({ waves: [{ name: 'eu', contexts: ['a', 'b'], gates: [{ analysis: { templateName: 'success-rate', args: [{ name: 'service', value: 'checkout' }] } }] }, { name: 'us', contexts: ['c'] }] });
const RUN = analysisRunName('checkout', 'eu', 0, 'new');
const withRun = (shape: 'healthy', phase: string | null, message = ''): TargetObservation => ({
  ...ro(shape, { annotations: record('eu', { gateStartedAt: NOW }) }),
  analysisRuns: { [RUN]: phase === null ? null : { metadata: { name: RUN }, status: { phase, message } } },
});

describe('analysis gate', () => {
  test('waits for a healthy wave before starting', () => {
    const d = run(analysisPlan(), { a: ro('progressing', { annotations: record('eu') }), b: ro('healthy', { annotations: record('eu') }), c: ro('held') });
    assert.deepEqual(d.actions, []);
    assert.match(d.sentence, /runs analysis success-rate once every Rollout is Healthy: a\/payments: Progressing/);
  });

  test('starts one run per context of the wave, named for plan, wave, gate and revision', () => {
    const d = run(analysisPlan(), { a: withRun('healthy', null), b: withRun('healthy', null), c: ro('held') });
    assert.deepEqual(acts(d), [`create AnalysisRun ${RUN} from AnalysisTemplate success-rate in a/payments/checkout`, `create AnalysisRun ${RUN} from AnalysisTemplate success-rate in b/payments/checkout`]);
    assert.match(d.sentence, /waits for analysis success-rate before wave us starts: starting in a\/payments; starting in b\/payments/);
  });

  test('running in one context holds; only the missing run is started', () => {
    const d = run(analysisPlan(), { a: withRun('healthy', 'Running'), b: withRun('healthy', null), c: ro('held') });
    assert.deepEqual(acts(d), [`create AnalysisRun ${RUN} from AnalysisTemplate success-rate in b/payments/checkout`]);
    assert.match(d.sentence, /Running in a\/payments; starting in b\/payments/);
  });

  test('successful everywhere passes: the next wave is released', () => {
    const d = run(analysisPlan(), { a: withRun('healthy', 'Successful'), b: withRun('healthy', 'Successful'), c: ro('held') });
    assert.equal(d.activeWave, 1);
    assert.deepEqual(d.waves.map((w) => w.stage), ['done', 'active']);
  });

  for (const phase of ['Failed', 'Error', 'Inconclusive']) {
    test(`${phase} fails the plan with the run's message`, () => {
      const d = run(analysisPlan(), { a: withRun('healthy', 'Successful'), b: withRun('healthy', phase, 'metric "rate" assessed Failed'), c: ro('held') });
      assert.equal(d.status, 'failed');
      assert.equal(d.waves[0].holdingGate, 0);
      assert.match(d.sentence, new RegExp(`AnalysisRun ${RUN}\\) is ${phase} in b/payments: metric "rate" assessed Failed`));
      assert.deepEqual(acts(d).filter((a) => a.startsWith('abort')), ['abort c/payments/checkout'], 'healthy targets are not aborted');
    });
  }

  test('contexts restrict where the analysis runs', () => {
    const p = plan({ waves: [{ name: 'eu', contexts: ['a', 'b'], gates: [{ analysis: { templateName: 'success-rate', contexts: ['b'] } }] }] });
    const d = run(p, { a: ro('healthy', { annotations: record('eu', { gateStartedAt: NOW }) }), b: ro('healthy', { annotations: record('eu', { gateStartedAt: NOW }) }) });
    assert.deepEqual(acts(d), [`create AnalysisRun ${RUN} from AnalysisTemplate success-rate in b/payments/checkout`]);
  });
});

describe('approve and abort', () => {
  const waiting = (): Record<string, TargetObservation> => ({ 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: NOW - 600_000 }) }), 'edge-us-1': ro('held') });

  test('approving the wave that waits for approval records who approved, on every Rollout of the wave', () => {
    const p = twoWaves();
    const r = approveWave(p, run(p, waiting()), 0, 'ana');
    assert.ok(r.ok);
    assert.deepEqual(r.ok && acts(r), ['record approvedBy on edge-eu-1/payments/checkout']);
  });

  test('approval is refused for a wave without an approval gate, a wave not active, or twice', () => {
    const p = twoWaves();
    const d = run(p, waiting());
    assert.match((approveWave(p, d, 1, 'ana') as { sentence: string }).sentence, /no approval gate/);
    assert.equal(approveWave(twoWaves([{ approval: {} }]), run(twoWaves([{ approval: {} }]), { 'edge-eu-1': ro('healthy'), 'edge-us-1': ro('held') }), 0, 'ana').ok, false);
    const done = run(p, { 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: NOW - 600_000, approvedBy: 'bo' }) }), 'edge-us-1': ro('held') });
    assert.equal(approveWave(p, done, 0, 'ana').ok, false);
  });

  test('approval is refused until the approval gate is the one holding the wave (healthy and bake first)', () => {
    const p = twoWaves();
    const situations: Record<string, Record<string, TargetObservation>> = {
      'not released yet': { 'edge-eu-1': ro('held'), 'edge-us-1': ro('held') },
      'still rolling out (healthy holds)': { 'edge-eu-1': ro('progressing', { annotations: record('europe') }), 'edge-us-1': ro('held') },
      'baking': { 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: NOW - 60_000 }) }), 'edge-us-1': ro('held') },
    };
    for (const [what, seenNow] of Object.entries(situations)) {
      const d = run(p, seenNow);
      assert.equal(waitsForApproval(p, d, 0), false, what);
      const r = approveWave(p, d, 0, 'ana');
      assert.equal(r.ok, false, what);
      assert.match((r as { sentence: string }).sentence, /not waiting for an approval yet/, what);
    }
    assert.equal(waitsForApproval(p, run(p, waiting()), 0), true);
  });

  test('abort: every Rollout not Healthy is aborted and the stop recorded with who did it', () => {
    const p = twoWaves();
    const r = abortPlan(p, run(p, { 'edge-eu-1': ro('progressing', { annotations: record('europe') }), 'edge-us-1': ro('held') }), 'ana');
    assert.ok(r.ok);
    assert.deepEqual(r.ok && acts(r), ['abort edge-eu-1/payments/checkout', 'abort edge-us-1/payments/checkout', 'record stop, reason on edge-eu-1/payments/checkout', 'record stop, reason on edge-us-1/payments/checkout']);
    const stopped = decide({
      plan: p,
      observations: seen({ 'edge-eu-1': ro('degraded', { annotations: record('europe', { stop: 'aborted', reason: 'aborted by ana' }) }), 'edge-us-1': ro('held') }),
      now: NOW,
    });
    assert.equal(stopped.status, 'aborted');
    assert.equal(abortPlan(p, stopped, 'bo').ok, false);
  });
});

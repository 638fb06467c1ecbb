// Direct waves: the executor's decisions, situation by situation — which wave is active, which
// targets are released and promoted (within maxUnavailable), what a person must confirm, which
// gate holds the next wave and the sentence that says why, failure and stop.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, describeAction, type Decision, type TargetObservation, type WavePlan } from '../../server/src/semantics/waves';
import { NOW, plan, record, ro, seen, twoWaves } from './waves-fixtures';

const run = (p: WavePlan, byContext: Record<string, TargetObservation>, now = NOW): Decision => decide({ plan: p, observations: seen(byContext), now });
const acts = (d: Decision): string[] => d.actions.map(describeAction);

describe('starting', () => {
  test('nothing pending anywhere: done without sending anything', () => {
    const d = run(twoWaves(), { 'edge-eu-1': ro('healthy'), 'edge-us-1': ro('healthy') });
    assert.equal(d.status, 'done');
    assert.deepEqual(d.actions, []);
    assert.match(d.sentence, /Nothing to roll out/);
  });

  test('first wave held at its pause: release and promote it, asking once for the wave; the second wave is not touched', () => {
    const d = run(twoWaves(), { 'edge-eu-1': ro('held'), 'edge-us-1': ro('held') });
    assert.equal(d.status, 'holding', 'nothing moves until a person confirms');
    assert.equal(d.activeWave, 0);
    assert.deepEqual(acts(d), ['release edge-eu-1/payments/checkout (wave europe)', 'promote edge-eu-1/payments/checkout']);
    assert.deepEqual(d.confirm, { wave: 0, targets: [{ context: 'edge-eu-1', namespace: 'payments', name: 'checkout', wave: 0 }] });
    assert.deepEqual(d.waves.map((w) => w.stage), ['active', 'waiting']);
  });

  test('until the first release is confirmed the wave waits for that, not for a gate', () => {
    const p = plan({ waves: [{ name: 'europe', contexts: ['a', 'b'], gates: [{ healthy: {} }, { approval: {} }] }, { name: 'us', contexts: ['c'] }] });
    const d = run(p, { a: ro('held'), b: ro('held'), c: ro('held') });
    assert.equal(d.waves[0].stage, 'active');
    assert.equal(d.waves[0].holdingGate, undefined);
    assert.equal(d.sentence, 'Wave europe waits for your confirmation to release: a/payments, b/payments (Run Wave Plan asks before the first release of a wave).');
    assert.equal(d.waves[0].reason, d.sentence);
  });

  test('a held target still on its way to the first pause is released but not promoted (promote would skip a step)', () => {
    const d = run(twoWaves(), { 'edge-eu-1': ro('heldProgressing'), 'edge-us-1': ro('held') });
    assert.deepEqual(acts(d), ['release edge-eu-1/payments/checkout (wave europe)']);
  });

  test('a wave already started needs no new confirmation', () => {
    const p = plan({ waves: [{ name: 'all', contexts: ['a', 'b'], maxUnavailable: 1 }] });
    const d = run(p, { a: ro('healthy', { annotations: record('all') }), b: ro('held') });
    assert.deepEqual(acts(d), ['release b/payments/checkout (wave all)', 'promote b/payments/checkout']);
    assert.equal(d.confirm, undefined);
  });

  test('promotion full: promote --full once on release, not again while it is fully promoting', () => {
    const p = twoWaves([], { promotion: 'full' });
    assert.deepEqual(acts(run(p, { 'edge-eu-1': ro('heldProgressing'), 'edge-us-1': ro('held') })), ['release edge-eu-1/payments/checkout (wave europe)', 'promote --full edge-eu-1/payments/checkout']);
    const fullyPromoting = ro('progressing', { annotations: record('europe') });
    (fullyPromoting.rollout!.status as Record<string, unknown>).promoteFull = true;
    assert.deepEqual(acts(run(p, { 'edge-eu-1': fullyPromoting, 'edge-us-1': ro('held') })), []);
  });
});

describe('maxUnavailable', () => {
  const p = plan({ waves: [{ name: 'eu', contexts: ['a', 'b', 'c', 'd'], maxUnavailable: '50%' }] });

  test('releases only as many as may be in progress, and says who waits for whom', () => {
    const d = run(p, { a: ro('held'), b: ro('held'), c: ro('held'), d: ro('held') });
    assert.deepEqual(acts(d).filter((a) => a.startsWith('release')), ['release a/payments/checkout (wave eu)', 'release b/payments/checkout (wave eu)']);
    assert.match(d.sentence, /at most 2 contexts at a time: c, d wait for a\/payments: Paused \(CanaryPauseStep\); b\/payments/);
  });

  test('a healthy target frees a slot; in-progress ones keep theirs', () => {
    const d = run(p, { a: ro('healthy', { annotations: record('eu') }), b: ro('progressing', { annotations: record('eu') }), c: ro('held'), d: ro('held') });
    assert.deepEqual(acts(d), ['release c/payments/checkout (wave eu)', 'promote c/payments/checkout']);
    assert.equal(d.status, 'running');
  });

  test('no slot: nothing is sent and the wave holds', () => {
    const d = run(p, { a: ro('progressing', { annotations: record('eu') }), b: ro('progressing', { annotations: record('eu') }), c: ro('held'), d: ro('held') });
    assert.deepEqual(d.actions, []);
    assert.equal(d.status, 'holding');
    assert.match(d.sentence, /c, d wait for a\/payments: Progressing/);
  });
});

describe('promotion of released targets', () => {
  test('step: past an indefinite pause, never past a timed pause or an inconclusive analysis', () => {
    const p = twoWaves([{ healthy: {} }]);
    assert.deepEqual(acts(run(p, { 'edge-eu-1': ro('held', { annotations: record('europe') }), 'edge-us-1': ro('held') })), ['promote edge-eu-1/payments/checkout']);
    assert.deepEqual(acts(run(p, { 'edge-eu-1': ro('pausedTimed', { annotations: record('europe') }), 'edge-us-1': ro('held') })), []);
    const inconclusive = run(p, { 'edge-eu-1': ro('inconclusive', { annotations: record('europe') }), 'edge-us-1': ro('held') });
    assert.deepEqual(inconclusive.actions, []);
    assert.match(inconclusive.sentence, /Healthy before wave americas starts: edge-eu-1\/payments: Paused \(InconclusiveAnalysisRun\)/);
  });

  test('a person paused a released target: the plan waits and says so', () => {
    const d = run(twoWaves(), { 'edge-eu-1': ro('manuallyPaused', { annotations: record('europe') }), 'edge-us-1': ro('held') });
    assert.deepEqual(d.actions, []);
    assert.match(d.sentence, /edge-eu-1\/payments was paused by a person; the plan waits until it is resumed/);
  });

  test('a wave without gates still waits for its Rollouts to be Healthy before the next wave', () => {
    const p = plan({ waves: [{ name: 'one', contexts: ['a'] }, { name: 'two', contexts: ['b'] }] });
    const d = run(p, { a: ro('progressing', { annotations: record('one') }), b: ro('held') });
    assert.deepEqual(d.actions, []);
    assert.equal(d.activeWave, 0);
    assert.equal(d.sentence, 'Wave one waits for every Rollout to be Healthy before wave two starts: a/payments: Progressing (more replicas need to be updated).');
    const next = run(p, { a: ro('healthy', { annotations: record('one') }), b: ro('held') });
    assert.deepEqual(acts(next), ['release b/payments/checkout (wave two)', 'promote b/payments/checkout']);
    assert.equal(next.activeWave, 1);
  });
});

describe('gates hold the next wave', () => {
  test('healthy: names what is not Healthy', () => {
    const d = run(twoWaves(), { 'edge-eu-1': ro('progressing', { annotations: record('europe') }), 'edge-us-1': ro('held') });
    assert.equal(d.status, 'holding');
    assert.equal(d.waves[0].holdingGate, 0);
    assert.equal(d.sentence, 'Wave europe waits for every Rollout to be Healthy before wave americas starts: edge-eu-1/payments: Progressing (more replicas need to be updated).');
  });

  test('bake: the first time the wave is healthy its start is recorded and the bake begins', () => {
    const d = run(twoWaves(), { 'edge-eu-1': ro('healthy', { annotations: record('europe') }), 'edge-us-1': ro('held') });
    assert.deepEqual(acts(d), ['record gateStartedAt on edge-eu-1/payments/checkout']);
    assert.equal(d.waves[0].holdingGate, 1);
    assert.match(d.sentence, /^Wave europe is baking: 0s of 5m since it became healthy; it passes at 2026-03-01T12:05:00Z before wave americas starts\.$/);
  });

  test('a round that only records the gate start while the approval gate holds is holding, not running', () => {
    const d = run(twoWaves([{ healthy: {} }, { approval: {} }]), { 'edge-eu-1': ro('healthy', { annotations: record('europe') }), 'edge-us-1': ro('held') });
    assert.deepEqual(acts(d), ['record gateStartedAt on edge-eu-1/payments/checkout']);
    assert.equal(d.waves[0].holdingGate, 1);
    assert.equal(d.status, 'holding');
  });

  test('bake: counts from the recorded start, then approval holds', () => {
    const since = NOW - 2 * 60_000;
    const baking = run(twoWaves(), { 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: since }) }), 'edge-us-1': ro('held') });
    assert.deepEqual(baking.actions, []);
    assert.match(baking.sentence, /baking: 2m of 5m/);
    const baked = run(twoWaves(), { 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: NOW - 5 * 60_000 }) }), 'edge-us-1': ro('held') });
    assert.equal(baked.waves[0].holdingGate, 2);
    assert.equal(baked.sentence, 'Wave europe waits for a person to approve it before wave americas starts (Approve on the wave board, or Fleet Rollouts: Approve Wave).');
    assert.deepEqual(baked.actions, []);
  });

  test('approved: the next wave is released', () => {
    const d = run(twoWaves(), { 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: NOW - 10 * 60_000, approvedBy: 'ana' }) }), 'edge-us-1': ro('held') });
    assert.deepEqual(d.waves.map((w) => w.stage), ['done', 'active']);
    assert.deepEqual(acts(d), ['release edge-us-1/payments/checkout (wave americas)', 'promote edge-us-1/payments/checkout']);
    assert.equal(d.confirm?.wave, 1);
  });

  test('an approval of an older revision does not count', () => {
    const stale = record('europe', { gateStartedAt: NOW - 10 * 60_000, approvedBy: 'ana' }, 'old-rev');
    const d = run(twoWaves([{ approval: {} }]), { 'edge-eu-1': ro('held', { annotations: stale }), 'edge-us-1': ro('held') });
    assert.equal(d.activeWave, 0);
    assert.deepEqual(acts(d), ['release edge-eu-1/payments/checkout (wave europe)', 'promote edge-eu-1/payments/checkout']);
  });

  test('a wave with nothing pending is skipped, gates and all', () => {
    const d = run(twoWaves(), { 'edge-eu-1': ro('healthy'), 'edge-us-1': ro('held') });
    assert.deepEqual(d.waves.map((w) => w.stage), ['done', 'active']);
    assert.equal(d.waves[0].reason, 'Nothing to roll out in this wave.');
  });

  test('the last wave: done once its gates pass and everything is Healthy', () => {
    const d = run(twoWaves([]), { 'edge-eu-1': ro('healthy', { annotations: record('europe') }), 'edge-us-1': ro('healthy', { annotations: record('americas') }) });
    assert.equal(d.status, 'done');
    assert.match(d.sentence, /is done/);
    const rolling = run(twoWaves([]), { 'edge-eu-1': ro('healthy', { annotations: record('europe') }), 'edge-us-1': ro('progressing', { annotations: record('americas') }) });
    assert.equal(rolling.status, 'running');
    assert.match(rolling.sentence, /before the plan is done: edge-us-1\/payments: Progressing/);
  });
});

describe('blue-green and later waves', () => {
  test('a blue-green waiting for promotion is released and promoted like a canary at its pause', () => {
    const bg = ro('held');
    const r = bg.rollout as Record<string, any>;
    r.spec.strategy = { blueGreen: { activeService: 'checkout', autoPromotionEnabled: false } };
    r.status.pauseConditions = [{ reason: 'BlueGreenPause', startTime: '2026-03-01T11:00:00Z' }];
    r.status.message = 'BlueGreenPause';
    assert.deepEqual(acts(run(twoWaves(), { 'edge-eu-1': bg, 'edge-us-1': ro('held') })), ['release edge-eu-1/payments/checkout (wave europe)', 'promote edge-eu-1/payments/checkout']);
  });

  test('a Degraded Rollout in a wave not reached yet does not stop the wave that runs', () => {
    const d = run(twoWaves(), { 'edge-eu-1': ro('progressing', { annotations: record('europe') }), 'edge-us-1': ro('degraded') });
    assert.equal(d.status, 'holding');
    assert.equal(d.activeWave, 0);
    assert.deepEqual(d.actions, []);
  });
});

describe('waves with nothing to do', () => {
  test('an empty wave is skipped, gates and all', () => {
    const p = plan({ waves: [{ name: 'none', contexts: [], gates: [{ approval: {} }] }, { name: 'eu', contexts: ['a'] }] });
    const d = run(p, { a: ro('held') });
    assert.deepEqual(d.waves.map((w) => w.stage), ['done', 'active']);
    assert.deepEqual(acts(d), ['release a/payments/checkout (wave eu)', 'promote a/payments/checkout']);
  });

  test('a context settling on its stable revision is not released, but a healthy gate waits for it', () => {
    const p = plan({ waves: [{ name: 'eu', contexts: ['a', 'b'], gates: [{ healthy: {} }] }, { name: 'us', contexts: ['c'] }] });
    const d = run(p, { a: ro('healthy', { annotations: record('eu') }), b: ro('stableSettling'), c: ro('held') });
    assert.deepEqual(d.actions, []);
    assert.equal(d.waves[0].holdingGate, 0);
    assert.match(d.sentence, /b\/payments: Progressing \(updated replicas are still becoming available\)/);
  });
});

describe('reading problems', () => {
  test('an unreachable or missing target holds its wave and names it', () => {
    const d = run(twoWaves([]), { 'edge-eu-1': { error: 'connect ECONNREFUSED' }, 'edge-us-1': ro('held') });
    assert.equal(d.activeWave, 0);
    assert.match(d.sentence, /Wave europe cannot finish: edge-eu-1\/payments: cannot be read \(connect ECONNREFUSED\)/);
    const missing = run(twoWaves([]), { 'edge-eu-1': { rollout: null }, 'edge-us-1': ro('held') });
    assert.match(missing.sentence, /no Rollout checkout/);
  });
});

describe('failure and stop', () => {
  test('onFailure abort: a Degraded target aborts every Rollout not yet Healthy and records why everywhere', () => {
    const p = plan({ waves: [{ name: 'one', contexts: ['a', 'b'] }, { name: 'two', contexts: ['c'] }] });
    const d = run(p, { a: ro('degraded', { annotations: record('one') }), b: ro('progressing', { annotations: record('one') }), c: ro('held') });
    assert.equal(d.status, 'failed');
    assert.equal(d.sentence, 'Plan checkout failed in wave one: a/payments: Degraded (RolloutAborted: Rollout aborted update to revision 3).');
    assert.deepEqual(acts(d), ['abort b/payments/checkout', 'abort c/payments/checkout', 'record stop, reason on a/payments/checkout', 'record stop, reason on b/payments/checkout', 'record stop, reason on c/payments/checkout']);
  });

  test('onFailure pause: pauses the released targets in progress, leaves held ones held', () => {
    const p = plan({ onFailure: 'pause', waves: [{ name: 'one', contexts: ['a', 'b'] }, { name: 'two', contexts: ['c'] }] });
    const d = run(p, { a: ro('degraded', { annotations: record('one') }), b: ro('progressing', { annotations: record('one') }), c: ro('held') });
    assert.deepEqual(acts(d).filter((a) => !a.startsWith('record')), ['pause b/payments/checkout']);
  });

  test('a recorded stop ends the plan: nothing more is sent, the reason is shown', () => {
    const stopped = record('europe', { stop: 'failed', reason: 'edge-eu-1/payments: Degraded' });
    const d = run(twoWaves(), { 'edge-eu-1': ro('degraded', { annotations: stopped }), 'edge-us-1': ro('held') });
    assert.equal(d.status, 'failed');
    assert.deepEqual(d.actions, []);
    assert.equal(d.sentence, 'Plan checkout failed: edge-eu-1/payments: Degraded');
  });

  test('a new revision starts over: the stop of the older one is ignored', () => {
    const stopped = record('europe', { stop: 'aborted', reason: 'aborted by ana' }, 'old-rev');
    const d = run(twoWaves(), { 'edge-eu-1': ro('held', { annotations: stopped }), 'edge-us-1': ro('held') });
    assert.equal(d.status, 'holding');
    assert.ok(d.confirm, 'asks again for the new revision');
    assert.equal(d.activeWave, 0);
  });
});

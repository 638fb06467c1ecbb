// Wave board drill-down data (client/src/board/drilldown): threshold lines from analysis
// conditions (argo-rollouts.md §2.1 outcome table, §2.3 what `result` is for Prometheus), the
// canary timeline from steps and status (§4.2 Step / SetWeight / ActualWeight, §4.5 status
// fields), the bounded weight history, AnalysisRun metrics (§4.4 attribution) and Events.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionThresholds, measurementNumber, metricThresholds, violates } from '../../client/src/board/drilldown/thresholds';
import { canaryTimeline } from '../../client/src/board/drilldown/timeline';
import { rolloutKey, WeightHistory } from '../../client/src/board/drilldown/weight-history';
import { buildRolloutDrilldowns, contextForCluster, sampleWeights } from '../../client/src/board/drilldown/build';
import { eventViews, rolloutEventsPath } from '../../client/src/board/drilldown/events';
import type { KubeObject } from '../../client/src/kube/resources';

describe('thresholds from conditions (§2.1, §2.3)', () => {
  const cases: Array<[string, 'success' | 'failure', Array<[string, number, 'above' | 'below']>, boolean]> = [
    // success `>=`: the condition is false below the line, so below fails
    ['result[0] >= 0.95', 'success', [['>=', 0.95, 'below']], true],
    ['result[0] <= 0.05', 'success', [['<=', 0.05, 'above']], true],
    ['result[0] > 0.01', 'failure', [['>', 0.01, 'above']], true],
    ['result < 0.5', 'failure', [['<', 0.5, 'below']], true],
    // literal first: the operator is flipped
    ['0.95 <= result[0]', 'success', [['>=', 0.95, 'below']], true],
    ['result[0] > -1', 'success', [['>', -1, 'below']], true],
    ['default(result, 0) < 10', 'success', [['<', 10, 'above']], true],
    ['asFloat(result) >= 0.9', 'success', [['>=', 0.9, 'below']], true],
    // a no-data guard is not drawn and not a loss
    ['len(result) == 0 || result[0] < 0.05', 'success', [['<', 0.05, 'above']], true],
    ['isNaN(result) || result >= 0.95', 'success', [['>=', 0.95, 'below']], true],
    // a band: two lines
    ['result[0] >= 0.1 && result[0] <= 0.9', 'success', [['>=', 0.1, 'below'], ['<=', 0.9, 'above']], true],
    // not drawable
    ["result == 'It worked!'", 'success', [], false],
    ['all(result, {# < 0.1})', 'success', [], false],
    ['result[1] > 3', 'success', [], false],
    ['not (result[0] > 3)', 'success', [], false],
    ['result[0] >= 0.95 && result.ok == true', 'success', [['>=', 0.95, 'below']], false],
    ['result[0] >=', 'success', [], false],
  ];
  for (const [text, condition, want, exact] of cases) {
    test(`${condition}Condition: ${text}`, () => {
      const got = conditionThresholds(text, condition);
      assert.deepEqual(
        got.thresholds.map((t) => [t.op, t.value, t.failsWhen]),
        want,
      );
      assert.equal(got.exact, exact);
      for (const t of got.thresholds) assert.equal(t.condition, condition);
    });
  }

  test('an empty condition draws nothing and loses nothing', () => {
    assert.deepEqual(conditionThresholds('  ', 'failure'), { thresholds: [], exact: true });
  });

  test('both conditions of a metric: success lines first', () => {
    const { thresholds, exact } = metricThresholds('result[0] >= 0.95', 'result[0] < 0.8');
    assert.deepEqual(thresholds.map((t) => `${t.condition} ${t.op} ${t.value}`), ['success >= 0.95', 'failure < 0.8']);
    assert.equal(exact, true);
  });

  test('violates: the line itself counts as the condition says', () => {
    const [success] = conditionThresholds('result[0] <= 0.05', 'success').thresholds;
    assert.equal(violates(0.137, success), true);
    assert.equal(violates(0.05, success), false);
    assert.equal(violates(0.004, success), false);
    const [failure] = conditionThresholds('result[0] > 0.01', 'failure').thresholds;
    assert.equal(violates(0.01, failure), false);
    assert.equal(violates(0.02, failure), true);
    const [atLeast] = conditionThresholds('result[0] >= 0.95', 'success').thresholds;
    assert.equal(violates(0.95, atLeast), false);
    assert.equal(violates(0.94, atLeast), true);
  });

  test('measurement values: a Prometheus vector is stored as [x], result[0] reads x', () => {
    assert.equal(measurementNumber('[0.137]'), 0.137);
    assert.equal(measurementNumber('0.996'), 0.996);
    assert.equal(measurementNumber('["0.5", "0.7"]'), 0.5);
    assert.equal(measurementNumber('[]'), undefined);
    assert.equal(measurementNumber('NaN'), undefined);
    assert.equal(measurementNumber('{"ok":true}'), undefined);
    assert.equal(measurementNumber(''), undefined);
  });
});

const STEPS = [{ setWeight: 20 }, { pause: { duration: '24h' } }, { setWeight: 50 }, { pause: {} }, { analysis: { templates: [{ templateName: 'error-rate' }] } }, { setWeight: 80 }];

function rollout(status: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name: 'checkout-api', namespace: 'payments', uid: 'ro-uid', generation: 2 },
    spec: { replicas: 5, strategy: { canary: { steps: STEPS, ...extra } } },
    status: { observedGeneration: '2', ...status },
  };
}

describe('canary timeline (§4.2, §4.5)', () => {
  test('mid-canary at a timed pause: earlier steps done, the pause current, the rest pending', () => {
    const ro = rollout({ currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-03-01T10:00:00Z' }] });
    const t = canaryTimeline(ro, { setWeight: '20', actualWeight: '20' })!;
    assert.deepEqual(t.steps.map((s) => s.state), ['done', 'current', 'pending', 'pending', 'pending', 'pending']);
    assert.equal(t.currentStepIndex, 1);
    assert.equal(t.complete, false);
    assert.equal(t.steps[1].label, 'pause: 24h');
    assert.match(t.steps[1].detail, /paused \(CanaryPauseStep\)/);
    assert.equal(t.steps[0].weight, 20);
    assert.deepEqual([t.setWeight, t.actualWeight], [20, 20]);
  });

  test('an indefinite pause says it waits for promotion', () => {
    const t = canaryTimeline(rollout({ currentStepIndex: 3, controllerPause: true }), { setWeight: '50', actualWeight: '50' })!;
    assert.equal(t.steps[3].state, 'current');
    assert.match(t.steps[3].detail, /waiting for promotion/);
    assert.match(t.steps[3].detail, /until promoted/);
  });

  test('the current analysis step names its templates and its run', () => {
    const t = canaryTimeline(rollout({ currentStepIndex: 4, abort: true, canary: { currentStepAnalysisRunStatus: { name: 'checkout-api-7c9-2-4', status: 'Failed' } } }), { setWeight: '0', actualWeight: '0' })!;
    assert.equal(t.aborted, true);
    assert.equal(t.steps[4].kind, 'analysis');
    assert.match(t.steps[4].detail, /^error-rate · aborted · AnalysisRun checkout-api-7c9-2-4: Failed$/);
    // pending steps keep their template names but say nothing about runs
    assert.equal(canaryTimeline(rollout({ currentStepIndex: 0 }), { setWeight: '20', actualWeight: '0' })!.steps[4].detail, 'error-rate');
  });

  test('aborted: the controller reset the index to 0; the step it stopped at comes from its failed step AnalysisRun', () => {
    const run = (name: string, step: string, hash: string, phase: string, created: string) => ({
      metadata: { name, uid: name, creationTimestamp: created, labels: { 'step-index': step, 'rollouts-pod-template-hash': hash }, ownerReferences: [{ uid: 'ro-uid' }] },
      status: { phase },
    });
    const runs = [
      run('older-hash', '4', 'old', 'Failed', '2026-03-01T09:00:00Z'),
      run('passed', '1', 'abc', 'Successful', '2026-03-01T10:00:00Z'),
      run('failed', '4', 'abc', 'Failed', '2026-03-01T10:05:00Z'),
      { ...run('not-ours', '2', 'abc', 'Failed', '2026-03-01T11:00:00Z'), metadata: { name: 'not-ours', labels: { 'step-index': '2', 'rollouts-pod-template-hash': 'abc' }, ownerReferences: [{ uid: 'other' }] } },
    ];
    const t = canaryTimeline(rollout({ currentStepIndex: 0, abort: true, currentPodHash: 'abc' }), { setWeight: '0', actualWeight: '0' }, runs)!;
    assert.equal(t.currentStepIndex, 0);
    assert.equal(t.stoppedAt, 4);
    assert.deepEqual(t.steps.map((s) => s.state), ['done', 'done', 'done', 'done', 'current', 'pending']);
    assert.match(t.steps[4].detail, /aborted · AnalysisRun failed: Failed$/);
    // without a run that says where, the stored index is all there is
    const bare = canaryTimeline(rollout({ currentStepIndex: 0, abort: true, currentPodHash: 'abc' }), { setWeight: '0', actualWeight: '0' }, runs.slice(0, 2))!;
    assert.equal(bare.stoppedAt, undefined);
    assert.equal(bare.steps[0].state, 'current');
  });

  test('index == number of steps: every step done (§4.2 "N == M means all steps done")', () => {
    const t = canaryTimeline(rollout({ currentStepIndex: 6 }), { setWeight: '100', actualWeight: '100' })!;
    assert.equal(t.complete, true);
    assert.ok(t.steps.every((s) => s.state === 'done'));
  });

  test('unset currentStepIndex counts as 0 (GetCurrentCanaryStep) but is reported as unset', () => {
    const t = canaryTimeline(rollout({}), { setWeight: '20', actualWeight: '0' })!;
    assert.equal(t.currentStepIndex, undefined);
    assert.equal(t.steps[0].state, 'current');
  });

  test('blue-green and a canary without steps have no timeline', () => {
    assert.equal(canaryTimeline({ metadata: { name: 'x' }, spec: { strategy: { blueGreen: {} } } }, { setWeight: '', actualWeight: '' }), undefined);
    assert.equal(canaryTimeline({ metadata: { name: 'x' }, spec: { strategy: { canary: {} } } }, { setWeight: '100', actualWeight: '100' }), undefined);
  });
});

describe('weight history', () => {
  test('keeps at most maxSamples per rollout, oldest dropped', () => {
    const h = new WeightHistory({ maxSamples: 5, refreshMs: 0 });
    for (let i = 0; i < 12; i++) h.record('a', { t: i * 1000, setWeight: i, actualWeight: i });
    const s = h.samples('a');
    assert.equal(s.length, 5);
    assert.deepEqual(s.map((x) => x.setWeight), [7, 8, 9, 10, 11]);
  });

  test('keeps at most maxRollouts rollouts, least recently updated dropped', () => {
    const h = new WeightHistory({ maxRollouts: 2 });
    h.record('a', { t: 1, setWeight: 1, actualWeight: 1 });
    h.record('b', { t: 2, setWeight: 1, actualWeight: 1 });
    h.record('a', { t: 3, setWeight: 2, actualWeight: 2 });
    h.record('c', { t: 4, setWeight: 1, actualWeight: 1 });
    assert.equal(h.size, 2);
    assert.deepEqual(h.samples('b'), []);
    assert.equal(h.samples('a').length, 2);
  });

  test('an unchanged weight is recorded again only after refreshMs; time never goes back', () => {
    const h = new WeightHistory({ refreshMs: 60_000 });
    assert.equal(h.record('a', { t: 0, setWeight: 20, actualWeight: 20 }), true);
    assert.equal(h.record('a', { t: 30_000, setWeight: 20, actualWeight: 20 }), false);
    assert.equal(h.record('a', { t: 31_000, setWeight: 20, actualWeight: 15 }), true);
    assert.equal(h.record('a', { t: 100_000, setWeight: 20, actualWeight: 15 }), true);
    assert.equal(h.record('a', { t: 90_000, setWeight: 50, actualWeight: 50 }), false);
    assert.equal(h.samples('a').length, 3);
  });

  test('samples are a copy', () => {
    const h = new WeightHistory();
    h.record('a', { t: 1, setWeight: 1, actualWeight: 1 });
    h.samples('a').push({ t: 2, setWeight: 2, actualWeight: 2 });
    assert.equal(h.samples('a').length, 1);
  });
});

const NOW = Date.parse('2026-03-01T12:00:00Z');

function analysisRun(name: string, created: string, revision: string, value: string, phase: string): KubeObject {
  return {
    metadata: { name, namespace: 'payments', uid: `${name}-uid`, creationTimestamp: created, annotations: { 'rollout.argoproj.io/revision': revision }, ownerReferences: [{ uid: 'ro-uid', kind: 'Rollout', name: 'checkout-api', controller: true }] },
    spec: { metrics: [{ name: 'error-rate', successCondition: 'result[0] <= 0.05', failureLimit: 0, count: 3 }] },
    status: {
      phase,
      metricResults: [
        {
          name: 'error-rate',
          phase,
          failed: phase === 'Failed' ? 1 : 0,
          successful: phase === 'Successful' ? 1 : 0,
          measurements: [{ phase, value, startedAt: created, finishedAt: created }],
        },
      ],
    },
  };
}

describe('drill-down of a context (§4.4)', () => {
  test('a context is used only when it exists and is watched', () => {
    assert.deepEqual(contextForCluster('edge-eu-1', ['edge-eu-1', 'hub'], ['edge-eu-1']), { context: 'edge-eu-1' });
    assert.match((contextForCluster('store-eu-west-001', ['edge-eu-1'], ['edge-eu-1']) as { problem: string }).problem, /^No kubeconfig context named store-eu-west-001: add one to see its canary\.$/);
    assert.match((contextForCluster('edge-eu-1', ['edge-eu-1'], []) as { problem: string }).problem, /not watched/);
  });

  test('rollouts with timeline, weights, newest runs first with their measurements against thresholds', () => {
    const ro = rollout({ currentStepIndex: 1, availableReplicas: 5, pauseConditions: [{ reason: 'CanaryPauseStep' }] });
    const other = { ...rollout({}), metadata: { name: 'another', namespace: 'payments', uid: 'other-uid' } };
    const runs = [analysisRun('old', '2026-03-01T09:00:00Z', '1', '[0.004]', 'Successful'), analysisRun('new', '2026-03-01T11:00:00Z', '2', '[0.137]', 'Failed'), { ...analysisRun('foreign', '2026-03-01T11:30:00Z', '9', '[1]', 'Failed'), metadata: { name: 'foreign', namespace: 'payments', uid: 'f', ownerReferences: [{ uid: 'someone-else', kind: 'Rollout', name: 'x' }] } }];
    const history = new WeightHistory();
    const objects = { rollouts: [other, ro], replicaSets: [], analysisRuns: runs };
    assert.equal(sampleWeights('edge-eu-1', objects, history, NOW - 60_000), 2);
    const events = new Map([[rolloutKey('edge-eu-1', 'payments', 'checkout-api'), { events: [{ type: 'Normal', reason: 'RolloutPaused', message: 'paused', count: 1, last: NOW }], problem: '' }]]);
    const [first, second] = buildRolloutDrilldowns('edge-eu-1', objects, history, events, NOW);
    assert.equal(first.name, 'another');
    assert.equal(first.eventsProblem, 'listing events…');
    assert.equal(second.name, 'checkout-api');
    assert.equal(second.step, '1/6');
    assert.equal(second.timeline?.steps[1].state, 'current');
    // the sample taken a minute ago, then the same weights extended to now
    assert.deepEqual(second.weights.map((w) => w.t), [NOW - 60_000, NOW]);
    assert.deepEqual(second.analysisRuns.map((r) => r.name), ['new', 'old']);
    const metric = second.analysisRuns[0].metrics[0];
    assert.equal(metric.phase, 'Failed');
    assert.equal(metric.measurements[0].value, 0.137);
    assert.equal(violates(metric.measurements[0].value!, metric.thresholds[0]), true);
    assert.equal(second.events[0].reason, 'RolloutPaused');
    // the history is not changed by building
    assert.equal(history.samples(rolloutKey('edge-eu-1', 'payments', 'checkout-api')).length, 1);
  });
});

describe('events', () => {
  test('newest first, count from series or count, type defaults to Normal', () => {
    const views = eventViews([
      { reason: 'A', message: ' first ', lastTimestamp: '2026-03-01T10:00:00Z', count: 3 },
      { type: 'Warning', reason: 'B', message: 'second', eventTime: '2026-03-01T11:00:00.000000Z', series: { count: 7, lastObservedTime: '2026-03-01T11:30:00.000000Z' } },
      { reason: 'C', message: 'old', metadata: { creationTimestamp: '2026-03-01T08:00:00Z' } },
    ]);
    assert.deepEqual(views.map((v) => [v.reason, v.type, v.count, v.message]), [['B', 'Warning', 7, 'second'], ['A', 'Normal', 3, 'first'], ['C', 'Normal', 1, 'old']]);
  });

  test('listed per namespace with a field selector on the involved Rollout', () => {
    assert.equal(rolloutEventsPath('shop', 'cart'), '/api/v1/namespaces/shop/events?fieldSelector=involvedObject.kind%3DRollout%2CinvolvedObject.name%3Dcart');
  });
});

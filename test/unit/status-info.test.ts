// RolloutInfo (argo-rollouts.md §4.2–§4.4): the assertions of upstream
// pkg/kubectl-argo-rollouts/info/info_test.go on the info/testdata scenarios, plus the pieces
// the `get` layout is built from (§4.6): pod status, ages, scale-down delay, tabwriter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { experimentStatus, rolloutStatus, type RolloutInfo } from '../../server/src/semantics/status';
import { experimentImages } from '../../server/src/semantics/status/analysis-info';
import { age, humanDuration } from '../../server/src/semantics/status/human-duration';
import { podInfo } from '../../server/src/semantics/status/replicaset-info';
import { scaleDownDelay } from '../../server/src/semantics/status/render-get';
import { displayWidth, tabAlign } from '../../server/src/semantics/status/tabwriter';
import { currentSetWeight } from '../../server/src/semantics/status/rollout-info';
import { loadScenario, NOW_MS, rfc3339, type ScenarioObjects } from './status-testdata';

function info(objs: ScenarioObjects, i: number): RolloutInfo {
  return rolloutStatus({ rollout: objs.Rollouts[i], replicaSets: objs.ReplicaSets, pods: objs.Pods, experiments: objs.Experiments, analysisRuns: objs.AnalysisRuns });
}

const byRevision = (ro: RolloutInfo, rev: number) => ro.revisions.find((r) => r.revision === rev) ?? { replicaSets: [], experiments: [], analysisRuns: [] };

test('TestAge: 7 days ago prints 7d', () => {
  assert.equal(age(NOW_MS - 7 * 24 * 3600 * 1000, NOW_MS), '7d');
});

test('TestCanaryRolloutInfo', () => {
  const objs = loadScenario('canary');
  const ro = info(objs, 0);
  assert.equal(ro.name, objs.Rollouts[0].metadata.name);
  assert.equal(ro.revisions.length, 3);
  assert.deepEqual(ro.images, [
    { image: 'argoproj/rollouts-demo:does-not-exist', tags: ['canary'] },
    { image: 'argoproj/rollouts-demo:green', tags: ['stable'] },
  ]);
  assert.equal(ro.step, '0/8');
  assert.equal(ro.setWeight, '20');
  assert.equal(ro.actualWeight, '0');
  assert.deepEqual(ro.steps.slice(0, 4), ['setWeight: 20', 'pause', 'setWeight: 40', 'pause: 10s']);
});

test('TestCanaryRolloutInfoWeights: actual weight from status.canary.weights, else SetWeight', () => {
  const objs = loadScenario('canary');
  const withWeights = info(objs, 4);
  assert.equal(objs.Rollouts[4].metadata.name, 'canary-demo-weights');
  assert.equal(withWeights.actualWeight, String(objs.Rollouts[4].status.canary.weights.canary.weight));
  assert.equal(withWeights.actualWeight, '20');
  const without = info(objs, 5);
  assert.equal(objs.Rollouts[5].metadata.name, 'canary-demo-weights-na');
  assert.equal(without.actualWeight, without.setWeight);
});

test('TestPingPongCanaryRolloutInfo', () => {
  const objs = loadScenario('canary');
  const ro = info(objs, 3);
  assert.equal(ro.name, 'canary-demo-pingpong');
  assert.equal(ro.revisions.length, 3);
  assert.deepEqual(ro.images, [
    { image: 'argoproj/rollouts-demo:does-not-exist', tags: ['canary', 'ping'] },
    { image: 'argoproj/rollouts-demo:green', tags: ['stable', 'pong'] },
  ]);
});

test('TestBlueGreenRolloutInfo', () => {
  {
    const objs = loadScenario('blue-green');
    const ro = info(objs, 0);
    assert.equal(ro.name, objs.Rollouts[0].metadata.name);
    assert.equal(ro.revisions.length, 3);
    assert.equal(byRevision(ro, 11).replicaSets.length, 1);
    assert.equal(byRevision(ro, 10).replicaSets.length, 1);
    assert.equal(byRevision(ro, 8).replicaSets.length, 1);
    assert.equal(ro.replicaSets[0].scaleDownDeadline, '');
    assert.equal(scaleDownDelay(ro.replicaSets[0], NOW_MS), '');
    assert.deepEqual(ro.images, [
      { image: 'argoproj/rollouts-demo:blue', tags: ['stable', 'active'] },
      { image: 'argoproj/rollouts-demo:green', tags: ['preview'] },
    ]);
  }
  {
    const objs = loadScenario('blue-green');
    const inFourHours = rfc3339(NOW_MS, 4 * 3600 * 1000);
    objs.ReplicaSets[0].metadata.annotations['scale-down-deadline'] = inFourHours;
    const delayed = objs.ReplicaSets[0].metadata.uid;
    const ro = info(objs, 0);
    assert.equal(ro.replicaSets[1].uid, delayed);
    assert.equal(ro.replicaSets[1].scaleDownDeadline, inFourHours);
    assert.equal(scaleDownDelay(ro.replicaSets[1], NOW_MS), '3h59m');
  }
});

test('TestExperimentAnalysisRolloutInfo', () => {
  const objs = loadScenario('experiment-analysis');
  const ro = info(objs, 0);
  assert.equal(ro.name, objs.Rollouts[0].metadata.name);
  assert.equal(ro.revisions.length, 2);
  assert.equal(byRevision(ro, 1).replicaSets.length, 1);
  assert.equal(byRevision(ro, 2).replicaSets.length, 1);
  assert.equal(byRevision(ro, 2).experiments.length, 1);
  assert.equal(byRevision(ro, 2).analysisRuns.length, 1);
  assert.deepEqual(ro.images, [
    { image: 'argoproj/rollouts-demo:blue', tags: ['stable'] },
    { image: 'argoproj/rollouts-demo:yellow', tags: ['canary'] },
  ]);
  const run = ro.analysisRuns[0];
  assert.deepEqual([run.status, run.icon, run.successful, run.failed, run.inconclusive, run.error, run.jobs.length], ['Inconclusive', '?', 4, 4, 1, 1, 8]);
  assert.deepEqual(run.metrics, [{ name: 'random-fail', successCondition: '', count: 10, failureLimit: 5, inconclusiveLimit: 1 }]);
  assert.equal(ro.step, '1/2');
  assert.equal(ro.setWeight, '25');
  assert.equal(ro.actualWeight, '25');
});

test('TestExperimentInfo: experiment images carry no tags without a template annotation', () => {
  const objs = loadScenario('experiment-analysis');
  const exp = experimentStatus({ experiment: objs.Experiments[0], replicaSets: objs.ReplicaSets, pods: objs.Pods, analysisRuns: objs.AnalysisRuns });
  assert.equal(exp.name, objs.Experiments[0].metadata.name);
  assert.deepEqual(experimentImages(exp), [
    { image: 'argoproj/rollouts-demo:blue', tags: [] },
    { image: 'argoproj/rollouts-demo:yellow', tags: [] },
  ]);
});

test('experiment-step: experiment image tagged Σ:<template>, AnalysisRun under the experiment with its Job', () => {
  const objs = loadScenario('experiment-step');
  const ro = info(objs, 0);
  assert.deepEqual(ro.images, [
    { image: 'argoproj/rollouts-demo:blue', tags: ['Σ:canary-preview'] },
    { image: 'argoproj/rollouts-demo:green', tags: ['stable'] },
  ]);
  assert.equal(ro.analysisRuns.length, 0, 'the run is owned by the experiment');
  const exp = ro.experiments[0];
  assert.equal(exp.analysisRuns[0].jobs[0].name, '4e2d824d-01af-11ea-b38c-42010aa80083.stress.1');
  assert.equal(exp.analysisRuns[0].jobs[0].namespace, 'jesse-test');
});

test('TestRolloutStatusInvalidSpec', () => {
  const ro = info(loadScenario('rollout-invalid'), 0);
  assert.equal(ro.status, 'Degraded');
  assert.equal(
    ro.message,
    'InvalidSpec: The Rollout "rollout-invalid" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"doesnt-match"}: `selector` does not match template `labels`',
  );
  assert.equal(ro.step, '', 'no currentStepIndex');
  assert.equal(ro.setWeight, '100');
  assert.equal(ro.actualWeight, '100');
  assert.deepEqual(ro.images, []);
});

test('TestRolloutAborted', () => {
  const ro = info(loadScenario('rollout-aborted'), 0);
  assert.equal(ro.status, 'Degraded');
  assert.equal(ro.message, 'RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)');
  assert.equal(ro.setWeight, '0', 'status.abort: weight 0');
});

test('TestRolloutInfoMetadata', () => {
  const objs = loadScenario('canary');
  const ro = info(objs, 0);
  assert.equal(ro.name, objs.Rollouts[0].metadata.name);
  assert.deepEqual(ro.annotations, objs.Rollouts[0].metadata.annotations);
  assert.deepEqual(ro.labels, objs.Rollouts[0].metadata.labels);
  assert.equal(ro.generation, objs.Rollouts[0].metadata.generation);
});

test('§4.2 containers come from the workloadRef Deployment when given', () => {
  const objs = loadScenario('canary');
  const ro3 = objs.Rollouts[2];
  assert.equal(ro3.metadata.name, 'canary-demo-workloadRef-deploy');
  const ro = rolloutStatus({ rollout: ro3, replicaSets: objs.ReplicaSets, pods: objs.Pods, experiments: [], analysisRuns: [], workloadRef: objs.Deployments[0] });
  assert.deepEqual(ro.containers, objs.Deployments[0].spec.template.spec.containers.map((c: any) => ({ name: c.name, image: c.image })));
});

test('§4.2 GetCurrentSetWeight: walk back to the last setWeight; maxTrafficWeight past the last step', () => {
  const ro = (index: number | undefined, extra: Record<string, unknown> = {}) => ({
    spec: { strategy: { canary: { steps: [{ setWeight: 10 }, { pause: {} }, { analysis: {} }], ...extra } } },
    status: index === undefined ? {} : { currentStepIndex: index },
  });
  assert.equal(currentSetWeight(ro(2)), 10);
  assert.equal(currentSetWeight(ro(undefined)), 10, 'unset index counts as 0');
  assert.equal(currentSetWeight(ro(3)), 100);
  assert.equal(currentSetWeight(ro(3, { trafficRouting: { maxTrafficWeight: 1000 } })), 1000);
  assert.equal(currentSetWeight({ spec: { strategy: { canary: { steps: [{ pause: {} }] } } }, status: { currentStepIndex: 0 } }), 0);
});

test('§4.3 pod status like kubectl (newPodInfo)', () => {
  const pod = (status: Record<string, unknown>, spec: Record<string, unknown> = { containers: [{ name: 'a' }] }, metadata: Record<string, unknown> = {}) => podInfo({ metadata: { name: 'p', ...metadata }, spec, status });
  const running = { ready: true, restartCount: 0, state: { running: {} } };
  assert.deepEqual(
    ((p) => [p.status, p.icon, p.ready, p.restarts])(pod({ phase: 'Running', containerStatuses: [running] })),
    ['Running', '✔', '1/1', 0],
  );
  assert.equal(pod({ phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] }).icon, '⚠');
  assert.equal(pod({ phase: 'Running', containerStatuses: [{ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }).restarts, 3);
  assert.equal(pod({ phase: 'Running', containerStatuses: [{ state: { terminated: { exitCode: 2 } } }] }).status, 'ExitCode:2');
  assert.equal(pod({ phase: 'Running', containerStatuses: [{ state: { terminated: { exitCode: 0, signal: 9 } } }] }).status, 'Signal:9');
  // Last container first: the first container's reason wins.
  assert.equal(pod({ phase: 'Running', containerStatuses: [{ state: { waiting: { reason: 'ErrImagePull' } } }, { state: { waiting: { reason: 'ContainerCreating' } } }] }, { containers: [{}, {}] }).status, 'ErrImagePull');
  assert.equal(pod({ phase: 'Running', containerStatuses: [{ state: { terminated: { reason: 'Completed', exitCode: 0 } } }, running] }, { containers: [{}, {}] }).status, 'Running');
  const init = { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] };
  assert.equal(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 0 } } }, { name: 'i2', state: { running: {} } }] }, init).status, 'Init:1/2');
  assert.equal(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', restartCount: 2, state: { terminated: { exitCode: 1 } } }] }, init).status, 'Init:ExitCode:1');
  assert.equal(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', restartCount: 2, state: { terminated: { exitCode: 1 } } }] }, init).restarts, 2);
  assert.equal(pod({ phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { waiting: { reason: 'CrashLoopBackOff' } } }] }, init).status, 'Init:CrashLoopBackOff');
  const sidecar = { initContainers: [{ name: 's', restartPolicy: 'Always' }], containers: [{ name: 'a' }] };
  assert.equal(pod({ phase: 'Running', initContainerStatuses: [{ name: 's', started: true, ready: true, state: { running: {} } }], containerStatuses: [running] }, sidecar).status, 'Running');
  assert.equal(pod({ phase: 'Running', containerStatuses: [running] }, undefined, { deletionTimestamp: '2020-01-01T00:00:00Z' }).status, 'Terminating');
  assert.equal(pod({ phase: 'Running', reason: 'NodeLost' }, undefined, { deletionTimestamp: '2020-01-01T00:00:00Z' }).status, 'Unknown');
  assert.equal(pod({ phase: 'Failed', reason: 'Evicted' }).status, 'Evicted');
});

test('§4.6 HumanDuration (apimachinery duration.HumanDuration)', () => {
  const s = 1000;
  const cases: Array<[number, string]> = [
    [-2 * s, '<invalid>'],
    [-1.5 * s, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [(9 * 60 + 59) * s, '9m59s'],
    [10 * 60 * s, '10m'],
    [(3 * 60 - 1) * 60 * s, '179m'],
    [3 * 3600 * s, '3h'],
    [(3 * 3600 + 59 * 60 + 59) * s + 500, '3h59m'],
    [8 * 3600 * s, '8h'],
    [47 * 3600 * s, '47h'],
    [48 * 3600 * s, '2d'],
    [(7 * 24 + 5) * 3600 * s, '7d5h'],
    [8 * 24 * 3600 * s, '8d'],
    [2 * 365 * 24 * 3600 * s, '2y'],
    [(3 * 365 + 10) * 24 * 3600 * s, '3y10d'],
    [9 * 365 * 24 * 3600 * s, '9y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms} ms`);
  assert.equal(age(undefined, NOW_MS), '292y', 'zero time: time.Duration saturates');
});

test('§4.3 ScaleDownDelay: passed, time left, unparsable', () => {
  assert.equal(scaleDownDelay({ scaleDownDeadline: rfc3339(NOW_MS, -3600 * 1000) }, NOW_MS), 'passed');
  assert.equal(scaleDownDelay({ scaleDownDeadline: rfc3339(NOW_MS, 4 * 3600 * 1000) }, NOW_MS), '3h59m');
  assert.equal(scaleDownDelay({ scaleDownDeadline: 'soon' }, NOW_MS), '');
});

test('§4.6 tabwriter: padding 2, the last cell unpadded, escape sequences take no width', () => {
  assert.equal(tabAlign('a\tbb\tc\nccc\td\te\n'), 'a    bb  c\nccc  d   e\n');
  assert.equal(tabAlign('x\t\t \t\t\nlonger\tk\t\t7d\t\n'), `x${' '.repeat(17)}\nlonger  k     7d  \n`);
  assert.equal(tabAlign('\x1b[32mab\x1b[0m\tc\nabcd\te\n'), '\x1b[32mab\x1b[0m    c\nabcd  e\n');
  // A line without tabs ends the column block: the lines around it align separately.
  assert.equal(tabAlign('a\tb\nno tabs here\nlonger\tb\n'), 'a  b\nno tabs here\nlonger  b\n');
  assert.equal(displayWidth('⟳ ✔ ◌ ॥ ⧉ □ Σ α ⊞ ├──│'), 22);
  assert.equal(displayWidth('日本'), 4);
});

// Rollout phase and message (argo-rollouts.md §4.1): the cases of upstream
// utils/rollout/rolloututil_test.go and the phase of every Rollout of info/testdata (§4.8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calculateRolloutPhase, getRolloutPhase, isGenerationObserved, isUnpausing, isWorkloadGenerationObserved, WORKLOAD_GENERATION_ANNOTATION } from '../../server/src/semantics/status/rollout-phase';
import { canaryStepString } from '../../server/src/semantics/status/rollout-info';
import { rolloutIcon } from '../../server/src/semantics/status/icons';
import { loadScenario } from './status-testdata';

type Obj = Record<string, any>;

/** rolloututil_test.go newCanaryRollout(). */
function newCanaryRollout(): Obj {
  return {
    metadata: { name: 'can-guestbook', namespace: 'test' },
    spec: {
      replicas: 5,
      strategy: { canary: { steps: [{ setWeight: 10 }, { pause: { duration: 60 } }, { setWeight: 20 }] } },
    },
    status: { currentStepIndex: 1, replicas: 4, readyReplicas: 1, updatedReplicas: 3, availableReplicas: 2 },
  };
}

/** rolloututil_test.go newBlueGreenRollout(). */
function newBlueGreenRollout(): Obj {
  return {
    metadata: { name: 'bg-guestbook', namespace: 'test' },
    spec: { replicas: 5, strategy: { blueGreen: {} } },
    status: { currentStepIndex: 1, replicas: 4, readyReplicas: 1, updatedReplicas: 3, availableReplicas: 2 },
  };
}

const oneMinuteAgo = new Date(Date.now() - 60_000).toISOString();

const cases: Array<{ name: string; ro: () => Obj; status: string; message: string; templateResolvedFromRef?: boolean }> = [
  {
    name: 'TestRolloutStatusDegraded: ProgressDeadlineExceeded condition',
    ro: () => {
      const ro = newCanaryRollout();
      ro.status.conditions = [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded', message: 'timed out' }];
      return ro;
    },
    status: 'Degraded',
    message: 'ProgressDeadlineExceeded: timed out',
  },
  {
    name: 'TestRolloutStatusPaused: spec.paused',
    ro: () => ({ ...newCanaryRollout(), spec: { ...newCanaryRollout().spec, paused: true } }),
    status: 'Paused',
    message: 'manually paused',
  },
  {
    name: 'TestRolloutStatusProgressing: more replicas need to be updated',
    ro: () => {
      const ro = newCanaryRollout();
      Object.assign(ro.status, { updatedReplicas: 4, availableReplicas: 4, replicas: 5 });
      return ro;
    },
    status: 'Progressing',
    message: 'more replicas need to be updated',
  },
  {
    name: 'TestRolloutStatusProgressing: updated replicas are still becoming available',
    ro: () => {
      const ro = newCanaryRollout();
      Object.assign(ro.status, { updatedReplicas: 5, availableReplicas: 4, replicas: 5 });
      return ro;
    },
    status: 'Progressing',
    message: 'updated replicas are still becoming available',
  },
  {
    name: 'TestRolloutStatusProgressing: old replicas are pending termination',
    ro: () => {
      const ro = newCanaryRollout();
      Object.assign(ro.status, { updatedReplicas: 5, availableReplicas: 5, replicas: 7 });
      return ro;
    },
    status: 'Progressing',
    message: 'old replicas are pending termination',
  },
  {
    name: 'TestRolloutStatusProgressing: active service cutover pending',
    ro: () => {
      const ro = newBlueGreenRollout();
      Object.assign(ro.status, { blueGreen: { activeSelector: 'abc1234' }, stableRS: 'abc1234', currentPodHash: 'def5678', replicas: 5, updatedReplicas: 5, availableReplicas: 5 });
      return ro;
    },
    status: 'Progressing',
    message: 'active service cutover pending',
  },
  {
    name: 'TestRolloutStatusProgressing: waiting for analysis to complete (post-promotion analysis)',
    ro: () => {
      const ro = newBlueGreenRollout();
      ro.spec.strategy.blueGreen.postPromotionAnalysis = {};
      Object.assign(ro.status, { blueGreen: { activeSelector: 'def5678' }, stableRS: 'abc1234', currentPodHash: 'def5678', replicas: 5, updatedReplicas: 5, availableReplicas: 5 });
      return ro;
    },
    status: 'Progressing',
    message: 'waiting for analysis to complete',
  },
  {
    name: 'TestRolloutStatusProgressing: waiting for post-promotion verification to complete',
    ro: () => {
      const ro = newBlueGreenRollout();
      Object.assign(ro.status, { blueGreen: { activeSelector: 'def5678' }, stableRS: 'abc1234', currentPodHash: 'def5678', replicas: 5, updatedReplicas: 5, availableReplicas: 5 });
      return ro;
    },
    status: 'Progressing',
    message: 'waiting for post-promotion verification to complete',
  },
  {
    name: 'post-promotion analysis completed: verification is what remains',
    ro: () => {
      const ro = newBlueGreenRollout();
      ro.spec.strategy.blueGreen.postPromotionAnalysis = {};
      Object.assign(ro.status, { blueGreen: { activeSelector: 'def5678', postPromotionAnalysisRunStatus: { name: 'r', status: 'Successful' } }, stableRS: 'abc1234', currentPodHash: 'def5678', replicas: 5, updatedReplicas: 5, availableReplicas: 5 });
      return ro;
    },
    status: 'Progressing',
    message: 'waiting for post-promotion verification to complete',
  },
  {
    name: 'TestRolloutStatusProgressing: new rollout with hashes but no updated replicas (replicas default 1)',
    ro: () => {
      const ro = newCanaryRollout();
      delete ro.spec.replicas;
      ro.status = { observedGeneration: '0', stableRS: 'abc1234', currentPodHash: 'abc1234' };
      return ro;
    },
    status: 'Progressing',
    message: 'more replicas need to be updated',
  },
  {
    name: 'TestRolloutStatusProgressing: observed generation not updated',
    ro: () => {
      const ro = newCanaryRollout();
      ro.metadata.generation = 2;
      delete ro.spec.replicas;
      ro.status = { stableRS: 'abc1234', currentPodHash: 'abc1234', observedGeneration: '1' };
      return ro;
    },
    status: 'Progressing',
    message: 'waiting for rollout spec update to be observed',
  },
  {
    name: 'TestRolloutStatusProgressing: v0.9 hash in observedGeneration counts as observed',
    ro: () => {
      const ro = newCanaryRollout();
      ro.metadata.generation = 2;
      delete ro.spec.replicas;
      ro.status = { stableRS: 'abc1234', currentPodHash: 'abc1234', observedGeneration: '7d66d4485f' };
      return ro;
    },
    status: 'Progressing',
    message: 'more replicas need to be updated',
  },
  {
    name: 'TestRolloutStatusProgressing: v0.9 all-numeric hash counts as observed',
    ro: () => {
      const ro = newCanaryRollout();
      ro.metadata.generation = 2;
      delete ro.spec.replicas;
      ro.status = { stableRS: 'abc1234', currentPodHash: 'abc1234', observedGeneration: '1366344857' };
      return ro;
    },
    status: 'Progressing',
    message: 'more replicas need to be updated',
  },
  {
    name: 'TestRolloutStatusProgressing: restart not finished',
    ro: () => {
      const ro = newCanaryRollout();
      ro.spec.restartAt = oneMinuteAgo;
      Object.assign(ro.status, { replicas: 5, updatedReplicas: 5, availableReplicas: 5, readyReplicas: 5, stableRS: 'abc1234', currentPodHash: 'abc1234' });
      return ro;
    },
    status: 'Progressing',
    message: 'rollout is restarting',
  },
  {
    name: 'TestRolloutStatusProgressing: workload generation not observed (TemplateResolvedFromRef)',
    ro: () => {
      const ro = newCanaryRollout();
      ro.metadata.annotations = { [WORKLOAD_GENERATION_ANNOTATION]: '2' };
      ro.status = { workloadObservedGeneration: '1' };
      return ro;
    },
    templateResolvedFromRef: true,
    status: 'Progressing',
    message: 'waiting for rollout spec update to be observed for the reference workload',
  },
  {
    name: 'TestRolloutStatusHealthy: canary fully promoted',
    ro: () => {
      const ro = newCanaryRollout();
      Object.assign(ro.status, { replicas: 5, updatedReplicas: 5, availableReplicas: 5, readyReplicas: 5, stableRS: 'abc1234', currentPodHash: 'abc1234' });
      return ro;
    },
    status: 'Healthy',
    message: '',
  },
  {
    name: 'TestRolloutStatusHealthy: blue-green fully promoted',
    ro: () => {
      const ro = newBlueGreenRollout();
      Object.assign(ro.status, { replicas: 5, updatedReplicas: 5, availableReplicas: 5, readyReplicas: 5, blueGreen: { activeSelector: 'abc1234' }, currentPodHash: 'abc1234', stableRS: 'abc1234' });
      return ro;
    },
    status: 'Healthy',
    message: '',
  },
  {
    name: 'TestRolloutStatusHealthy: restart finished (restartedAt == restartAt)',
    ro: () => {
      const ro = newCanaryRollout();
      ro.spec.restartAt = oneMinuteAgo;
      Object.assign(ro.status, { restartedAt: oneMinuteAgo, replicas: 5, updatedReplicas: 5, availableReplicas: 5, readyReplicas: 5, stableRS: 'abc1234', currentPodHash: 'abc1234' });
      return ro;
    },
    status: 'Healthy',
    message: '',
  },
  {
    name: 'TestRolloutStatusHealthy: workload generation observed',
    ro: () => {
      const ro = newCanaryRollout();
      ro.metadata.annotations = { [WORKLOAD_GENERATION_ANNOTATION]: '2' };
      Object.assign(ro.status, { replicas: 5, updatedReplicas: 5, availableReplicas: 5, readyReplicas: 5, stableRS: 'abc1234', currentPodHash: 'abc1234', workloadObservedGeneration: '2' });
      return ro;
    },
    templateResolvedFromRef: true,
    status: 'Healthy',
    message: '',
  },
  {
    name: 'TestIsUnpausing: controller phase while pause conditions remain',
    ro: () => {
      const ro = newCanaryRollout();
      Object.assign(ro.status, { phase: 'Paused', message: 'canary pause', pauseConditions: [{ reason: 'CanaryPauseStep' }], controllerPause: true });
      return ro;
    },
    status: 'Paused',
    message: 'canary pause',
  },
  {
    name: 'TestIsUnpausing: pause conditions cleared, controller not yet reacted',
    ro: () => {
      const ro = newCanaryRollout();
      Object.assign(ro.status, { phase: 'Paused', message: 'canary pause', controllerPause: true });
      return ro;
    },
    status: 'Progressing',
    message: 'waiting for rollout to unpause',
  },
  {
    name: 'InvalidSpec condition comes first (by condition order)',
    ro: () => {
      const ro = newCanaryRollout();
      ro.status.conditions = [{ type: 'InvalidSpec', reason: 'InvalidSpec', message: 'bad' }, { type: 'Progressing', reason: 'RolloutAborted', message: 'x' }];
      return ro;
    },
    status: 'Degraded',
    message: 'InvalidSpec: bad',
  },
  {
    name: 'pause condition reason',
    ro: () => {
      const ro = newCanaryRollout();
      ro.status.pauseConditions = [{ reason: 'CanaryPauseStep', startTime: oneMinuteAgo }];
      return ro;
    },
    status: 'Paused',
    message: 'CanaryPauseStep',
  },
  {
    name: 'traffic-routed canary keeps old replicas: waiting for all steps',
    ro: () => {
      const ro = newCanaryRollout();
      ro.spec.strategy.canary.trafficRouting = { smi: {} };
      Object.assign(ro.status, { updatedReplicas: 5, availableReplicas: 5, replicas: 7, stableRS: 'a', currentPodHash: 'b' });
      return ro;
    },
    status: 'Progressing',
    message: 'waiting for all steps to complete',
  },
  {
    name: 'status.phase from a 1.0+ controller wins over the computation',
    ro: () => {
      const ro = newCanaryRollout();
      Object.assign(ro.status, { phase: 'Healthy', message: '' });
      return ro;
    },
    status: 'Healthy',
    message: '',
  },
  {
    name: 'unquoted numeric observedGeneration in YAML is read as its text',
    ro: () => {
      const ro = newCanaryRollout();
      ro.metadata.generation = 3;
      ro.status.observedGeneration = 2;
      return ro;
    },
    status: 'Progressing',
    message: 'waiting for rollout spec update to be observed',
  },
];

for (const c of cases) {
  test(`§4.1 GetRolloutPhase — ${c.name}`, () => {
    const got = getRolloutPhase(c.ro(), { templateResolvedFromRef: c.templateResolvedFromRef });
    assert.deepEqual(got, { status: c.status, message: c.message });
  });
}

test('§4.1 isGenerationObserved (Test_isGenerationObserved)', () => {
  assert.equal(isGenerationObserved({ status: { observedGeneration: 'invalid' } }), true);
  assert.equal(isGenerationObserved({ metadata: { generation: 9 }, status: { observedGeneration: '10' } }), true);
  assert.equal(isGenerationObserved({ metadata: { generation: 10 }, status: { observedGeneration: '10' } }), true);
  assert.equal(isGenerationObserved({ metadata: { generation: 11 }, status: { observedGeneration: '10' } }), false);
  assert.equal(isGenerationObserved({ metadata: { generation: 11 } }), true, 'no observedGeneration: Atoi fails, treated as observed');
  assert.equal(isGenerationObserved({ metadata: { generation: 1 }, status: { observedGeneration: '99999999999999999999' } }), true, 'out of int64 range: Atoi fails');
});

test('§4.1 isWorkloadGenerationObserved (TestRolloutStatusProgressing last block)', () => {
  const ro = newCanaryRollout();
  assert.equal(isWorkloadGenerationObserved(ro), true);
  ro.metadata.annotations = { [WORKLOAD_GENERATION_ANNOTATION]: '2' };
  ro.status.workloadObservedGeneration = '222222222222222222';
  assert.equal(isWorkloadGenerationObserved(ro), true, 'out of int32 range: ParseInt fails');
  ro.status.workloadObservedGeneration = '1';
  assert.equal(isWorkloadGenerationObserved(ro), false);
  ro.status.workloadObservedGeneration = '2';
  assert.equal(isWorkloadGenerationObserved(ro), true);
});

test('§4.1 isUnpausing and the client never sees TemplateResolvedFromRef', () => {
  assert.equal(isUnpausing({ status: { controllerPause: true } }), true);
  assert.equal(isUnpausing({ status: { controllerPause: true, pauseConditions: [{ reason: 'BlueGreenPause' }] } }), false);
  const ro = newCanaryRollout();
  ro.metadata.annotations = { [WORKLOAD_GENERATION_ANNOTATION]: '2' };
  ro.status = { workloadObservedGeneration: '1' };
  assert.notEqual(getRolloutPhase(ro).message, 'waiting for rollout spec update to be observed for the reference workload');
});

test('§4.1 CalculateRolloutPhase directly on spec and status', () => {
  assert.deepEqual(calculateRolloutPhase({ replicas: 0, strategy: { canary: {} } }, { stableRS: 'a', currentPodHash: 'a' }), { status: 'Healthy', message: '' });
  assert.deepEqual(calculateRolloutPhase({}, {}), { status: 'Progressing', message: 'more replicas need to be updated' });
});

test('TestCanaryStepString', () => {
  const table: Array<[Obj, string]> = [
    [{ setWeight: 20 }, 'setWeight: 20'],
    [{ pause: {} }, 'pause'],
    [{ pause: { duration: 10 } }, 'pause: 10'],
    [{ pause: { duration: '10s' } }, 'pause: 10s'],
    [{ experiment: {} }, 'experiment'],
    [{ analysis: {} }, 'analysis'],
    [{ setCanaryScale: { weight: 20 } }, 'setCanaryScale{weight: 20}'],
    [{ setCanaryScale: { matchTrafficWeight: true } }, 'setCanaryScale{matchTrafficWeight: true}'],
    [{ setCanaryScale: { replicas: 5 } }, 'setCanaryScale{replicas: 5}'],
    [{ plugin: { name: 'foo' } }, 'plugin: foo'],
    [{ setHeaderRoute: { name: 'foo' } }, 'setHeaderRoute: foo'],
    [{ setMirrorRoute: { name: 'foo' } }, 'setMirrorRoute: foo'],
    [{}, 'invalid'],
  ];
  for (const [step, want] of table) assert.equal(canaryStepString(step), want, JSON.stringify(step));
});

test('§4.2 rollout icons', () => {
  assert.deepEqual(
    ['Progressing', 'Error', 'InvalidSpec', 'Paused', 'Healthy', 'Degraded', 'Unknown', 'ScaledDown', 'Whatever'].map(rolloutIcon),
    ['◌', '⚠', '⚠', '॥', '✔', '✖', '?', '•', ' '],
  );
});

// §4.8: every Rollout of every scenario of info/testdata (all lack status.phase: the fallback runs).
const scenarioPhases: Array<[Parameters<typeof loadScenario>[0], string, string, string]> = [
  ['blue-green', 'bluegreen-demo', 'Paused', 'BlueGreenPause'],
  ['canary', 'canary-demo', 'Degraded', 'ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.'],
  ['canary', 'canary-demo-workloadRef', 'Degraded', 'ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.'],
  ['canary', 'canary-demo-workloadRef-deploy', 'Degraded', 'ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.'],
  ['canary', 'canary-demo-pingpong', 'Degraded', 'ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.'],
  ['canary', 'canary-demo-weights', 'Degraded', 'ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.'],
  ['canary', 'canary-demo-weights-na', 'Degraded', 'ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.'],
  ['experiment-analysis', 'rollout-experiment-analysis', 'Degraded', 'ProgressDeadlineExceeded: ReplicaSet "rollout-experiment-analysis-6f646bf7b7" has timed out progressing.'],
  ['experiment-step', 'canary-demo', 'Progressing', 'more replicas need to be updated'],
  ['rollout-aborted', 'rollout-background-analysis', 'Degraded', 'RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)'],
  [
    'rollout-invalid',
    'rollout-invalid',
    'Degraded',
    'InvalidSpec: The Rollout "rollout-invalid" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"doesnt-match"}: `selector` does not match template `labels`',
  ],
];

test('§4.8 every info/testdata Rollout has a phase and message test', () => {
  const covered = new Set(scenarioPhases.map(([s, n]) => `${s}/${n}`));
  for (const s of ['blue-green', 'canary', 'experiment-analysis', 'experiment-step', 'rollout-aborted', 'rollout-invalid'] as const) {
    for (const ro of loadScenario(s).Rollouts) assert.ok(covered.has(`${s}/${ro.metadata.name}`), `${s}/${ro.metadata.name} has no case`);
  }
});

for (const [scenario, name, status, message] of scenarioPhases) {
  test(`§4.1/§4.8 ${scenario}/${name}: ${status}`, () => {
    const ro = loadScenario(scenario).Rollouts.find((r) => r.metadata.name === name);
    assert.ok(ro);
    assert.equal(ro.status.phase, undefined);
    assert.deepEqual(getRolloutPhase(ro), { status, message });
  });
}

// Table tests of the RollingSync semantics against ../shared/corpus/argocd/derived/rollingsync-fixtures.json
// (upstream Go unit tests transcribed, plus marked code-reading cases). Each test names the
// section of fleet-argocd.md it checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedRoot } from '../helpers/paths';
import {
  buildAppDependencyList,
  getAppsToSync,
  invalidRolloutConfigCondition,
  isDeletionOrderReversed,
  isRollingSyncStrategy,
  maxUpdateLimit,
  progressingCondition,
  scaledValueFromIntOrPercent,
  updateApplicationStatusProgress,
  withMaxUpdateIssues,
  type AppSetApplicationStatus,
  type Strategy,
} from '../../server/src/semantics/argocd/progressive-sync';
import { conditionMessage, emptyIssues, type ValidationIssues } from '../../server/src/semantics/argocd/validation-issues';
import { MSG, updateApplicationStatuses, type LiveApplication } from '../../server/src/semantics/argocd/application-status';
import { rolloutView } from '../../server/src/semantics/argocd/wave-status';

const fixtures = JSON.parse(fs.readFileSync(path.join(sharedRoot, 'corpus', 'argocd', 'derived', 'rollingsync-fixtures.json'), 'utf8'));

type Json = Record<string, any>;

/** Fixture strategies write `steps` as a list of matchExpressions lists. */
function strategyFrom(f: Json | null): Strategy | null {
  if (!f) return f;
  const s: Json = { ...f };
  if ('steps' in s) {
    s.rollingSync = { steps: (s.steps as Json[][]).map((m) => ({ matchExpressions: m })) };
    delete s.steps;
  }
  return s as Strategy;
}

function issuesFrom(f: Json): ValidationIssues {
  const v = emptyIssues();
  for (const e of f.InvalidMatchExpressions ?? []) v.invalidMatchExpressions.push({ stepIndex: e.StepIndex, operator: e.Operator });
  for (const [app, steps] of Object.entries(f.DuplicateAppSelections ?? {})) v.duplicateAppSelections.set(app, steps as number[]);
  v.emptySteps.push(...(f.EmptySteps ?? []));
  for (const e of f.InvalidMaxUpdates ?? []) v.invalidMaxUpdates.push({ stepIndex: e.StepIndex, maxUpdate: e.MaxUpdate, error: '' });
  return v;
}

function issuesJson(v: ValidationIssues): Json {
  const out: Json = {};
  if (v.invalidMatchExpressions.length) out.InvalidMatchExpressions = v.invalidMatchExpressions.map((e) => ({ StepIndex: e.stepIndex, Operator: e.operator }));
  if (v.duplicateAppSelections.size) out.DuplicateAppSelections = Object.fromEntries(v.duplicateAppSelections);
  if (v.emptySteps.length) out.EmptySteps = v.emptySteps;
  return out;
}

for (const c of fixtures.buildAppDependencyList as Json[]) {
  test(`§5.3/§5.4 buildAppDependencyList: ${c.name}`, () => {
    const strategy = strategyFrom(c.strategy);
    const r = buildAppDependencyList(strategy, c.apps);
    assert.deepEqual(r.list, c.expectedList);
    assert.deepEqual(Object.fromEntries(r.stepMap), c.expectedStepMap);
    assert.deepEqual(issuesJson(r.issues), c.expectedIssues);
    if (c.expectedConditionMessage) {
      assert.equal(conditionMessage(r.issues), c.expectedConditionMessage);
      assert.deepEqual(invalidRolloutConfigCondition(strategy, r.issues), { type: 'InvalidRolloutConfig', status: 'True', reason: 'ApplicationSetInvalidRolloutConfig', message: c.expectedConditionMessage });
    }
  });
}

const statusList = (rows: string[][]): AppSetApplicationStatus[] => rows.map(([application, status, step]) => ({ application, status, step: step ?? '1', message: '' }));

for (const c of fixtures.getAppsToSync as Json[]) {
  test(`§5.7 getAppsToSync: ${c.name}`, () => {
    const got = getAppsToSync(c.dependencyList, statusList(c.statuses), c.currentApps);
    assert.deepEqual(Object.fromEntries([...got].map((a) => [a, true])), c.expected);
  });
}

for (const c of fixtures.UpdateApplicationSetApplicationStatusProgress as Json[]) {
  test(`§5.5 maxUpdate progress: ${c.name}`, () => {
    const strategy: Strategy = { type: 'RollingSync', rollingSync: { steps: c.steps } };
    const before = statusList(c.before);
    const stepMap = new Map(before.map((s) => [s.application, 0]));
    const r = updateApplicationStatusProgress(strategy, before, new Set(c.appsToSync), stepMap, '2026-01-01T00:00:00Z');
    assert.deepEqual(
      r.statuses.map((s) => [s.application, s.status, s.step]),
      c.after,
    );
    for (const s of r.statuses) if (s.status === 'Pending' && before.find((b) => b.application === s.application)!.status === 'Waiting') assert.equal(s.message, 'Application moved to Pending status, watching for the Application resource to start Progressing');
    if (c.expectedConditionMessage) assert.equal(conditionMessage(withMaxUpdateIssues(emptyIssues(), r.invalidMaxUpdates)), c.expectedConditionMessage);
    else assert.deepEqual(r.invalidMaxUpdates, []);
  });
}

for (const [i, c] of (fixtures.validationMessages as Json[]).entries()) {
  test(`§5.4 validation message ${i + 1}: ${c.message}`, () => {
    assert.equal(conditionMessage(issuesFrom(c.issues)), c.message);
  });
}

for (const c of fixtures.strategyPredicates.IsRollingSyncStrategy as Json[]) {
  test(`§5.2 IsRollingSyncStrategy: ${c.name}`, () => {
    assert.equal(isRollingSyncStrategy(c.strategy), c.expected);
  });
}

for (const c of fixtures.strategyPredicates.IsDeletionOrderReversed as Json[]) {
  test(`§5.9 IsDeletionOrderReversed: ${c.name}`, () => {
    assert.equal(isDeletionOrderReversed(c.strategy), c.expected);
  });
}

test('§5.4 condition message priority: invalid operators > duplicates > maxUpdate > empty steps', () => {
  const v = issuesFrom({ EmptySteps: [2], InvalidMaxUpdates: [{ StepIndex: 0, MaxUpdate: 'x' }], DuplicateAppSelections: { a: [0, 1] } });
  assert.equal(conditionMessage(v), "Application 'a' is selected by multiple steps: (1-2)");
  v.invalidMatchExpressions.push({ stepIndex: 1, operator: 'Exists' });
  assert.equal(conditionMessage(v), "Step 2 has invalid matchExpression operators: Exists. Supported Operators are 'In' and 'NotIn'");
  assert.equal(conditionMessage(emptyIssues()), '');
  assert.deepEqual(invalidRolloutConfigCondition({ type: 'RollingSync', rollingSync: { steps: [{}] } }, emptyIssues()), { type: 'InvalidRolloutConfig', status: 'False', reason: 'ApplicationSetValidRolloutConfig', message: 'Rolling Sync Configured correctly' });
  assert.equal(invalidRolloutConfigCondition({ type: 'AllAtOnce' }, v), undefined);
});

test('§5.4 (code reading) an app selected by three steps reads (1-2-3); two bad operators in one step read "Steps 1, 1"', () => {
  const strategy = strategyFrom({ type: 'RollingSync', steps: [[], [], []] });
  assert.equal(conditionMessage(buildAppDependencyList(strategy, [{ name: 'a', labels: {} }]).issues), "Application 'a' is selected by multiple steps: (1-2-3)");
  const two = strategyFrom({ type: 'RollingSync', steps: [[{ key: 'x', operator: 'Exists' }], [{ key: 'x', operator: 'Gt' }]] });
  assert.equal(conditionMessage(buildAppDependencyList(two, [{ name: 'a', labels: { x: '1' } }]).issues), "Steps 1, 2 have invalid matchExpression operators: Exists, Gt. Supported Operators are 'In' and 'NotIn'");
});

test('§5.5 maxUpdate resolution: integers as is, N% rounded down, strings other than "0%" raised to 1', () => {
  const cases: Array<[number | string, number, number | undefined, boolean]> = [
    [3, 10, 3, false],
    [0, 10, 0, false],
    [-2, 10, -2, false],
    ['0%', 10, 0, false],
    ['00%', 10, 1, false],
    ['-10%', 10, 1, false],
    ['25%', 10, 2, false],
    ['50%', 3, 1, false],
    ['1%', 3, 1, false],
    ['100%', 3, 3, false],
    ['150%', 4, 6, false],
    ['2', 10, 1, true],
    ['10.5%', 10, 1, true],
    ['%', 10, 1, true],
  ];
  for (const [v, total, limit, invalid] of cases) {
    const r = maxUpdateLimit(v, total);
    assert.equal(r.limit, limit, `maxUpdate ${JSON.stringify(v)} of ${total}`);
    assert.equal(!!r.error, invalid, `maxUpdate ${JSON.stringify(v)} error`);
  }
  assert.equal(maxUpdateLimit(undefined, 5).limit, undefined);
  assert.equal(maxUpdateLimit(null, 5).limit, undefined);
  assert.deepEqual(scaledValueFromIntOrPercent('50%', 3, true), { value: 2 });
});

test('§5.5 (code reading) Applications outside every step count toward step 1', () => {
  const strategy: Strategy = { type: 'RollingSync', rollingSync: { steps: [{ maxUpdate: '50%' }, {}] } };
  // 4 entries map to step 1 (one of them unassigned): 50% of 4 = 2, one already Progressing → one more.
  const before = statusList([['a', 'Progressing'], ['b', 'Waiting'], ['c', 'Waiting'], ['lost', 'Waiting', '-1']]);
  const stepMap = new Map([['a', 0], ['b', 0], ['c', 0]]);
  const r = updateApplicationStatusProgress(strategy, before, new Set(['a', 'b', 'c']), stepMap, 't');
  assert.deepEqual(r.statuses.map((s) => s.status), ['Progressing', 'Pending', 'Waiting', 'Waiting']);
  assert.deepEqual(updateApplicationStatusProgress({ type: 'AllAtOnce' }, before, new Set(), stepMap, 't').statuses, []);
});

test('§5.7 RolloutProgressing names the first step with a non-Healthy entry; steps without entries count as complete', () => {
  const strategy: Strategy = { type: 'RollingSync', rollingSync: { steps: [{}, {}, {}] } };
  assert.deepEqual(progressingCondition(strategy, statusList([['a', 'Healthy', '1'], ['b', 'Waiting', '3']])), { type: 'RolloutProgressing', status: 'True', reason: 'ApplicationSetModified', message: 'ApplicationSet is performing rollout of step 3' });
  assert.deepEqual(progressingCondition(strategy, statusList([['a', 'Healthy', '1']])), { type: 'RolloutProgressing', status: 'False', reason: 'ApplicationSetRolloutComplete', message: 'ApplicationSet Rollout has completed' });
  assert.equal(progressingCondition({ rollingSync: { steps: [] } }, []), undefined);
});

test('§5.7 wave view: the active step, why it waits (maxUpdate 0), queued steps and excluded Applications', () => {
  const steps = [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] }, { matchExpressions: [{ key: 'env', operator: 'In', values: ['qa'] }], maxUpdate: 0 }, { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }];
  const strategy: Strategy = { type: 'RollingSync', rollingSync: { steps } };
  const apps = [
    { name: 'dev', labels: { env: 'dev' } },
    { name: 'qa', labels: { env: 'qa' } },
    { name: 'prod', labels: { env: 'prod' } },
    { name: 'other', labels: { env: 'test' } },
  ];
  const deps = buildAppDependencyList(strategy, apps);
  const statuses = statusList([['dev', 'Healthy', '1'], ['qa', 'Waiting', '2'], ['prod', 'Waiting', '3'], ['other', 'Waiting', '-1']]);
  const view = rolloutView(steps, deps, statuses, apps.map((a) => a.name));
  assert.deepEqual(view.steps.map((s) => s.state), ['complete', 'active', 'queued']);
  assert.match(view.steps[1].reason, /^maxUpdate 0 allows no automatic sync in this step: 1 Waiting Application\(s\) must be synced manually/);
  assert.match(view.steps[2].reason, /^Waits for step 2/);
  assert.deepEqual(view.excluded, ['other']);
  assert.equal(view.currentStep, 2);
});

// §5.6: the status transitions, one test per upstream TestUpdateApplicationSetApplicationStatus case
// (applicationset/controllers/progressive_sync_dependencies_test.go), scenarios rebuilt here.
const NOW = '2026-08-22T12:00:00Z';
const MINUS5 = '2026-08-22T11:55:00Z';
const MINUS2 = '2026-08-22T11:58:00Z';
const MINUS1 = '2026-08-22T11:59:00Z';
const app = (name: string, health: string, sync: string, revision: string, phase?: string, extra: Partial<LiveApplication> = {}): LiveApplication => ({
  name,
  health,
  sync,
  revisions: revision ? [revision] : [],
  reconciledAt: NOW,
  operationState: phase ? { phase, startedAt: MINUS1 } : null,
  ...extra,
});
const st = (application: string, status: string, revisions: string[], lastTransitionTime: string | null = MINUS5, message = ''): AppSetApplicationStatus => ({ application, status, step: '1', targetRevisions: revisions, lastTransitionTime, message });
const step0 = new Map([['app1', 0], ['app2-multisource', 0]]);
const run = (statuses: AppSetApplicationStatus[], apps: LiveApplication[], opts: { stepMap?: Map<string, number>; specChanged?: (n: string) => boolean } = {}) =>
  updateApplicationStatuses(statuses, apps, opts.stepMap ?? step0, { now: NOW, specChanged: opts.specChanged }).map((s) => ({ application: s.application, status: s.status, step: s.step, message: s.message, targetRevisions: s.targetRevisions }));
const exp = (application: string, status: string, message: string, targetRevisions: string[], step = '1') => ({ application, status, step, message, targetRevisions });

const transitionCases: Record<string, () => void> = {
  'handles a nil list of statuses and no applications': () => assert.deepEqual(run([], []), []),
  'handles a nil list of statuses with a healthy application': () => assert.deepEqual(run([], [app('app1', 'Healthy', 'Synced', 'next', 'Succeeded')]), [exp('app1', 'Healthy', MSG.syncedHealthy, ['next'])]),
  'moves a new application to healthy when app is synced and healthy': () => assert.deepEqual(run([], [app('app1', 'Healthy', 'Synced', 'current', 'Succeeded')]), [exp('app1', 'Healthy', MSG.syncedHealthy, ['current'])]),
  'moves a waiting application to healthy when app is synced and healthy': () => assert.deepEqual(run([st('app1', 'Waiting', ['current'])], [app('app1', 'Healthy', 'Synced', 'current', 'Succeeded')]), [exp('app1', 'Healthy', MSG.syncedHealthy, ['current'])]),
  'moves a new application to progressing when app is synced but not healthy': () => assert.deepEqual(run([], [app('app1', 'Degraded', 'Synced', 'current', 'Succeeded')]), [exp('app1', 'Progressing', MSG.syncedProgressing, ['current'])]),
  'moves an application with new revision to Healthy when it is not OutOfSync': () => assert.deepEqual(run([st('app1', 'Healthy', ['previous'], MINUS5, MSG.syncedHealthy)], [app('app1', 'Healthy', 'Synced', 'next', 'Succeeded')]), [exp('app1', 'Healthy', MSG.syncedHealthy, ['next'])]),
  'moves an application with new version to waiting when it is OutOfSync': () =>
    assert.deepEqual(run([st('app1', 'Healthy', ['previous']), st('app2-multisource', 'Healthy', ['previous', 'removed-source'])], [app('app1', 'Healthy', 'OutOfSync', 'next'), app('app2-multisource', 'Healthy', 'OutOfSync', 'next')]), [exp('app1', 'Waiting', MSG.revisionChanged, ['next']), exp('app2-multisource', 'Waiting', MSG.revisionChanged, ['next'])]),
  'does not move a Healthy application to another status if the revision has not changed': () => assert.deepEqual(run([st('app1', 'Healthy', ['next'])], [app('app1', 'Healthy', 'OutOfSync', 'next', 'Succeeded')]), [exp('app1', 'Healthy', '', ['next'])]),
  'moves a pending application to progressing when operation is running': () => assert.deepEqual(run([st('app1', 'Pending', ['next'])], [app('app1', 'Healthy', 'OutOfSync', 'next', 'Running')]), [exp('app1', 'Progressing', MSG.pendingProgressing, ['next'])]),
  'moves a pending application to progressing when operation is successful': () => assert.deepEqual(run([st('app1', 'Pending', ['next'])], [app('app1', 'Healthy', 'OutOfSync', 'next', 'Succeeded')]), [exp('app1', 'Progressing', MSG.pendingSucceeded, ['next'])]),
  'moves a pending application to progressing when sync operation has failed': () => assert.deepEqual(run([st('app1', 'Pending', ['next'])], [app('app1', 'Healthy', 'OutOfSync', 'next', 'Failed')]), [exp('app1', 'Progressing', MSG.pendingCompleted, ['next'])]),
  'moves a pending application to progressing when sync operation had error': () => assert.deepEqual(run([st('app1', 'Pending', ['next'])], [app('app1', 'Healthy', 'OutOfSync', 'next', 'Error')]), [exp('app1', 'Progressing', MSG.pendingCompleted, ['next'])]),
  'moves a pending application with InvalidSpecError errors to progressing': () =>
    assert.deepEqual(run([st('app1', 'Pending', ['next'])], [app('app1', 'Unknown', 'Unknown', 'next', undefined, { reconciledAt: null, conditionTypes: ['InvalidSpecError'] })]), [exp('app1', 'Progressing', MSG.pendingError, ['next'])]),
  'does not move a pending application to progressing if sync happened before transition': () =>
    assert.deepEqual(run([st('app1', 'Pending', ['next'], NOW)], [app('app1', 'Progressing', 'Synced', 'next', undefined, { operationState: { phase: 'Succeeded', startedAt: MINUS1 } })]), [exp('app1', 'Pending', '', ['next'])]),
  'does not move a pending application to progressing if it has not been reconciled since transition': () =>
    assert.deepEqual(run([st('app1', 'Pending', ['next'], MINUS2)], [app('app1', 'Healthy', 'Synced', 'next', undefined, { reconciledAt: MINUS5, operationState: { phase: 'Succeeded', startedAt: MINUS1 } })]), [exp('app1', 'Pending', '', ['next'])]),
  'moves a progressing application to healthy when it is synced and healthy': () => assert.deepEqual(run([st('app1', 'Progressing', ['next'])], [app('app1', 'Healthy', 'Synced', 'next', 'Succeeded')]), [exp('app1', 'Healthy', MSG.becameHealthy, ['next'])]),
  'does not move a progressing application to healthy when it is synced and not healthy': () => assert.deepEqual(run([st('app1', 'Progressing', ['next'])], [app('app1', 'Progressing', 'Synced', 'next', 'Succeeded')]), [exp('app1', 'Progressing', '', ['next'])]),
  'application status is removed when applciation is deleted': () =>
    assert.deepEqual(run([st('app1', 'Pending', ['current'], null), st('app2', 'Pending', ['current'], null)], [app('app1', 'Healthy', 'OutOfSync', 'current')]), [exp('app1', 'Pending', '', ['current'])]),
  'application status that is not in steps is updated to -1': () =>
    assert.deepEqual(run([st('app1', 'Pending', ['current'], null), st('app2', 'Pending', ['current'], null)], [app('app1', 'Healthy', 'OutOfSync', 'current'), app('app2', 'Healthy', 'OutOfSync', 'current')], { stepMap: new Map([['app1', 0]]) }), [
      exp('app1', 'Pending', '', ['current']),
      exp('app2', 'Pending', '', ['current'], '-1'),
    ]),
  'update the steps of an existing status': () => assert.deepEqual(run([st('app1', 'Pending', ['current'], null)], [app('app1', 'Healthy', 'OutOfSync', 'current')], { stepMap: new Map([['app1', 1]]) }), [exp('app1', 'Pending', '', ['current'], '2')]),
  'detects spec changes when image tag changes in generator (same Git revision)': () =>
    assert.deepEqual(run([st('app1', 'Healthy', ['abc123'])], [app('app1', 'Healthy', 'OutOfSync', 'abc123')], { specChanged: () => true }), [exp('app1', 'Waiting', MSG.specChanged, ['abc123'])]),
  'does not detect changes when spec is identical (same Git revision)': () =>
    assert.deepEqual(run([st('app1', 'Healthy', ['abc123'])], [app('app1', 'Healthy', 'Synced', 'abc123')], { specChanged: () => false }), [exp('app1', 'Healthy', '', ['abc123'])]),
  'detects both spec and revision changes': () =>
    assert.deepEqual(run([st('app1', 'Healthy', ['abc123'])], [app('app1', 'Healthy', 'OutOfSync', 'def456')], { specChanged: () => true }), [exp('app1', 'Waiting', MSG.revisionAndSpecChanged, ['def456'])]),
};

test('§5.6 every upstream status-transition case has a scenario here', () => {
  assert.deepEqual(Object.keys(transitionCases).sort(), [...fixtures.UpdateApplicationSetApplicationStatus_caseNames.cases].sort());
});

for (const [name, body] of Object.entries(transitionCases)) test(`§5.6 status transition: ${name}`, body);

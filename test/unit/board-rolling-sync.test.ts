// Wave board model, Argo CD RollingSync mode (client/src/board/model/rolling-sync.ts): what the board
// says about steps, Applications and "what the controller does next", from ApplicationSet and
// Application objects as the hub lists them. Each test names the section of fleet-argocd.md it
// checks: §5.3 step assignment, §5.5 maxUpdate, §5.6 status.applicationStatus, §5.7 why a step
// waits, §5.8 autosync, §5.10 health of a Rollout inside an Application.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { sharedRoot } from '../helpers/paths';
import { buildRollingSyncBoard, type ArgoObject, type RollingSyncSnapshot, type WaveBoard } from '../../client/src/board/model';
import { applicationHealth, rolloutHealth } from '../../server/src/semantics/argocd';
import { parseFromWebview } from '../../client/src/board/model/protocol';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;
const iso = (msAgo: number): string => new Date(NOW - msAgo).toISOString();
const corpus = (...p: string[]): string => fs.readFileSync(path.join(sharedRoot, 'corpus', 'argocd', ...p), 'utf8');
const REV = 'a3f1c2d4e5f60718293a4b5c6d7e8f9012345678';

/** The Progressive-Syncs.md guestbook ApplicationSet (dev, qa with maxUpdate 0, prod with 10%), as the hub stores it. */
function guestbook(): ArgoObject {
  const o = parse(corpus('docs-extracted', 'Progressive-Syncs.guestbook-example.applicationset.yaml'));
  o.metadata = { ...o.metadata, namespace: 'argocd', uid: 'uid-guestbook' };
  return o;
}

/** A storefront ApplicationSet like the sandbox's: canary first, then the rest with a maxUpdate. */
function storefront(maxUpdate: number | string | undefined): ArgoObject {
  const step2: Record<string, unknown> = { matchExpressions: [{ key: 'tier', operator: 'In', values: ['standard', 'critical'] }] };
  if (maxUpdate !== undefined) step2.maxUpdate = maxUpdate;
  return {
    metadata: { name: 'storefront', namespace: 'argocd', uid: 'uid-storefront' },
    spec: {
      strategy: { type: 'RollingSync', rollingSync: { steps: [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['canary'] }] }, step2] } },
      template: { metadata: { name: '{{.name}}-storefront', labels: { tier: '{{index .metadata.labels "tier"}}' } }, spec: { project: 'default', source: { repoURL: 'https://git.example.com/shop.git', targetRevision: 'main', path: 'shop' }, destination: { server: '{{.server}}', namespace: 'shop' } } },
    },
    status: { applicationStatus: [] },
  };
}

interface AppSpec {
  name: string;
  labels: Record<string, string>;
  /** status.applicationStatus entry; omitted = none. */
  progress?: 'Waiting' | 'Pending' | 'Progressing' | 'Healthy';
  /** Entry step ("1"-based, as the controller writes it); default: derived by the test. */
  step?: string;
  sync?: 'Synced' | 'OutOfSync' | 'Unknown';
  health?: string;
  /** A corpus Rollout (resource_customizations/argoproj.io/Rollout/testdata/…) the Application manages. */
  rollout?: string;
  conditions?: Array<{ type: string; message: string; lastTransitionTime?: string }>;
  operation?: 'Succeeded' | 'Failed' | 'Running';
  automated?: boolean;
  healthSince?: string;
}

/** An Application as Argo CD writes it, its health computed from the Rollout inside as Argo CD does (§5.10). */
function application(appset: ArgoObject, a: AppSpec): ArgoObject {
  const resources: unknown[] = [{ group: '', version: 'v1', kind: 'Service', namespace: 'shop', name: 'web', status: 'Synced', health: { status: 'Healthy' } }];
  let health = a.health ?? 'Healthy';
  if (a.rollout) {
    const r = parse(corpus('upstream', 'resource_customizations', 'argoproj.io', 'Rollout', 'testdata', a.rollout));
    const h = rolloutHealth(r);
    resources.push({ group: 'argoproj.io', version: 'v1alpha1', kind: 'Rollout', namespace: 'shop', name: r.metadata.name, status: 'Synced', health: h });
    if (!a.health) health = applicationHealth([{ health: { status: 'Healthy', message: '' } }, { health: h }]);
  }
  return {
    metadata: { name: a.name, namespace: 'argocd', labels: a.labels, ownerReferences: [{ kind: 'ApplicationSet', name: appset.metadata.name, uid: appset.metadata.uid }] },
    spec: {
      project: 'default',
      destination: { server: `https://${a.name}.example.internal:6443`, namespace: 'shop' },
      syncPolicy: a.automated ? { automated: { prune: true } } : { automated: { enabled: false, prune: true } },
    },
    status: {
      sync: { status: a.sync ?? 'Synced', revision: REV },
      health: { status: health, ...(a.healthSince ? { lastTransitionTime: a.healthSince } : {}) },
      resources,
      reconciledAt: iso(1 * MIN),
      conditions: a.conditions ?? [],
      ...(a.operation ? { operationState: { phase: a.operation, message: a.operation === 'Failed' ? 'one or more objects failed to apply' : '', startedAt: iso(3 * MIN) } } : {}),
    },
  };
}

/** Snapshot of an ApplicationSet, its Applications and their status entries (steps as the controller writes them). */
function hub(appset: ArgoObject, apps: AppSpec[], stepOf: (a: AppSpec) => string, extra: Partial<RollingSyncSnapshot> = {}): RollingSyncSnapshot {
  appset.status = {
    ...(appset.status ?? {}),
    applicationStatus: apps
      .filter((a) => a.progress)
      .map((a) => ({ application: a.name, status: a.progress, step: a.step ?? stepOf(a), message: `status ${a.progress}`, lastTransitionTime: iso(2 * MIN), targetRevisions: [REV] })),
  };
  return { context: 'hub', applicationSets: [appset], applications: apps.map((a) => application(appset, a)), ...extra };
}

const guestbookStep = (a: AppSpec): string => String(['env-dev', 'env-qa', 'env-prod'].indexOf(a.labels.envLabel) + 1 || -1);
const storefrontStep = (a: AppSpec): string => (a.labels.tier === 'canary' ? '1' : ['standard', 'critical'].includes(a.labels.tier) ? '2' : '-1');

function board(s: RollingSyncSnapshot, name: string, applicationsError?: string): WaveBoard {
  const b = buildRollingSyncBoard(s, 'argocd', name, { now: NOW, applicationsError });
  assert.ok(b, 'board built');
  return b;
}

const phases = (b: WaveBoard) => b.waves.map((w) => w.phase);
const membersOf = (b: WaveBoard, w: number) => b.waves[w].members.map((i) => b.clusters[i].name);
const holdersOf = (b: WaveBoard, w: number) => b.waves[w].holders.map((i) => b.clusters[i].name);
const row = (b: WaveBoard, name: string) => b.clusters.find((c) => c.name === name)!;

describe('steps and why they wait (§5.3, §5.5, §5.7)', () => {
  test('guestbook: dev done; qa with maxUpdate 0 is stuck on its Waiting Application; prod waits for step 2', () => {
    const set = guestbook();
    const s = hub(set, [
      { name: 'engineering-dev-guestbook', labels: { envLabel: 'env-dev' }, progress: 'Healthy' },
      { name: 'engineering-qa-guestbook', labels: { envLabel: 'env-qa' }, progress: 'Waiting', sync: 'OutOfSync' },
      { name: 'engineering-prod-guestbook', labels: { envLabel: 'env-prod' }, progress: 'Waiting', sync: 'OutOfSync' },
    ], guestbookStep);
    const b = board(s, 'guestbook');
    assert.equal(b.mode, 'rollingSync');
    assert.equal(b.subject.kind, 'ApplicationSet');
    assert.deepEqual(b.waves.map((w) => w.name), ['envLabel In (env-dev)', 'envLabel In (env-qa)', 'envLabel In (env-prod)']);
    assert.deepEqual(phases(b), ['done', 'blocked', 'waiting']);
    assert.equal(b.waves[0].reason, 'all 1 Application Healthy');
    assert.equal(b.waves[1].reason, 'maxUpdate 0 allows no automatic sync: 1 Application Waiting must be synced by hand (engineering-qa-guestbook)');
    assert.equal(b.waves[2].reason, 'waits for step 2: 1 of 1 Application not Healthy (engineering-qa-guestbook Waiting)');
    assert.deepEqual(holdersOf(b, 1), ['engineering-qa-guestbook']);
    assert.deepEqual(b.waves[1].rollingSync?.nextPending, []);
    assert.deepEqual(b.counts, { ready: 1, updating: 0, waiting: 2, error: 0, offline: 0 });
    assert.match(b.next, /^Step 2 \(envLabel In \(env-qa\)\) is stuck: maxUpdate 0 allows no automatic sync.*Step 3 waits for it\.$/);
    assert.equal(b.rollingSync?.currentStep, 2);
  });

  test('maxUpdate 25% of 4 Applications allows 1: one Progressing, three Waiting queue behind it', () => {
    const s = hub(storefront('25%'), [
      { name: 'store-001', labels: { tier: 'canary' }, progress: 'Healthy' },
      { name: 'store-002', labels: { tier: 'standard' }, progress: 'Progressing', health: 'Progressing' },
      { name: 'store-003', labels: { tier: 'standard' }, progress: 'Waiting', sync: 'OutOfSync' },
      { name: 'store-004', labels: { tier: 'critical' }, progress: 'Waiting', sync: 'OutOfSync' },
      { name: 'store-005', labels: { tier: 'standard' }, progress: 'Waiting', sync: 'OutOfSync' },
    ], storefrontStep);
    const b = board(s, 'storefront');
    assert.deepEqual(phases(b), ['done', 'progressing']);
    assert.deepEqual(membersOf(b, 1), ['store-002', 'store-003', 'store-004', 'store-005']);
    assert.equal(b.waves[1].reason, 'maxUpdate 25% reached: 1 Application Progressing (store-002 Progressing); 3 Waiting queue behind');
    assert.equal(b.waves[1].rollingSync?.limit, 1);
    assert.deepEqual(b.waves[1].counts, { ready: 0, updating: 1, waiting: 3, error: 0, offline: 0 });
    assert.deepEqual(b.waves[1].rollingSync?.nextPending, []);
  });

  test('maxUpdate reached by an Application whose Rollout is paused: the step is stuck until the Rollout is promoted (§5.5, §5.10)', () => {
    const s = hub(storefront(1), [
      { name: 'store-001', labels: { tier: 'canary' }, progress: 'Healthy' },
      { name: 'store-002', labels: { tier: 'standard' }, progress: 'Progressing', rollout: 'suspended_userPause.yaml' },
      { name: 'store-003', labels: { tier: 'standard' }, progress: 'Waiting', sync: 'OutOfSync' },
    ], storefrontStep);
    const b = board(s, 'storefront');
    assert.equal(b.waves[1].phase, 'blocked');
    assert.match(b.waves[1].reason, /^maxUpdate 1 reached: 1 Application Progressing \(store-002 Progressing, Rollout shop\/\S+ Suspended: .*\); 1 Waiting queue behind; nothing moves until the paused Rollout is promoted$/);
  });

  test('without maxUpdate every Waiting Application of the open step is moved to Pending by the next reconcile (§5.5, §5.6)', () => {
    const s = hub(storefront(undefined), [
      { name: 'store-001', labels: { tier: 'canary' }, progress: 'Healthy' },
      { name: 'store-002', labels: { tier: 'standard' }, progress: 'Waiting', sync: 'OutOfSync' },
      { name: 'store-003', labels: { tier: 'critical' }, progress: 'Waiting', sync: 'OutOfSync' },
      // Already Synced and Healthy: the controller marks it Healthy (§5.6) instead of syncing it.
      { name: 'store-004', labels: { tier: 'standard' }, progress: 'Waiting', sync: 'Synced' },
    ], storefrontStep);
    const b = board(s, 'storefront');
    assert.deepEqual(b.waves[1].rollingSync?.nextPending, ['store-002', 'store-003']);
    assert.equal(b.waves[1].phase, 'progressing');
    assert.equal(
      b.waves[1].reason,
      "3 of 3 Applications not Healthy (store-002 Waiting, store-003 Waiting, store-004 Waiting); the controller's next reconcile moves store-002, store-003 to Pending and syncs them",
    );
    assert.equal(b.waves[1].next?.promote, 2);
  });

  test('a queued step says which Applications of the earlier step hold it, problems first', () => {
    const s = hub(storefront(undefined), [
      { name: 'store-001', labels: { tier: 'canary' }, progress: 'Progressing', health: 'Progressing' },
      { name: 'store-000', labels: { tier: 'canary' }, progress: 'Progressing', health: 'Degraded' },
      { name: 'store-009', labels: { tier: 'canary' }, progress: 'Healthy' },
      { name: 'store-002', labels: { tier: 'standard' }, progress: 'Waiting', sync: 'OutOfSync' },
    ], storefrontStep);
    const b = board(s, 'storefront');
    assert.deepEqual(phases(b), ['progressing', 'waiting']);
    assert.equal(b.waves[1].reason, 'waits for step 1: 2 of 3 Applications not Healthy (store-000 Degraded, store-001 Progressing)');
    assert.deepEqual(holdersOf(b, 0), ['store-000', 'store-001']);
    assert.equal(row(b, 'store-000').bucket, 'error');
  });

  test('Applications in no step are listed as excluded and never synced (§5.3); steps selecting nothing are empty', () => {
    const set = guestbook();
    const s = hub(set, [
      { name: 'engineering-dev-guestbook', labels: { envLabel: 'env-dev' }, progress: 'Healthy' },
      { name: 'engineering-qa-guestbook', labels: { envLabel: 'env-qa' }, progress: 'Healthy' },
      { name: 'sandbox-guestbook', labels: { envLabel: 'env-sandbox' }, progress: 'Waiting', sync: 'OutOfSync' },
    ], guestbookStep);
    const b = board(s, 'guestbook');
    assert.deepEqual(phases(b), ['done', 'done', 'empty']);
    assert.deepEqual(b.excluded.map((i) => b.clusters[i].name), ['sandbox-guestbook']);
    assert.match(b.next, /^Rolled out: every step's Applications are Healthy\. 1 Application in no step: the controller never syncs it \(sandbox-guestbook\)\.$/);
    assert.match(b.problems.join('\n'), /InvalidRolloutConfig: Steps \[3\] have no applications matching their criteria/);
  });
});

describe('Applications as rows (§5.6, §5.10)', () => {
  test('a paused Rollout inside keeps the Application Progressing: the step is stuck until it is promoted', () => {
    const s = hub(storefront(undefined), [
      { name: 'store-001', labels: { tier: 'canary' }, progress: 'Progressing', rollout: 'suspended_v1.0_pausedRollout.yaml' },
      { name: 'store-002', labels: { tier: 'standard' }, progress: 'Waiting', sync: 'OutOfSync' },
    ], storefrontStep);
    const b = board(s, 'storefront');
    const app = row(b, 'store-001').app!;
    assert.equal(app.health, 'Suspended');
    // health_test.yaml: a v1.0 Rollout paused at a canary step is Suspended with its status.message.
    assert.deepEqual(app.rollouts, [{ namespace: 'shop', name: 'rollouts-demo', health: 'Suspended', message: 'CanaryPauseStep' }]);
    assert.equal(row(b, 'store-001').bucket, 'updating');
    assert.deepEqual(phases(b), ['blocked', 'waiting']);
    assert.equal(b.waves[0].reason, '1 of 1 Application not Healthy (store-001 Progressing, Rollout shop/rollouts-demo Suspended: CanaryPauseStep); none becomes Healthy by itself (promote the paused Rollout)');
    assert.equal(b.waves[1].reason, 'waits for step 1: 1 of 1 Application not Healthy (store-001 Progressing, Rollout shop/rollouts-demo Suspended: CanaryPauseStep)');
  });

  test('a degraded Rollout (aborted) makes the Application Degraded: error bucket', () => {
    const s = hub(storefront(undefined), [{ name: 'store-001', labels: { tier: 'canary' }, progress: 'Progressing', rollout: 'degraded_abortedRollout.yaml' }], storefrontStep);
    const b = board(s, 'storefront');
    assert.equal(row(b, 'store-001').app!.health, 'Degraded');
    assert.equal(row(b, 'store-001').bucket, 'error');
    assert.equal(b.waves[0].phase, 'blocked');
    assert.deepEqual(b.counts, { ready: 0, updating: 0, waiting: 0, error: 1, offline: 0 });
  });

  test('buckets: unreachable destination or Unknown health → offline with since; failed sync → error; Pending → updating', () => {
    const s = hub(storefront(undefined), [
      { name: 'store-001', labels: { tier: 'canary' }, progress: 'Healthy' },
      { name: 'store-002', labels: { tier: 'standard' }, progress: 'Progressing', health: 'Healthy', sync: 'Unknown', conditions: [{ type: 'ComparisonError', message: 'Failed to load live state: dial tcp 10.0.4.2:6443: connect: connection refused', lastTransitionTime: iso(42 * MIN) }] },
      { name: 'store-003', labels: { tier: 'standard' }, progress: 'Progressing', health: 'Unknown', healthSince: iso(5 * MIN) },
      { name: 'store-004', labels: { tier: 'critical' }, progress: 'Progressing', health: 'Progressing', operation: 'Failed', sync: 'OutOfSync' },
      { name: 'store-005', labels: { tier: 'critical' }, progress: 'Pending', sync: 'OutOfSync' },
    ], storefrontStep);
    const b = board(s, 'storefront');
    assert.deepEqual(b.counts, { ready: 1, updating: 1, waiting: 0, error: 1, offline: 2 });
    assert.deepEqual(b.offline.map((i) => b.clusters[i].name), ['store-002', 'store-003'], 'longest offline first');
    assert.equal(row(b, 'store-002').app!.offline?.since, NOW - 42 * MIN);
    assert.deepEqual(holdersOf(b, 1), ['store-002', 'store-003', 'store-004', 'store-005']);
    assert.match(b.waves[1].reason, /^4 of 4 Applications not Healthy \(store-002 offline \(ComparisonError: Failed to load live state: dial tcp .*connection refused\), store-003 offline \(health Unknown\), store-004 sync failed and 1 more\)$/);
  });

  test('Application rows carry destination, sync, health and the progressive sync status entry', () => {
    const s = hub(storefront(undefined), [{ name: 'store-001', labels: { tier: 'canary' }, progress: 'Healthy' }], storefrontStep);
    const c = row(board(s, 'storefront'), 'store-001');
    assert.equal(c.bucket, 'ready');
    assert.deepEqual(c.app?.destination, { server: 'https://store-001.example.internal:6443', name: '', namespace: 'shop' });
    assert.equal(c.app?.sync, 'Synced');
    assert.equal(c.app?.progress?.status, 'Healthy');
    assert.equal(c.app?.progress?.step, '1');
    assert.equal(c.app?.revision, REV.slice(0, 8));
    assert.deepEqual(c.labels, { tier: 'canary' });
  });
});

describe('the ApplicationSet as a whole', () => {
  test('the sandbox seed: no Application objects readable, the board comes from status.applicationStatus (§5.6)', () => {
    const set = storefront('25%');
    set.status = {
      applicationStatus: [
        { application: 'storefront-edge-eu-1', status: 'Healthy', step: '1', message: 'ok' },
        { application: 'storefront-edge-us-1', status: 'Waiting', step: '2', message: 'Application is out of date' },
      ],
      conditions: [{ type: 'RolloutProgressing', status: 'True', reason: 'ApplicationSetModified', message: 'ApplicationSet is performing rollout of step 2' }],
    };
    const b = board({ context: 'hub', applicationSets: [set], applications: [] }, 'storefront', 'hub: applications.argoproj.io is not installed on this cluster (the Application CRD is missing)');
    assert.deepEqual(phases(b), ['done', 'progressing']);
    assert.deepEqual(membersOf(b, 1), ['storefront-edge-us-1']);
    assert.equal(b.rollingSync?.applicationsListed, false);
    assert.deepEqual(b.waves[1].rollingSync?.nextPending, ['storefront-edge-us-1']);
    assert.match(b.problems[0], /^Applications cannot be listed \(hub: applications\.argoproj\.io is not installed/);
    assert.equal(b.rollingSync?.currentStep, 2);
  });

  test('an ApplicationSet owned Applications only: another set\'s Application is not a row', () => {
    const set = storefront(undefined);
    const s = hub(set, [{ name: 'store-001', labels: { tier: 'canary' }, progress: 'Healthy' }], storefrontStep);
    const other = application({ metadata: { name: 'other', namespace: 'argocd', uid: 'uid-other' } }, { name: 'other-001', labels: { tier: 'canary' } });
    const b = board({ ...s, applications: [...s.applications, other] }, 'storefront');
    assert.deepEqual(b.clusters.map((c) => c.name), ['store-001']);
  });

  test('automated sync still enabled everywhere: progressive syncs are likely off on the controller (§5.1, §5.8)', () => {
    const s = hub(storefront(undefined), [
      { name: 'store-001', labels: { tier: 'canary' }, automated: true },
      { name: 'store-002', labels: { tier: 'standard' }, automated: true, sync: 'OutOfSync' },
    ], storefrontStep);
    const b = board(s, 'storefront');
    assert.equal(b.rollingSync?.autoSyncEnabled.length, 2);
    assert.match(b.next, /Automated sync is still enabled on every Application: progressive syncs may be disabled/);
  });

  test('an ApplicationSet without RollingSync: no steps and a sentence saying the controller syncs all at once (§5.2)', () => {
    const set = storefront(undefined);
    set.spec.strategy = { type: 'rollingsync', rollingSync: set.spec.strategy.rollingSync };
    const b = board(hub(set, [{ name: 'store-001', labels: { tier: 'canary' } }], storefrontStep), 'storefront');
    assert.deepEqual(b.waves, []);
    assert.equal(b.next, 'This ApplicationSet does not use RollingSync (strategy type "rollingsync"): the controller syncs every Application at once.');
  });

  test('the status step disagreeing with the labels is reported; an unknown ApplicationSet gives no board', () => {
    const s = hub(storefront(undefined), [{ name: 'store-001', labels: { tier: 'canary' }, progress: 'Healthy', step: '2' }], storefrontStep);
    const b = board(s, 'storefront');
    assert.ok(b.problems.some((p) => p === "store-001: the controller's status puts it in step 2, its labels select step 1 (not reconciled since the labels or steps changed?)"), b.problems.join('\n'));
    assert.equal(buildRollingSyncBoard(s, 'argocd', 'nope', { now: NOW }), undefined);
  });
});

describe('webview messages of the RollingSync board', () => {
  test('refresh and "show the Rollout" are accepted; a Rollout named with invalid characters is dropped', () => {
    assert.deepEqual(parseFromWebview({ type: 'refresh' }), { type: 'refresh' });
    assert.deepEqual(parseFromWebview({ type: 'openRollout', application: 'store-001', namespace: 'shop', name: 'web' }), { type: 'openRollout', application: 'store-001', namespace: 'shop', name: 'web' });
    assert.equal(parseFromWebview({ type: 'openRollout', application: 'store-001', namespace: '../kube-system', name: 'web' }), undefined);
    assert.equal(parseFromWebview({ type: 'openRollout', application: 'store-001', namespace: 'shop' }), undefined);
  });
});

// The wave board's RollingSync mode against the real sandbox hub (demo seed: ApplicationSet
// argocd/storefront, step 1 `tier In (canary)` Healthy, step 2 `tier In (standard, critical)` with
// maxUpdate 25% Waiting; the hub has no Argo CD, so no Application CRD). Listed with the session and
// informers the panel uses, built with the panel's own function. Then the test plays the Argo CD
// controllers: it installs an Application CRD, writes Applications (health, a Rollout inside) and
// the ApplicationSet's status.applicationStatus as they would (fleet-argocd.md §5.6, §5.7, §5.10),
// and checks that the rebuilt board moves on. Everything it changes is put back at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterSession } from '../../client/src/kube/session';
import { kubeRequest } from '../../client/src/kube/request';
import type { KubeObject } from '../../client/src/kube/resources';
import { rollingSyncBoardFromSession } from '../../client/src/board/rolling-sync-source';
import type { WaveBoard } from '../../client/src/board/model';
import { admin, applyObject, clusterEnv, deleteObject, get, waitFor } from './env';

clusterEnv();
const hub = admin('hub');
const NS = 'argocd';
const APPSET = `/apis/argoproj.io/v1alpha1/namespaces/${NS}/applicationsets/storefront`;
const APPS = `/apis/argoproj.io/v1alpha1/namespaces/${NS}/applications`;
const CRD = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const REV = '5d41402abc4b2a76b9719d911017c592';

function session(): ClusterSession {
  const s = new ClusterSession({ kubeconfigPath: process.env.KUBECONFIG });
  s.setWatched(['hub']);
  s.informer('hub', 'applicationSets');
  s.informer('hub', 'applications');
  return s;
}

function boardWhen(s: ClusterSession, what: string, cond: (b: WaveBoard) => boolean): Promise<WaveBoard | undefined> {
  return waitFor(what, async () => rollingSyncBoardFromSession(s, 'hub', NS, 'storefront', Date.now()), (b) => !!b && cond(b), 60_000, (b) => (b ? `${b.waves.map((w) => `${w.phase}: ${w.reason}`).join(' | ')} — ${b.next}` : 'no board'));
}

async function mergePatch(path: string, body: unknown): Promise<void> {
  await kubeRequest(hub, { method: 'PATCH', path, body: JSON.stringify(body), contentType: 'application/merge-patch+json', verb: 'patch', resource: path });
}

/** An Application as Argo CD's controllers write it, owned by the ApplicationSet. */
function application(name: string, tier: string, owner: KubeObject, health: string, sync: string, rollout?: { health: string; message: string }): KubeObject {
  const resources: unknown[] = [{ group: '', version: 'v1', kind: 'Service', namespace: 'shop', name: 'storefront', status: 'Synced', health: { status: 'Healthy' } }];
  if (rollout) resources.push({ group: 'argoproj.io', version: 'v1alpha1', kind: 'Rollout', namespace: 'shop', name: 'storefront', status: sync, health: { status: rollout.health, message: rollout.message } });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: NS, labels: { tier }, ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', name: 'storefront', uid: owner.metadata.uid! }] },
    spec: { project: 'default', source: { repoURL: 'https://git.example.com/platform/edge-apps.git', targetRevision: 'main', path: 'shop' }, destination: { server: `https://${name.replace(/^storefront-/, '')}.example.internal:6443`, namespace: 'shop' }, syncPolicy: { automated: { enabled: false } } },
    status: { sync: { status: sync, revision: REV }, health: { status: health }, resources, reconciledAt: new Date().toISOString() },
  } as unknown as KubeObject;
}

type Entry = { application: string; status: string; step: string; message: string; lastTransitionTime: string; targetRevisions: string[] };
const entry = (application: string, status: string, step: string, message: string): Entry => ({ application, status, step, message, lastTransitionTime: new Date().toISOString(), targetRevisions: [REV] });

test('the seeded storefront ApplicationSet on the hub: steps, reasons and what moves next, then the board follows the controllers', async () => {
  const seeded = await get(hub, APPSET);
  const seededEntries = seeded.status.applicationStatus as Entry[];
  const step2 = seededEntries.filter((e) => e.step === '2').map((e) => e.application).sort();
  const canary = seededEntries.find((e) => e.step === '1')!.application;
  assert.ok(step2.length >= 1, 'the seed has Applications in step 2');
  const limit = Math.max(1, Math.floor((25 * step2.length) / 100));

  // 1. As seeded: the hub has no Application CRD, the board works from the ApplicationSet's status.
  const first = session();
  try {
    const b = (await boardWhen(first, 'the seeded board', (x) => x.waves.length === 2 && x.rollingSync?.applicationsListed === false))!;
    assert.deepEqual(b.waves.map((w) => w.name), ['tier In (canary)', 'tier In (standard, critical)']);
    assert.deepEqual(b.waves.map((w) => w.phase), ['done', 'progressing']);
    assert.equal(b.waves[0].reason, 'all 1 Application Healthy');
    assert.deepEqual(b.waves[1].members.map((i) => b.clusters[i].name), step2);
    assert.match(b.waves[1].reason, new RegExp(`^${step2.length} of ${step2.length} Applications? not Healthy \\(.*Waiting.*\\); the controller's next reconcile moves .* to Pending and syncs (it|them)$`));
    assert.equal(b.waves[1].rollingSync?.nextPending.length, limit, 'maxUpdate 25% of the step');
    assert.deepEqual(b.counts, { ready: 1, updating: 0, waiting: step2.length, error: 0, offline: 0 });
    assert.match(b.problems[0], /^Applications cannot be listed \(hub: applications\.argoproj\.io is not installed on this cluster/);
    assert.equal(b.rollingSync?.conditions.find((c) => c.type === 'RolloutProgressing')?.message, 'ApplicationSet is performing rollout of step 2');
    assert.match(b.next, /^Step 2 \(tier In \(standard, critical\)\) is rolling out: /);
  } finally {
    await first.dispose();
  }

  // 2. The controllers at work: Applications exist; the first of step 2 synced, its Rollout paused at a step.
  const extra = 'storefront-edge-ap-9';
  const moving = step2[0];
  const created: string[] = [];
  let second: ClusterSession | undefined;
  try {
    await applyObject(hub, CRD, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'applications.argoproj.io' },
      spec: { group: 'argoproj.io', scope: 'Namespaced', names: { kind: 'Application', listKind: 'ApplicationList', plural: 'applications', singular: 'application' }, versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
    } as unknown as KubeObject);
    await waitFor('Application CRD served', () => kubeRequest(hub, { method: 'GET', path: APPS, verb: 'list', resource: 'applications' }).then(() => true), (ok) => ok, 30_000);
    const paused = { health: 'Suspended', message: 'CanaryPauseStep' };
    const apps = [
      application(canary, 'canary', seeded, 'Healthy', 'Synced'),
      application(moving, 'standard', seeded, 'Suspended', 'Synced', paused),
      ...step2.slice(1).map((n) => application(n, 'standard', seeded, 'Healthy', 'OutOfSync')),
      application(extra, 'critical', seeded, 'Healthy', 'OutOfSync'),
    ];
    for (const a of apps) {
      await applyObject(hub, APPS, a);
      created.push(a.metadata.name);
    }
    await mergePatch(`${APPSET}/status`, {
      status: {
        applicationStatus: [
          entry(canary, 'Healthy', '1', 'Application resource became Healthy, updating status from Progressing to Healthy'),
          entry(moving, 'Progressing', '2', 'Application resource completed a sync successfully, updating status from Pending to Progressing'),
          ...[...step2.slice(1), extra].map((n) => entry(n, 'Waiting', '2', 'Application has pending changes, setting status to Waiting')),
        ],
      },
    });
    // Started once the CRD is served (an informer retries a missing type only every minute).
    second = session();
    const waiting = step2.length; // the rest of step 2 plus the new one
    // maxUpdate 25% of the entries in step 2, at least 1 (§5.5).
    const limit2 = Math.max(1, Math.floor((25 * (step2.length + 1)) / 100));
    const b = (await boardWhen(second, 'the board with Applications', (x) => x.rollingSync?.applicationsListed === true && x.clusters.length === step2.length + 2 && x.clusters.some((c) => c.app?.progress?.status === 'Progressing')))!;
    const row = b.clusters.find((c) => c.name === moving)!;
    assert.deepEqual(row.app?.rollouts, [{ namespace: 'shop', name: 'storefront', health: 'Suspended', message: 'CanaryPauseStep' }]);
    assert.equal(row.bucket, 'updating');
    const suspended = `${moving} Progressing, Rollout shop/storefront Suspended: CanaryPauseStep`;
    if (limit2 === 1) {
      // The one updating slot is taken by an Application whose Rollout is paused: the queue is stuck (§5.5, §5.10).
      assert.equal(b.waves[1].phase, 'blocked');
      assert.equal(b.waves[1].reason, `maxUpdate 25% reached: 1 Application Progressing (${suspended}); ${waiting} Waiting queue behind; nothing moves until the paused Rollout is promoted`);
    } else assert.match(b.waves[1].reason, new RegExp(`^${waiting + 1} of ${waiting + 1} Applications not Healthy \\(.*; the controller's next reconcile moves`));
    assert.deepEqual(b.waves[1].holders.map((i) => b.clusters[i].name).sort(), [moving, ...step2.slice(1), extra].sort());
    assert.deepEqual(b.counts, { ready: 1, updating: 1, waiting, error: 0, offline: 0 });

    // 3. The Rollout is promoted and becomes Healthy; the controller marks the Application Healthy and moves the next one.
    await applyObject(hub, APPS, application(moving, 'standard', seeded, 'Healthy', 'Synced', { health: 'Healthy', message: '' }));
    const next = step2[1] ?? extra;
    await mergePatch(`${APPSET}/status`, {
      status: {
        applicationStatus: [
          entry(canary, 'Healthy', '1', 'Application resource became Healthy, updating status from Progressing to Healthy'),
          entry(moving, 'Healthy', '2', 'Application resource became Healthy, updating status from Progressing to Healthy'),
          entry(next, 'Pending', '2', 'Application moved to Pending status, watching for the Application resource to start Progressing'),
          ...[...step2.slice(1), extra].filter((n) => n !== next).map((n) => entry(n, 'Waiting', '2', 'Application has pending changes, setting status to Waiting')),
        ],
      },
    });
    // Two informers carry this (the Application and the ApplicationSet's status): wait for both.
    const moved = (await boardWhen(second, 'the board after the promotion', (x) => x.clusters.find((c) => c.name === moving)?.bucket === 'ready' && x.waves[1].rollingSync?.healthy === 1))!;
    assert.equal(moved.clusters.find((c) => c.name === next)?.bucket, 'updating');
    assert.equal(moved.waves[1].rollingSync?.healthy, 1);
    if (limit2 === 1 && waiting > 1) assert.equal(moved.waves[1].reason, `maxUpdate 25% reached: 1 Application Pending (${next} Pending); ${waiting - 1} Waiting queue behind`);
    else assert.match(moved.waves[1].reason, new RegExp(`^${waiting} of ${waiting + 1} Applications not Healthy \\(${next} Pending`));

    // 4. Every Application Healthy: rolled out.
    await mergePatch(`${APPSET}/status`, {
      status: {
        applicationStatus: [canary, ...step2, extra].map((n, i) => entry(n, 'Healthy', i === 0 ? '1' : '2', 'Application resource became Healthy, updating status from Progressing to Healthy')),
        conditions: [{ type: 'RolloutProgressing', status: 'False', reason: 'ApplicationSetRolloutComplete', message: 'ApplicationSet Rollout has completed', lastTransitionTime: new Date().toISOString() }],
      },
    });
    for (const n of [...step2.slice(1), extra]) await applyObject(hub, APPS, application(n, n === extra ? 'critical' : 'standard', seeded, 'Healthy', 'Synced'));
    // The steps end from the ApplicationSet's status, the rows from each Application: wait for the last write of both.
    const done = (await boardWhen(second, 'the rolled-out board', (x) => x.waves.every((w) => w.phase === 'done') && x.counts.ready === step2.length + 2))!;
    assert.equal(done.next, "Rolled out: every step's Applications are Healthy.");
    assert.deepEqual(done.counts, { ready: step2.length + 2, updating: 0, waiting: 0, error: 0, offline: 0 });
  } finally {
    await second?.dispose();
    for (const n of created) await deleteObject(hub, `${APPS}/${n}`);
    await deleteObject(hub, `${CRD}/applications.argoproj.io`);
    await mergePatch(`${APPSET}/status`, { status: { applicationStatus: seededEntries, conditions: seeded.status.conditions } });
  }
});

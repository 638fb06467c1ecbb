// Wave board model (client/src/board/model), Fleet partitions mode: table tests of what the board
// says about partitions, clusters and "what Fleet will do next", against fleet-argocd.md §2.3–§2.5
// (partition assignment, one reconcile of UpdatePartitions, what 0 means) and §4.3–§4.4 (states,
// per-partition progress for a UI), plus the protocol checks and the §4.5 patches of the actions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFleetBoard, type FleetHubSnapshot, type HubObject, type WaveBoard } from '../../client/src/board/model';
import { parseFromWebview, parseToWebview } from '../../client/src/board/model/protocol';
import { planAction } from '../../client/src/board/actions';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const NS = 'fleet-default';
const NEW = 's-new:opts';
const OLD = 's-old:opts';
const MIN = 60_000;
const HOUR = 60 * MIN;

type BdKind = 'ready-new' | 'ready-old' | 'staged' | 'promoted' | 'notready-new' | 'errapplied' | 'modified' | 'none';

interface ClusterSpec {
  name: string;
  labels?: Record<string, string>;
  bd?: BdKind;
  /** ms since the agent last checked in; null = never. */
  seen?: number | null;
  paused?: boolean;
}

function cluster(c: ClusterSpec): HubObject {
  const seen = c.seen === undefined ? 20_000 : c.seen;
  return {
    metadata: { name: c.name, namespace: NS, labels: c.labels ?? {} },
    spec: c.paused ? { paused: true } : {},
    status: { namespace: `cluster-${c.name}`, agent: seen === null ? {} : { lastSeen: new Date(NOW - seen).toISOString() } },
  };
}

function bd(c: ClusterSpec, bundle: string): HubObject | undefined {
  const kind = c.bd ?? 'ready-old';
  if (kind === 'none') return undefined;
  const ids: Record<Exclude<BdKind, 'none'>, [string, string, string, boolean]> = {
    // deploymentID, staged, applied, ready
    'ready-new': [NEW, NEW, NEW, true],
    'ready-old': [OLD, OLD, OLD, true],
    staged: [OLD, NEW, OLD, true],
    promoted: [NEW, NEW, OLD, true],
    'notready-new': [NEW, NEW, NEW, false],
    errapplied: [NEW, NEW, OLD, false],
    modified: [NEW, NEW, NEW, true],
  };
  const [deploymentID, stagedDeploymentID, appliedDeploymentID, ready] = ids[kind];
  return {
    metadata: { name: bundle, namespace: `cluster-${c.name}`, labels: { 'fleet.cattle.io/bundle-name': bundle, 'fleet.cattle.io/bundle-namespace': NS, 'fleet.cattle.io/cluster': c.name, 'fleet.cattle.io/cluster-namespace': NS } },
    spec: { deploymentID, stagedDeploymentID },
    status: {
      appliedDeploymentID,
      ready,
      nonModified: kind !== 'modified',
      conditions: kind === 'errapplied' ? [{ type: 'Deployed', status: 'False', message: 'helm install failed' }] : [],
    },
  };
}

interface Scenario {
  clusters: ClusterSpec[];
  rolloutStrategy?: Record<string, unknown>;
  targets?: unknown[];
  targetRestrictions?: unknown[];
  paused?: boolean;
  status?: Record<string, unknown>;
  groups?: HubObject[];
}

function board(s: Scenario, offlineAfterMs?: number): WaveBoard {
  const bundle: HubObject = {
    metadata: { name: 'app', namespace: NS, labels: { 'fleet.cattle.io/repo-name': 'repo' } },
    spec: { rolloutStrategy: s.rolloutStrategy ?? {}, targets: s.targets ?? [{ name: 'all', clusterSelector: {} }], targetRestrictions: s.targetRestrictions, paused: s.paused },
    status: { resourcesSha256Sum: 'new', ...(s.status ?? {}) },
  };
  const snap: FleetHubSnapshot = {
    context: 'hub',
    clusters: s.clusters.map(cluster),
    clusterGroups: s.groups ?? [],
    bundles: [bundle],
    bundleDeployments: s.clusters.map((c) => bd(c, 'app')).filter((b): b is HubObject => !!b),
  };
  const m = buildFleetBoard(snap, NS, 'app', { now: NOW, offlineAfterMs });
  assert.ok(m, 'the bundle is found');
  return m;
}

const names = (m: WaveBoard, idx: number[]): string[] => idx.map((i) => m.clusters[i].name);
const wave = (m: WaveBoard, name: string) => m.waves.find((w) => w.name === name)!;
const byTier = (tier: string) => ({ clusterSelector: { matchLabels: { tier } } });

describe('board model: partitions and one reconcile (fleet-argocd.md §2.4, §4.4)', () => {
  const rows: Array<{ name: string; scenario: Scenario; check: (m: WaveBoard) => void }> = [
    {
      name: '§4.4.4 maxUnavailablePartitions 0: processing stops after the first unavailable partition; later ones wait and say why',
      scenario: {
        rolloutStrategy: { maxUnavailable: 1, partitions: [{ name: 'p1', ...byTier('a') }, { name: 'p2', ...byTier('b') }, { name: 'p3', ...byTier('c') }] },
        clusters: [
          { name: 'a1', labels: { tier: 'a' }, bd: 'ready-new' },
          { name: 'a2', labels: { tier: 'a' }, bd: 'ready-new' },
          { name: 'b1', labels: { tier: 'b' }, bd: 'notready-new' },
          { name: 'b2', labels: { tier: 'b' }, bd: 'notready-new' },
          { name: 'b3', labels: { tier: 'b' }, bd: 'staged' },
          { name: 'c1', labels: { tier: 'c' }, bd: 'ready-old' },
        ],
      },
      check: (m) => {
        assert.deepEqual(m.waves.map((w) => w.phase), ['done', 'progressing', 'waiting']);
        assert.deepEqual(m.waves.map((w) => w.next?.processed), [true, true, false]);
        const p2 = wave(m, 'p2');
        assert.equal(p2.unavailable, 3);
        // b3 is healthy but stale: the bundle gate (2 unavailable ≥ maxUnavailable 1) holds it.
        assert.equal(p2.next?.heldByBundleGate, 1);
        assert.match(wave(m, 'p3').reason, /waits for "p2": 3 not done > its maxUnavailable 1 \(unavailable partitions 1 > maxUnavailablePartitions 0\)/);
        assert.match(m.next, /Fleet is updating "p2"; "p3" wait because "p2"/);
        assert.deepEqual(m.counts, { ready: 2, updating: 2, waiting: 2, error: 0, offline: 0 });
        assert.equal(m.clusters.find((c) => c.name === 'c1')!.state, 'WaitApplied', '§2.6: clusters waiting in later partitions count as WaitApplied');
      },
    },
    {
      name: '§2.4 consequence: with the default maxUnavailable 100% every partition is processed in the same reconcile',
      scenario: {
        rolloutStrategy: { partitions: [{ name: 'p1', ...byTier('a') }, { name: 'p2', ...byTier('b') }] },
        clusters: [
          { name: 'a1', labels: { tier: 'a' }, bd: 'staged' },
          { name: 'a2', labels: { tier: 'a' }, bd: 'staged' },
          { name: 'b1', labels: { tier: 'b' }, bd: 'staged' },
        ],
      },
      check: (m) => {
        assert.deepEqual(m.waves.map((w) => w.next?.processed), [true, true]);
        assert.deepEqual(m.waves.map((w) => w.next?.promote), [2, 1]);
        assert.equal(m.fleet?.maxUnavailable, 3);
      },
    },
    {
      name: '§2.5 global maxUnavailable int 0: no available cluster is ever moved (held by the bundle gate), an unavailable one still is',
      scenario: {
        rolloutStrategy: { maxUnavailable: 0 },
        clusters: [
          { name: 'c1', bd: 'staged' },
          { name: 'c2', bd: 'staged' },
          { name: 'c3', bd: 'errapplied' },
        ],
      },
      check: (m) => {
        const all = m.waves[0];
        assert.equal(all.name, 'All');
        assert.equal(all.next?.heldByBundleGate, 2);
        assert.equal(all.next?.promote, 0, 'c3 is already on the staged ID');
        assert.equal(m.fleet?.maxUnavailable, 0);
        assert.equal(all.phase, 'blocked');
        assert.match(all.reason, /bundle gate: 1 unavailable ≥ maxUnavailable 0/);
        assert.equal(m.clusters.find((c) => c.name === 'c3')!.state, 'ErrApplied');
        assert.equal(m.clusters.find((c) => c.name === 'c3')!.bucket, 'error');
      },
    },
    {
      name: '§2.4 partition gate: partition maxUnavailable 1 with one member already unavailable holds the healthy ones',
      scenario: {
        rolloutStrategy: { partitions: [{ name: 'p', maxUnavailable: 1, ...byTier('a') }] },
        clusters: [
          { name: 'a1', labels: { tier: 'a' }, bd: 'notready-new' },
          { name: 'a2', labels: { tier: 'a' }, bd: 'staged' },
          { name: 'a3', labels: { tier: 'a' }, bd: 'staged' },
        ],
      },
      check: (m) => {
        const p = m.waves[0];
        assert.equal(p.next?.heldByWaveGate, 2);
        assert.equal(p.phase, 'progressing', 'a1 is updating on its own');
        assert.match(p.reason, /1 updating, 3 not done, 2 held by the partition gate/);
      },
    },
    {
      name: 'seed 002 / §4.4.5: an offline edge site holds its partition; the board names it and how long since it was seen',
      scenario: {
        rolloutStrategy: { maxUnavailable: 1, partitions: [{ name: 'canary', ...byTier('canary') }, { name: 'rest', ...byTier('std') }] },
        clusters: [
          { name: 'edge-1', labels: { tier: 'canary' }, bd: 'ready-new' },
          { name: 'edge-2', labels: { tier: 'canary' }, bd: 'promoted', seen: 5 * HOUR },
          { name: 'edge-3', labels: { tier: 'canary' }, bd: 'promoted', seen: 9 * HOUR },
          { name: 'edge-4', labels: { tier: 'std' }, bd: 'ready-old', seen: null },
          { name: 'edge-5', labels: { tier: 'std' }, bd: 'ready-old' },
        ],
      },
      check: (m) => {
        const canary = wave(m, 'canary');
        assert.equal(canary.phase, 'blocked');
        assert.match(canary.reason, /none can progress; offline: edge-3 \(seen 9h ago\), edge-2 \(seen 5h ago\)/);
        assert.deepEqual(names(m, canary.holders), ['edge-3', 'edge-2']);
        assert.equal(wave(m, 'rest').phase, 'waiting');
        assert.deepEqual(names(m, m.offline), ['edge-4', 'edge-3', 'edge-2'], 'never seen first, then longest unseen');
        assert.equal(m.counts.offline, 3);
        assert.equal(canary.offline, 2);
        const e4 = m.clusters.find((c) => c.name === 'edge-4')!;
        assert.equal(e4.unknown, true);
        assert.equal(e4.lastSeen, undefined);
        assert.match(m.next, /"canary" is stuck/);
      },
    },
    {
      name: 'a partition whose only stale member is offline but within maxUnavailable counts as available (§2.6 done = strict ≤ maxUnavailable)',
      scenario: {
        rolloutStrategy: { maxUnavailable: 1, partitions: [{ name: 'p1', ...byTier('a') }, { name: 'p2', ...byTier('b') }] },
        clusters: [
          { name: 'a1', labels: { tier: 'a' }, bd: 'ready-new' },
          { name: 'a2', labels: { tier: 'a' }, bd: 'promoted', seen: 2 * HOUR },
          { name: 'b1', labels: { tier: 'b' }, bd: 'staged' },
        ],
      },
      check: (m) => {
        assert.equal(wave(m, 'p1').phase, 'done');
        assert.match(wave(m, 'p1').reason, /Fleet counts it as available: 1 not up to date ≤ maxUnavailable 1; offline: a2/);
        assert.equal(wave(m, 'p2').next?.processed, true);
        // The bundle gate: a2 is unavailable (1 ≥ maxUnavailable 1) so b1 is held.
        assert.equal(wave(m, 'p2').next?.heldByBundleGate, 1);
      },
    },
    {
      name: '§2.3 clusters in no partition are excluded (never deployed); clusters in several partitions are counted in each',
      scenario: {
        rolloutStrategy: { partitions: [{ name: 'env', clusterSelector: { matchLabels: { env: 'prod' } } }, { name: 'region', clusterSelector: { matchLabels: { region: 'eu' } } }] },
        clusters: [
          { name: 'x-both', labels: { env: 'prod', region: 'eu' }, bd: 'ready-new' },
          { name: 'y-env', labels: { env: 'prod' }, bd: 'ready-new' },
          { name: 'z-none', labels: { env: 'dev' }, bd: 'ready-old' },
        ],
      },
      check: (m) => {
        assert.deepEqual(names(m, m.multi), ['x-both']);
        assert.deepEqual(names(m, m.excluded), ['z-none']);
        assert.deepEqual(m.waves.map((w) => w.count), [2, 1]);
        assert.deepEqual(m.clusters.find((c) => c.name === 'x-both')!.waves, [0, 1]);
        assert.match(m.next, /1 targeted clusters are in no partition/);
      },
    },
    {
      name: '§2.4 maxNew: at most maxNew BundleDeployments are created per reconcile',
      scenario: {
        rolloutStrategy: { maxNew: 2 },
        clusters: [{ name: 'n1', bd: 'none' }, { name: 'n2', bd: 'none' }, { name: 'n3', bd: 'none' }],
      },
      check: (m) => {
        const all = m.waves[0];
        assert.equal(all.next?.noDeployment, 1);
        assert.equal(all.next?.promote, 2);
        assert.deepEqual(m.clusters.map((c) => c.state), ['Pending', 'Pending', 'Pending']);
        assert.match(all.reason, /1 wait for a BundleDeployment \(maxNew 2\)/);
      },
    },
    {
      name: '§2.4 paused bundle: staged but never promoted',
      scenario: { paused: true, clusters: [{ name: 'c1', bd: 'staged' }, { name: 'c2', bd: 'ready-new' }] },
      check: (m) => {
        assert.equal(m.waves[0].phase, 'blocked');
        assert.equal(m.waves[0].next?.paused, 1);
        assert.ok(m.subject.paused);
        assert.match(m.next, /^Bundle paused/);
      },
    },
    {
      name: '§2.2/§2.5 a malformed maxUnavailablePartitions is reported with Fleet\'s message',
      scenario: { rolloutStrategy: { maxUnavailablePartitions: '0' }, clusters: [{ name: 'c1', bd: 'ready-new' }] },
      check: (m) => assert.deepEqual(m.problems, ['invalid maxUnavailable, must be int or percentage (ending with %): 0']),
    },
    {
      name: '§4.4.1 Fleet\'s status is attached and disagreements are reported',
      scenario: {
        rolloutStrategy: { partitions: [{ name: 'p1', ...byTier('a') }] },
        clusters: [{ name: 'a1', labels: { tier: 'a' }, bd: 'ready-new' }],
        status: { partitions: [{ name: 'p1', count: 2, maxUnavailable: 2, summary: { ready: 1, desiredReady: 2 } }], unavailable: 0, maxUnavailable: 1 },
      },
      check: (m) => {
        assert.deepEqual(m.waves[0].fromStatus, { count: 2, maxUnavailable: 2, unavailable: 0, ready: 1, desiredReady: 2 });
        assert.deepEqual(m.problems, ['partition "p1": Fleet\'s status counts 2 clusters, the board computed 1 from the hub\'s Clusters']);
      },
    },
    {
      name: '§3.3 targets and restrictions decide which clusters are on the board (position rule: the first targets are customizations)',
      scenario: {
        targets: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }, { name: 'staging', clusterSelector: { matchLabels: { env: 'staging' } } }],
        targetRestrictions: [{ name: 'prod', clusterSelector: { matchLabels: { env: 'prod' } } }],
        clusters: [
          { name: 'p1', labels: { env: 'prod' }, bd: 'modified' },
          { name: 's1', labels: { env: 'staging' }, bd: 'ready-new' },
        ],
      },
      check: (m) => {
        // 2 targets, 1 restriction: the first is a customization, so only "staging" targets, and the allow-list says prod → nobody.
        assert.deepEqual(m.clusters.map((c) => c.name), []);
      },
    },
    {
      name: '§4.3 Modified is drift: counted in the error bucket, not unavailable',
      scenario: { clusters: [{ name: 'p1', bd: 'modified' }] },
      check: (m) => {
        const c = m.clusters[0];
        assert.equal(c.state, 'Modified');
        assert.equal(c.bucket, 'error');
        assert.equal(c.unavailable, false);
      },
    },
  ];
  for (const r of rows) test(r.name, () => r.check(board(r.scenario)));
});

describe('board model at 500 clusters (§2.3 auto partitions, issue 8 scale)', () => {
  const regions = ['eu-west', 'eu-central', 'us-east', 'us-west', 'ap-south'];
  const clusters: ClusterSpec[] = Array.from({ length: 500 }, (_, i) => ({
    name: `store-${String(i).padStart(3, '0')}`,
    labels: { region: regions[i % 5], tier: i % 10 === 0 ? 'canary' : 'standard' },
    bd: i < 125 ? 'ready-new' : i < 150 ? 'notready-new' : i < 250 ? 'staged' : 'ready-old',
    seen: i % 12 === 4 ? (3 + (i % 20)) * HOUR : 30_000,
  }));

  test('auto partitioning: 4 × 125 named like Fleet, counts add up, offline counted apart, built fast', () => {
    const t0 = performance.now();
    const m = board({ rolloutStrategy: { maxUnavailable: '10%' }, clusters });
    const ms = performance.now() - t0;
    assert.deepEqual(m.waves.map((w) => w.name), ['Partition 0 - 125', 'Partition 125 - 250', 'Partition 250 - 375', 'Partition 375 - 500']);
    assert.deepEqual(m.waves.map((w) => w.maxUnavailable), [12, 12, 12, 12]);
    const total = Object.values(m.counts).reduce((a, b) => a + b, 0);
    assert.equal(total, 500);
    assert.equal(m.counts.offline, clusters.filter((c) => (c.seen ?? 0) > 30 * MIN).length);
    assert.equal(m.fleet?.maxUnavailable, 50);
    // Partition 2 has 25 not ready + 100 stale (> 12): processing stops there.
    assert.deepEqual(m.waves.map((w) => w.next?.processed), [true, true, false, false]);
    assert.ok(ms < 500, `built in ${ms.toFixed(1)} ms`);
  });

  test('the offline threshold is a parameter', () => {
    const m = board({ clusters: clusters.slice(0, 20) }, 10 * 24 * HOUR);
    assert.equal(m.counts.offline, 0);
  });
});

describe('board protocol: messages are checked at runtime', () => {
  const from: Array<[unknown, boolean]> = [
    [{ type: 'ready' }, true],
    [{ type: 'action', action: 'pause' }, true],
    [{ type: 'action', action: 'delete' }, false],
    [{ type: 'selectBundle', name: 'edge-apps-shop' }, true],
    [{ type: 'selectBundle', name: '../etc' }, false],
    [{ type: 'timing', kind: 'first', ms: 12.5, clusters: 500, seq: 1 }, true],
    [{ type: 'timing', kind: 'first', ms: -1, clusters: 500, seq: 1 }, false],
    [{ type: 'eval', code: 'x' }, false],
    ['ready', false],
    [null, false],
  ];
  for (const [msg, ok] of from) test(`from webview ${JSON.stringify(msg)} → ${ok ? 'accepted' : 'dropped'}`, () => assert.equal(parseFromWebview(msg) !== undefined, ok));
  test('to webview: a model needs waves, clusters, subject and counts', () => {
    assert.equal(parseToWebview({ type: 'model', seq: 1, model: { waves: [] } }), undefined);
    assert.ok(parseToWebview({ type: 'model', seq: 1, model: { waves: [], clusters: [], subject: {}, counts: {} } }));
    assert.equal(parseToWebview({ type: 'status', level: 'fatal', text: 'x' }), undefined);
  });
});

describe('board actions: the exact merge patches of fleet-argocd.md §4.5', () => {
  const ref = { kind: 'Bundle' as const, namespace: NS, name: 'edge-apps-payments' };
  test('pause', () => {
    const p = planAction('pause', ref);
    assert.deepEqual(p.body, { spec: { paused: true } });
    assert.equal(p.path, '/apis/fleet.cattle.io/v1alpha1/namespaces/fleet-default/bundles/edge-apps-payments');
    assert.equal(p.contentType, 'application/merge-patch+json');
    assert.equal(p.kubectl, `kubectl -n fleet-default patch bundles.fleet.cattle.io edge-apps-payments --type merge -p '{"spec":{"paused":true}}'`);
  });
  test('unpause', () => assert.deepEqual(planAction('unpause', ref).body, { spec: { paused: false } }));
  test('force update: current forceSyncGeneration + 1', () => {
    assert.deepEqual(planAction('forceUpdate', ref, 4).body, { spec: { forceSyncGeneration: 5 } });
    assert.deepEqual(planAction('forceUpdate', ref).body, { spec: { forceSyncGeneration: 1 } });
  });
  test('GitRepo pause goes to gitrepos.fleet.cattle.io', () => assert.equal(planAction('pause', { kind: 'GitRepo', namespace: NS, name: 'edge-apps' }).path, '/apis/fleet.cattle.io/v1alpha1/namespaces/fleet-default/gitrepos/edge-apps'));
});

// Fleet rollout semantics (server/src/semantics/fleet), table-tested with the upstream unit tests
// transcribed in ../shared/corpus/fleet/derived/rollout-fixtures.json (fleet-argocd.md §2.8).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedRoot } from '../helpers/paths';
import { limit, type IntOrString } from '../../server/src/semantics/fleet/limit';
import { autoPartition, manualPartition, newDeploymentsPerReconcile, partitionTargets, sortTargets, type PartitionTarget } from '../../server/src/semantics/fleet/partitions';
import { ClusterMatcher, criteriaOf } from '../../server/src/semantics/fleet/cluster-matcher';
import { allMatchingCustomizations, firstMatchingCustomization, isCustomization } from '../../server/src/semantics/fleet/bundle-match';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const fixtures: Json = JSON.parse(fs.readFileSync(path.join(sharedRoot, 'corpus', 'fleet', 'derived', 'rollout-fixtures.json'), 'utf8'));

/** 'targets: N' means N targets named cluster-1..cluster-N in that order, no groups. */
function numbered(n: number): Array<PartitionTarget & { id: number }> {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, cluster: { name: `cluster-${i + 1}`, labels: {} }, groups: [] }));
}

describe('limit — Test_limit (fleet-argocd.md §2.2)', () => {
  for (const c of fixtures.limit as Json[]) {
    test(`${c.name} [${c.source.startsWith('derived') ? 'code reading' : 'upstream'}]`, () => {
      const vals = c.vals as IntOrString[];
      if ('wantErr' in c) assert.throws(() => limit(c.count, ...vals), { message: c.wantErr });
      else assert.equal(limit(c.count, ...vals), c.want);
    });
  }
});

describe('autoPartition — Test_autoPartition (fleet-argocd.md §2.3)', () => {
  for (const c of fixtures.autoPartition as Json[]) {
    test(c.name, () => {
      const got = autoPartition(c.rollout, numbered(c.targets));
      if (typeof c.want === 'string') {
        // "200 partitions of 1 target each, names "Partition 0 - 1" ... "Partition 199 - 200", maxUnavailable 1 each"
        assert.equal(got.length, c.targets);
        assert.ok(got.every((p, i) => p.count === 1 && p.maxUnavailable === 1 && p.name === `Partition ${i} - ${i + 1}`));
        return;
      }
      assert.deepEqual(
        got.map((p) => ({ from: p.targets[0]?.id, to: p.targets[p.targets.length - 1]?.id, maxUnavailable: p.maxUnavailable })),
        (c.want as Json[]).map((w) => ({ from: w.from, to: w.to, maxUnavailable: w.maxUnavailable })),
      );
      for (const [i, w] of (c.want as Json[]).entries()) if (w.name) assert.equal(got[i].name, w.name);
      if (got.length === 1 && c.targets < 200) assert.equal(got[0].name, 'All');
    });
  }
});

describe('manualPartition — Test_manualPartition (fleet-argocd.md §2.3, §3.2)', () => {
  for (const c of fixtures.manualPartition as Json[]) {
    test(c.name, () => {
      const targets = (c.targets as Json[]).map((t) => ({ id: t.id, cluster: t.cluster, groups: t.groups }));
      const got = manualPartition(c.rollout, targets);
      assert.deepEqual(
        got.map((p) => ({ members: p.targets.map((t) => t.id), maxUnavailable: p.maxUnavailable })),
        c.want,
      );
      // partitionTargets takes the manual path whenever partitions is non-empty (autoPartitionSize ignored).
      assert.deepEqual(partitionTargets(c.rollout, targets).map((p) => p.count), got.map((p) => p.count));
    });
  }

  test('a partition with an invalid selector fails like the controller (fleet-argocd.md §1.5)', () => {
    const rollout = { partitions: [{ clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Equals', values: ['a'] }] } }] };
    assert.throws(() => manualPartition(rollout, numbered(1)), { message: '"Equals" is not a valid label selector operator' });
  });

  test('targets are sorted by cluster name in byte order (fleet-argocd.md §2.3)', () => {
    const names = sortTargets(['b', 'B', 'a-10', 'a-2'].map((name) => ({ cluster: { name, labels: {} }, groups: [] }))).map((t) => t.cluster.name);
    assert.deepEqual(names, ['B', 'a-10', 'a-2', 'b']);
  });
});

describe('maxNew — Test_UpdatePartitions_MaxNew (fleet-argocd.md §2.4, §2.5)', () => {
  for (const c of fixtures.UpdatePartitions_MaxNew as Json[]) {
    test(c.name, () => assert.equal(newDeploymentsPerReconcile({ maxNew: c.maxNew }, c.targets), c.wantNewlyCreated));
  }
});

describe('ClusterMatcher — clustermatcher_test.go (fleet-argocd.md §3.2)', () => {
  const sections = fixtures.matcher as Record<string, Json[]>;
  const section = (prefix: string) => Object.entries(sections).find(([k]) => k.startsWith(prefix))![1];

  for (const c of section('clusterName')) {
    test(`clusterName: ${c.name}`, () => {
      const m = ClusterMatcher.create({ clusterName: c.clusterName });
      assert.equal(m.match(c.cluster, '', undefined, c.labels), c.want);
    });
  }
  for (const c of section('no criteria')) {
    test(`no criteria: ${c.name}`, () => assert.equal(ClusterMatcher.create(criteriaOf({})).match(c.cluster, '', undefined, {}), c.want));
  }
  for (const c of section('clusterGroup')) {
    test(`clusterGroup: ${c.name}`, () => assert.equal(ClusterMatcher.create({ clusterGroup: c.clusterGroup }).match('c', c.testGroup, undefined, {}), c.want));
  }
  for (const c of section('combined')) {
    test(`combined: ${c.name}`, () => {
      const m = ClusterMatcher.create({ clusterName: 'my-cluster', clusterGroup: 'my-group' });
      assert.equal(m.match(c.cluster, c.testGroup, undefined, c.labels), c.want);
    });
  }

  test('empty strings and null selectors are not criteria; {} is (fleet-argocd.md §3.2)', () => {
    assert.equal(ClusterMatcher.create(criteriaOf({ clusterName: '', clusterGroup: '', clusterSelector: null })).match('x', '', undefined, {}), false);
    assert.equal(ClusterMatcher.create(criteriaOf({ clusterSelector: {} })).match('x', '', undefined, {}), true);
  });

  test('a cluster in no group is tried with group "" and no group labels (fleet-argocd.md §3.2)', () => {
    const cluster = { name: 'c1', labels: {} };
    assert.equal(ClusterMatcher.create(criteriaOf({ clusterGroupSelector: {} })).matchesCluster(cluster, []), true);
    assert.equal(ClusterMatcher.create(criteriaOf({ clusterGroup: 'g' })).matchesCluster(cluster, []), false);
    assert.equal(ClusterMatcher.create(criteriaOf({ clusterGroup: 'g' })).matchesCluster(cluster, [{ name: 'h', labels: {} }, { name: 'g', labels: {} }]), true);
  });
});

describe('BundleMatch — bundlematch_test.go (fleet-argocd.md §3.3)', () => {
  const sections = fixtures.matcher as Record<string, Json[]>;
  const section = (prefix: string) => Object.entries(sections).find(([k]) => k.startsWith(prefix))![1];

  /** spec.targets = customizations ++ [GitRepo target]; spec.targetRestrictions = [GitRepo target]. */
  function customizationsOf(customizations: Json[], gitRepoTarget: Json) {
    const targets = [...customizations, gitRepoTarget];
    const restrictions = 1;
    return targets
      .map((t, i) => ({ t, i }))
      .filter(({ i }) => isCustomization(i, targets.length - restrictions, restrictions))
      .map(({ t }) => ({ target: t.name as string, matcher: ClusterMatcher.create(criteriaOf(t)) }));
  }

  for (const c of section('MatchAllTargetCustomizations')) {
    test(`AllMatches: ${c.name}`, () => {
      const list = customizationsOf(c.customizations, { name: 'gitrepo', clusterSelector: {} });
      assert.deepEqual(allMatchingCustomizations(list, { name: 'local', labels: c.labels }, []), c.want);
    });
  }
  for (const c of section('MatchTargetCustomizations')) {
    test(`FirstMatch: ${c.name}`, () => {
      const list = customizationsOf(c.customizations, c.gitRepoTarget ?? { name: 'gitrepo', clusterSelector: {} });
      assert.equal(firstMatchingCustomization(list, { name: 'local', labels: c.labels }, []), c.want);
    });
  }
  for (const c of section('determineIsCustomization')) {
    test(`determineIsCustomization: ${c.name}`, () => assert.equal(isCustomization(c.args[0], c.args[1], c.args[2]), c.want));
  }
});

describe('limit — Go parsing details (fleet-argocd.md §2.2, code reading of status.go)', () => {
  const cases: Array<[string, IntOrString, number | string]> = [
    ['a sign is accepted by Atoi', '+5', 5],
    ['a negative numeric string is not a count', '-5', 'invalid maxUnavailable, must be int or percentage (ending with %): -5'],
    ['a space is not a number', ' 5', 'invalid maxUnavailable, must be int or percentage (ending with %):  5'],
    ['only one % is trimmed', '10%%', 'failed to parse 10%%: strconv.ParseFloat: parsing "10%": invalid syntax'],
    ['an empty percentage', '%', 'failed to parse %: strconv.ParseFloat: parsing "": invalid syntax'],
    ['underscores need a base prefix', '1_0%', 'failed to parse 1_0%: strconv.ParseFloat: parsing "1_0": invalid syntax'],
    ['a space before % is not a number', '10 %', 'failed to parse 10 %: strconv.ParseFloat: parsing "10 ": invalid syntax'],
    ['out of range', '1e400%', 'failed to parse 1e400%: strconv.ParseFloat: parsing "1e400": value out of range'],
    ['exponent form', '2.5e1%', 25],
    ['hexadecimal float', '0x1p4%', 16],
    ['inf', 'Inf%', 1],
    ['nan', 'NaN%', 1],
  ];
  for (const [name, v, want] of cases) {
    test(name, () => {
      if (typeof want === 'string') assert.throws(() => limit(100, v), { message: want });
      else assert.equal(limit(100, v), want);
    });
  }
});

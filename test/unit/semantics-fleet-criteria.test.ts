// Static reasoning about ClusterMatcher criteria (server/src/semantics/fleet/criteria-algebra.ts):
// entries that can never match (fleet-argocd.md §2.9 R7, §1.7 F6, §3.1, §3.2) and partitions that
// can share a cluster (§2.3, §2.9 R5). Table cases, then a property check of every verdict against
// the Go matcher semantics (ClusterMatcher.matchesCluster) over an enumerated inventory.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterMatcher, criteriaOf, type ClusterCriteria } from '../../server/src/semantics/fleet/cluster-matcher';
import { criteriaOverlap, neverMatches, type GroupResolver, type KnownGroup } from '../../server/src/semantics/fleet/criteria-algebra';
import { readLabelSelector, selectorMatches, toSelector } from '../../server/src/semantics/labels/selector';

const c = (raw: Record<string, unknown>): ClusterCriteria => criteriaOf(raw);
const labels = (l: Record<string, string>) => ({ matchLabels: l });
const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, values }] });

function resolverOf(groups: Array<{ name: string; selector: unknown; labels?: Record<string, string> }>): GroupResolver {
  const known = new Map<string, KnownGroup>(groups.map((g) => [g.name, { name: g.name, selector: toSelector(readLabelSelector(g.selector)), labels: g.labels ?? {} }]));
  return (name) => known.get(name);
}

describe('neverMatches (fleet-argocd.md §2.9 R7, §1.7 F6, §3.1, §3.2)', () => {
  test('no criterion at all matches nothing', () => assert.deepEqual(neverMatches(c({ name: 'x', maxUnavailable: 1 })), { reason: 'no-criteria' }));
  test('empty strings and null selectors are no criteria', () => assert.deepEqual(neverMatches(c({ clusterName: '', clusterSelector: null })), { reason: 'no-criteria' }));
  test('{} is a criterion that matches everything', () => assert.equal(neverMatches(c({ clusterSelector: {} })), undefined));
  test('a clusterSelector contradicting itself', () =>
    assert.deepEqual(neverMatches(c({ clusterSelector: { matchLabels: { env: 'a' }, matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] } })), {
      reason: 'contradiction',
      field: 'clusterSelector',
      keys: ['env'],
    }));
  test('a clusterGroupSelector contradicting itself', () =>
    assert.deepEqual(neverMatches(c({ clusterGroupSelector: { matchLabels: { r: 'a' }, matchExpressions: [{ key: 'r', operator: 'In', values: ['b'] }] } })), {
      reason: 'contradiction',
      field: 'clusterGroupSelector',
      keys: ['r'],
    }));
  test('an invalid selector gives no verdict (fleet/invalid-label-selector reports it)', () => assert.equal(neverMatches(c({ clusterSelector: expr('a', 'Equals', ['x']) })), undefined));

  const resolve = resolverOf([
    { name: 'empty', selector: null },
    { name: 'canary', selector: labels({ env: 'canary' }), labels: { region: 'eu' } },
  ]);
  test('a ClusterGroup without selector has no member (§3.1)', () => assert.deepEqual(neverMatches(c({ clusterGroup: 'empty' }), resolve), { reason: 'group-without-selector', group: 'empty' }));
  test("a clusterSelector contradicting the group's selector", () =>
    assert.deepEqual(neverMatches(c({ clusterGroup: 'canary', clusterSelector: labels({ env: 'prod' }) }), resolve), { reason: 'group-contradiction', group: 'canary', keys: ['env'] }));
  test("a clusterGroupSelector that does not match the named group's labels", () =>
    assert.deepEqual(neverMatches(c({ clusterGroup: 'canary', clusterGroupSelector: labels({ region: 'us' }) }), resolve), { reason: 'group-labels', group: 'canary' }));
  test('an unknown group gives no verdict', () => assert.equal(neverMatches(c({ clusterGroup: 'elsewhere' }), resolve), undefined));
});

describe('criteriaOverlap (fleet-argocd.md §2.3, §2.9 R5)', () => {
  const kind = (a: Record<string, unknown>, b: Record<string, unknown>, resolve?: GroupResolver) => {
    const o = criteriaOverlap(c(a), c(b), resolve);
    return o.kind === 'contains' ? `contains:${o.inner}` : o.kind === 'intersect' ? `intersect:${o.reason}` : o.kind;
  };
  test('equal labels select the same clusters', () => assert.equal(kind({ clusterSelector: labels({ env: 'prod' }) }, { clusterSelector: labels({ env: 'prod' }) }), 'contains:both'));
  test('one selector a subset of the other', () =>
    assert.equal(kind({ clusterSelector: labels({ env: 'prod', region: 'eu' }) }, { clusterSelector: labels({ env: 'prod' }) }), 'contains:a'));
  test('In sets that intersect', () => assert.equal(kind({ clusterSelector: expr('env', 'In', ['a', 'b']) }, { clusterSelector: expr('env', 'In', ['b', 'c']) }), 'intersect:shared-labels'));
  test('a shared label with extra keys on both sides (seed 000: env=production alone)', () =>
    assert.equal(kind({ clusterSelector: labels({ env: 'production', region: 'us' }) }, { clusterSelector: labels({ env: 'production', wave: '2' }) }), 'intersect:shared-labels'));
  test("a key's values conflict: disjoint", () =>
    assert.equal(kind({ clusterSelector: labels({ env: 'production', wave: '1' }) }, { clusterSelector: labels({ env: 'production', wave: '2' }) }), 'disjoint'));
  test('different keys: unknown without an inventory', () => assert.equal(kind({ clusterSelector: labels({ env: 'canary' }) }, { clusterSelector: labels({ region: 'eu' }) }), 'unknown'));
  test('{} contains every partition', () => assert.equal(kind({ clusterSelector: labels({ env: 'a' }) }, { clusterSelector: {} }), 'contains:a'));
  test('clusterGroupSelector: {} also takes clusters in no group', () => assert.equal(kind({ clusterSelector: labels({ env: 'a' }) }, { clusterGroupSelector: {} }), 'contains:a'));
  test('the same clusterName', () => assert.equal(kind({ clusterName: 'c1' }, { clusterName: 'c1', clusterSelector: labels({ env: 'a' }) }), 'contains:b'));
  test('the same clusterGroup', () => assert.equal(kind({ clusterGroup: 'g', clusterSelector: labels({ tier: '1' }) }, { clusterGroup: 'g', clusterSelector: labels({ zone: 'a' }) }), 'intersect:same-cluster-group'));
  test('different clusterNames: unknown (a display name can match too)', () => assert.equal(kind({ clusterName: 'c1' }, { clusterName: 'c2' }), 'unknown'));
  test('a partition with no criterion overlaps nothing', () => assert.equal(kind({ name: 'x' }, { clusterSelector: {} }), 'unknown'));

  const resolve = resolverOf([
    { name: 'canary', selector: labels({ env: 'canary' }) },
    { name: 'all', selector: {} },
  ]);
  test("a ClusterGroup's selector decides disjointness", () => assert.equal(kind({ clusterGroup: 'canary' }, { clusterSelector: labels({ env: 'prod' }) }, resolve), 'disjoint'));
  test('clusters whose labels put them in a group are in a partition naming it', () =>
    assert.equal(kind({ clusterGroup: 'canary' }, { clusterSelector: labels({ env: 'canary', tier: '1' }) }, resolve), 'contains:b'));
  test('a group selecting everything contains every partition', () => assert.equal(kind({ clusterSelector: labels({ env: 'a' }) }, { clusterGroup: 'all' }, resolve), 'contains:a'));
});

describe('verdicts agree with the matcher on an enumerated inventory (fleet-argocd.md §3.2)', () => {
  // Labels over keys a, b with values x, y, z (selectors only mention x and y, so z is always a fresh value).
  const VALUES = [undefined, 'x', 'y', 'z'];
  const labelSets: Array<Record<string, string>> = [];
  for (const a of VALUES) for (const b of VALUES) labelSets.push({ ...(a ? { a } : {}), ...(b ? { b } : {}) });
  const GROUPS: Array<{ name: string; selector: unknown; labels: Record<string, string> }> = [
    { name: 'g1', selector: labels({ a: 'x' }), labels: { tier: '1' } },
    { name: 'g2', selector: expr('b', 'In', ['x', 'y']), labels: { tier: '2' } },
    { name: 'g3', selector: null, labels: { tier: '1' } },
    { name: 'g4', selector: {}, labels: {} },
  ];
  const resolve = resolverOf(GROUPS);
  const compiledGroups = GROUPS.map((g) => ({ ...g, sel: toSelector(readLabelSelector(g.selector)) }));
  const clusters = ['n1', 'n2'].flatMap((name) =>
    labelSets.map((l) => ({ cluster: { name, labels: l }, groups: compiledGroups.filter((g) => selectorMatches(g.sel, l)).map((g) => ({ name: g.name, labels: g.labels })) })),
  );

  // mulberry32: a small seeded generator, so failures reproduce.
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const pick = <T>(xs: T[]): T => xs[rnd(xs.length)];
  function randomSelector(keys: string[], values: string[]): unknown {
    if (rnd(4) === 0) return {};
    const out: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } = {};
    const n = 1 + rnd(2);
    for (let i = 0; i < n; i++) {
      const key = pick(keys);
      const op = pick(['=', 'In', 'NotIn', 'Exists', 'DoesNotExist']);
      if (op === '=') out.matchLabels = { ...out.matchLabels, [key]: pick(values) };
      else if (op === 'In' || op === 'NotIn') out.matchExpressions = [...(out.matchExpressions ?? []), { key, operator: op, values: values.filter(() => rnd(2) === 0).concat(pick(values)) }];
      else out.matchExpressions = [...(out.matchExpressions ?? []), { key, operator: op }];
    }
    return out;
  }
  function randomCriteria(): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    if (rnd(5) === 0) raw.clusterName = pick(['n1', 'n2']);
    if (rnd(3) === 0) raw.clusterGroup = pick(['g1', 'g2', 'g3', 'g4', 'unknown']);
    if (rnd(4) === 0) raw.clusterGroupSelector = randomSelector(['tier'], ['1', '2']);
    if (rnd(3) !== 0) raw.clusterSelector = randomSelector(['a', 'b'], ['x', 'y']);
    return raw;
  }
  const indexOf = new Map(clusters.map((t, i) => [t, i]));
  const membersOf = (raw: Record<string, unknown>) => {
    const m = ClusterMatcher.create(criteriaOf(raw));
    return new Set(clusters.filter((t) => m.matchesCluster(t.cluster, t.groups)).map((t) => indexOf.get(t)!));
  };

  test('never-matches is sound: such an entry selects no cluster', () => {
    let flagged = 0;
    for (let i = 0; i < 3000; i++) {
      const raw = randomCriteria();
      if (!neverMatches(criteriaOf(raw), resolve)) continue;
      flagged++;
      assert.equal(membersOf(raw).size, 0, JSON.stringify(raw));
    }
    assert.ok(flagged > 100, `exercised (${flagged})`);
  });

  test('contains, disjoint and intersect are sound', () => {
    const seen = { contains: 0, disjoint: 0, intersect: 0 };
    for (let i = 0; i < 6000; i++) {
      const ra = randomCriteria();
      const rb = randomCriteria();
      const o = criteriaOverlap(criteriaOf(ra), criteriaOf(rb), resolve);
      const A = membersOf(ra);
      const B = membersOf(rb);
      const ctx = `${JSON.stringify(ra)} vs ${JSON.stringify(rb)} → ${JSON.stringify(o)}`;
      if (o.kind === 'disjoint') {
        seen.disjoint++;
        assert.ok(![...A].some((x) => B.has(x)), ctx);
      } else if (o.kind === 'contains') {
        seen.contains++;
        if (o.inner !== 'b') assert.ok([...A].every((x) => B.has(x)), ctx);
        if (o.inner !== 'a') assert.ok([...B].every((x) => A.has(x)), ctx);
      } else if (o.kind === 'intersect' && !ra.clusterGroupSelector && !rb.clusterGroupSelector && ra.clusterGroup !== 'unknown' && rb.clusterGroup !== 'unknown') {
        seen.intersect++;
        assert.ok([...A].some((x) => B.has(x)), ctx);
      }
    }
    assert.ok(seen.contains > 100 && seen.disjoint > 100 && seen.intersect > 20, JSON.stringify(seen));
  });
});

import { formatLabels } from '../../semantics/labels/algebra';
import { criteriaOverlap, type Overlap } from '../../semantics/fleet/criteria-algebra';
import { FLEET_STRATEGY_HOLDERS } from '../../semantics/fleet/rollout-strategy';
import { criteriaEntries, type CriteriaEntry } from '../../semantics/fleet/targeting';
import type { Rule } from '../rule';
import { groupResolver } from './support/cluster-groups';

const MAX_PARTITIONS = 100;

function evidence(o: Exclude<Overlap, { kind: 'disjoint' } | { kind: 'unknown' }>, a: CriteriaEntry, b: CriteriaEntry): string {
  switch (o.kind) {
    case 'contains':
      if (o.inner === 'both') return `${a.label} and ${b.label} select the same clusters`;
      return o.inner === 'a' ? `every cluster of ${a.label} is also selected by ${b.label}` : `every cluster of ${b.label} is also selected by ${a.label}`;
    case 'intersect': {
      if (o.reason === 'same-cluster-name') return `both name cluster "${a.criteria.clusterName}"`;
      if (o.reason === 'same-cluster-group') return `both select clusters of ClusterGroup "${a.criteria.clusterGroup}"`;
      const labels = formatLabels(o.labels);
      const subject = o.on === 'group' ? 'clusters of a ClusterGroup labelled' : 'a cluster labelled';
      return `both select on ${o.keys.map((k) => `'${k}'`).join(', ')}, so ${subject} ${labels} is in both`;
    }
  }
}

export const rule: Rule = {
  id: 'fleet/partition-overlap',
  description: 'Two rollout partitions can select the same cluster: Fleet puts it in both, counts it twice and updates it with the first one.',
  severity: 'warning',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream:
    'internal/cmd/controller/target/rollout.go manualPartition (every matching partition takes the target); rollout_test.go "selectors that match more than once should lead to having targets in multiple partitions" (fleet-argocd.md §2.3, §2.9 R5)',
  check(object, ctx) {
    // Pairs grow quadratically: a hostile list is checked on its first MAX_PARTITIONS entries only.
    const partitions = criteriaEntries(object.typeId, object.value)
      .filter((e) => e.role === 'partition')
      .slice(0, MAX_PARTITIONS);
    if (partitions.length < 2) return;
    const resolve = groupResolver(ctx, object);
    for (let j = 1; j < partitions.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = partitions[i];
        const b = partitions[j];
        const o = criteriaOverlap(a.criteria, b.criteria, resolve);
        if (o.kind === 'disjoint' || o.kind === 'unknown') continue;
        const redundant = o.kind === 'contains' && o.inner !== 'a' ? ` ${b.label} therefore rolls out no cluster of its own.` : '';
        ctx.report({
          path: b.path,
          message: `${b.label} overlaps ${a.label}: ${evidence(o, a, b)}. Fleet puts such a cluster in both partitions: it is updated with ${a.label} and counted again in ${b.label}, whose size, maxUnavailable and progress then include clusters it does not roll out.${redundant} Give each partition an exclusive label (for example a dedicated wave label) or a distinct value.`,
          related: [
            { object, path: a.path, message: `${a.label}, which selects the same clusters` },
            { object, path: b.path, message: `${b.label}` },
          ],
        });
        break; // one finding per partition: the first earlier partition it overlaps
      }
    }
  },
};

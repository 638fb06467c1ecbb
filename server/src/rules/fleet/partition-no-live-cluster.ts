import { inventoryTargets } from '../../engine/inventory';
import { ClusterMatcher, criteriaOf, hasCriteria } from '../../semantics/fleet/cluster-matcher';
import { FLEET_STRATEGY_HOLDERS, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'fleet/partition-no-live-cluster',
  description: 'With a Fleet hub connected: a partition that selects none of the clusters the hub has — its wave would be empty.',
  severity: 'warning',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream: 'target/rollout.go manualPartition: members are the targets the partition matcher selects (fleet-argocd.md §2.3, §3.2)',
  check(object, ctx) {
    const inventory = ctx.inventory();
    if (!inventory || inventory.clusters.length === 0) return;
    const at = rolloutStrategyOf(object.typeId, object.value);
    const partitions = at && Array.isArray(at.strategy.partitions) ? at.strategy.partitions : [];
    const targets = inventoryTargets(inventory);
    const hubs = [...new Set(inventory.clusters.map((c) => c.context))].join(', ');
    partitions.forEach((p, i) => {
      const criteria = criteriaOf(p);
      // No criterion at all is fleet/never-matches' finding; a bad selector is invalid-label-selector's.
      if (!hasCriteria(criteria)) return;
      let matcher: ClusterMatcher;
      try {
        matcher = ClusterMatcher.create(criteria);
      } catch {
        return;
      }
      if (targets.some((t) => matcher.matchesCluster(t.cluster, t.groups))) return;
      const name = p && typeof p === 'object' && typeof (p as { name?: unknown }).name === 'string' ? `"${(p as { name: string }).name}"` : `#${i + 1}`;
      ctx.report({
        path: [...at!.path, 'partitions', i],
        message: `Partition ${name} selects none of the ${inventory.clusters.length} clusters on ${hubs}: its wave is empty and deploys nowhere. Check the labels against the clusters (hover the partition to see them).`,
      });
    });
  },
};

import { FLEET_STRATEGY_HOLDERS, hasManualPartitions, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import { partitionDefinitions } from '../../semantics/fleet/partitions';
import type { Rule } from '../rule';

const isSet = (v: unknown) => v !== undefined && v !== null;

export const rule: Rule = {
  id: 'fleet/max-unavailable-unset',
  description: 'Partitions are configured but maxUnavailable is left at its default of 100%: no partition can ever be unavailable, so partitions never hold the rollout back.',
  severity: 'info',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream:
    'internal/cmd/controller/target/target.go defLimit = "100%"; partition.go UpdatePartitions counts a partition unavailable only when unavailable > maxUnavailable (fleet-argocd.md §2.1, §2.4, §2.9 R9)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    if (!at || isSet(at.strategy.maxUnavailable)) return;
    const CONSEQUENCE =
      'a partition can never have more unavailable clusters than that, so it never counts as unavailable and Fleet updates every partition in the same pass; partition order and maxUnavailablePartitions have no effect.';
    if (hasManualPartitions(at.strategy)) {
      const open = partitionDefinitions(at.strategy)
        .map((p, i) => ({ p, i }))
        .filter(({ p }) => !isSet(p.maxUnavailable));
      if (open.length === 0) return;
      const names = open.map(({ p, i }) => (typeof p.name === 'string' && p.name ? `"${p.name}"` : `partitions[${i}]`)).join(', ');
      ctx.report({
        path: at.path,
        onKey: true,
        message: `maxUnavailable is not set here nor on partition${open.length > 1 ? 's' : ''} ${names}, so ${open.length > 1 ? 'they default' : 'it defaults'} to 100% of ${open.length > 1 ? 'their' : 'its'} clusters: ${CONSEQUENCE} Set maxUnavailable (for example 1 or "10%") to make partitions wait.`,
      });
      return;
    }
    const configured = ['maxUnavailablePartitions', 'autoPartitionSize', 'autoPartitionThreshold'].filter((k) => isSet(at.strategy[k]));
    if (configured.length === 0) return;
    ctx.report({
      path: at.path,
      onKey: true,
      message: `${configured.join(' and ')} ${configured.length > 1 ? 'are' : 'is'} set but maxUnavailable is not, so every automatic partition allows 100% of its clusters to be unavailable: ${CONSEQUENCE} Set maxUnavailable (for example "10%").`,
    });
  },
};

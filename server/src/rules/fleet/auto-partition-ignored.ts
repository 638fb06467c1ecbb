import { FLEET_STRATEGY_HOLDERS, hasManualPartitions, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'fleet/auto-partition-ignored',
  description: 'autoPartitionSize or autoPartitionThreshold next to a partitions list: Fleet ignores them, and clusters that match no partition are not put into automatic partitions.',
  severity: 'info',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream:
    'internal/cmd/controller/target/rollout.go partitions(): manualPartition whenever partitions is non-empty; rollout_test.go "doesn\'t put unmatched clusters in separate partitions at the end using AutoPartitionSize" (fleet-argocd.md §1.6, §2.3, §2.9 R8)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    if (!at || !hasManualPartitions(at.strategy)) return;
    for (const key of ['autoPartitionSize', 'autoPartitionThreshold']) {
      if (at.strategy[key] === undefined) continue;
      ctx.report({
        path: [...at.path, key],
        onKey: true,
        message: `${key} is ignored because partitions are listed: Fleet uses only the partitions, and a cluster that matches none of them is in no partition and never deployed (despite the CRD comment, it is not added to automatic partitions at the end).`,
        fixes: [{ title: `Remove ${key}`, edits: [{ op: 'remove', path: [...at.path, key] }], preferred: true }],
      });
    }
  },
};

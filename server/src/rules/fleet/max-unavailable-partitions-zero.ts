import { FLEET_STRATEGY_HOLDERS, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import type { Rule } from '../rule';

const SEQUENTIAL =
  'Fleet processes partitions strictly in order and stops at the first unavailable one: a single partition with one cluster too many offline or not Ready blocks every later partition until it recovers.';

export const rule: Rule = {
  id: 'fleet/max-unavailable-partitions-zero',
  description: 'maxUnavailablePartitions is 0 (explicitly or by default) with partitions: one unavailable partition blocks all later ones.',
  severity: 'warning',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream: 'target/partition.go UpdatePartitions; default defMaxUnavailablePartitions = 0 (fleet-argocd.md §2.1, §2.4, §2.5)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    if (!at) return;
    const partitions = at.strategy.partitions;
    if (!Array.isArray(partitions) || partitions.length < 2) return;
    const value = at.strategy.maxUnavailablePartitions;
    if (value === 0) {
      ctx.report({
        path: [...at.path, 'maxUnavailablePartitions'],
        message: `maxUnavailablePartitions: 0 — ${SEQUENTIAL} Use 1 (or "0%", which Fleet resolves to 1) to tolerate one unavailable partition.`,
      });
    } else if (value === undefined || value === null) {
      ctx.report({
        path: at.path,
        onKey: true,
        severity: 'info',
        message: `maxUnavailablePartitions is not set and defaults to 0. ${SEQUENTIAL}`,
      });
    }
  },
};

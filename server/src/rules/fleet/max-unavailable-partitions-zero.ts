import { FLEET_STRATEGY_HOLDERS, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import { partitionDefinitions } from '../../semantics/fleet/partitions';
import type { Rule } from '../rule';

const SEQUENTIAL =
  'Fleet processes partitions strictly in order and stops at the first unavailable one: a single partition with one cluster too many offline or not Ready blocks every later partition until it recovers.';

const isSet = (v: unknown) => v !== undefined && v !== null;

export const rule: Rule = {
  id: 'fleet/max-unavailable-partitions-zero',
  description: 'maxUnavailablePartitions is 0 (explicitly or by default) with partitions: one unavailable partition blocks all later ones.',
  severity: 'warning',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream: 'target/partition.go UpdatePartitions; default defMaxUnavailablePartitions = 0 (fleet-argocd.md §2.1, §2.4, §2.5)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    if (!at) return;
    const partitions = partitionDefinitions(at.strategy);
    // Automatic partitions exist once autoPartitionSize is set and enough clusters are targeted.
    const auto = partitions.length === 0 && isSet(at.strategy.autoPartitionSize) && !(typeof at.strategy.autoPartitionSize === 'number' && at.strategy.autoPartitionSize <= 0);
    if (partitions.length < 2 && !auto) return;
    // With maxUnavailable at its 100% default everywhere no partition is ever unavailable: fleet/max-unavailable-unset says so.
    if (!isSet(at.strategy.maxUnavailable) && partitions.every((p) => !isSet(p.maxUnavailable))) return;
    const value = at.strategy.maxUnavailablePartitions;
    if (value === 0) {
      const path = [...at.path, 'maxUnavailablePartitions'];
      ctx.report({
        path,
        message: `maxUnavailablePartitions: 0 — ${SEQUENTIAL} Use 1 (or "0%", which Fleet resolves to 1) to tolerate one unavailable partition.`,
        fixes: [{ title: 'Set maxUnavailablePartitions: 1', edits: [{ op: 'replaceValue', path, value: 1 }], preferred: true }],
      });
    } else if (value === undefined || value === null) {
      ctx.report({
        path: at.path,
        onKey: true,
        severity: 'info',
        message: `maxUnavailablePartitions is not set and defaults to 0. ${SEQUENTIAL}`,
        fixes: [
          value === null
            ? { title: 'Set maxUnavailablePartitions: 1', edits: [{ op: 'replaceValue', path: [...at.path, 'maxUnavailablePartitions'], value: 1 }], preferred: true }
            : { title: 'Set maxUnavailablePartitions: 1', edits: [{ op: 'setKey', path: at.path, key: 'maxUnavailablePartitions', value: 1 }], preferred: true },
        ],
      });
    }
  },
};

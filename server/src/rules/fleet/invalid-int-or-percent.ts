import { limit } from '../../semantics/fleet/limit';
import { describeField, FLEET_STRATEGY_HOLDERS, hasManualPartitions, intOrStringFields, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import { ROLLOUT_DEFAULTS } from '../../semantics/fleet/partitions';
import type { Fix, Rule } from '../rule';

/** Fleet's error for a string value, or undefined when `limit` accepts it. */
function limitError(value: string): string | undefined {
  try {
    limit(1000, value);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export const rule: Rule = {
  id: 'fleet/invalid-int-or-percent',
  description:
    'A rollout count written as a string that is neither a positive integer nor a percentage ("0", "ten", "10 %"): the Fleet controller fails the Bundle.',
  severity: 'error',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream:
    'internal/cmd/controller/target/status.go limit(); errors wrapped by reconciler/bundle_controller.go "failed to reset bundle status from targets" / "failed to update partitions" (fleet-argocd.md §1.5, §2.2, §2.9 R1)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    if (!at) return;
    const manual = hasManualPartitions(at.strategy);
    const threshold = typeof at.strategy.autoPartitionThreshold === 'number' ? at.strategy.autoPartitionThreshold : ROLLOUT_DEFAULTS.autoPartitionThreshold;
    for (const f of intOrStringFields(at)) {
      if (typeof f.value !== 'string') continue;
      const error = limitError(f.value);
      if (!error) continue;
      const fixes: Fix[] = [];
      if (/^[+-]?[0-9]+$/.test(f.value)) {
        const n = parseInt(f.value, 10);
        if (f.field === 'maxUnavailable' && n === 0) {
          fixes.push({ title: 'Use "0%" (Fleet reads it as 1 cluster)', edits: [{ op: 'replaceValue', path: f.path, value: '0%' }], preferred: true });
        }
        fixes.push({ title: `Use the number ${n}`, edits: [{ op: 'replaceValue', path: f.path, value: n }], preferred: fixes.length === 0 });
      }
      if (f.field === 'autoPartitionSize') {
        // Only evaluated when partitions are computed automatically for at least autoPartitionThreshold targets.
        if (manual || threshold <= 0) continue;
        ctx.report({
          path: f.path,
          severity: 'warning',
          message: `Fleet fails the Bundle with “failed to update partitions: ${error}” as soon as it targets ${threshold} clusters or more (autoPartitionThreshold). Use an integer or a percentage such as "25%".`,
          fixes,
        });
        continue;
      }
      const wrap = f.field === 'maxUnavailable' && f.partition === undefined ? 'failed to reset bundle status from targets' : 'failed to update partitions';
      ctx.report({
        path: f.path,
        message: `${describeField(f)}: Fleet fails the Bundle with “${wrap}: ${error}”. Use an integer or a percentage such as "10%" (a quoted number is read as an absolute count only when it is above 0).`,
        fixes,
      });
    }
  },
};

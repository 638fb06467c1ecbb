import { describeField, FLEET_STRATEGY_HOLDERS, intOrStringFields, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'fleet/max-unavailable-zero',
  description: 'maxUnavailable is the integer 0 (or negative): Fleet never moves a Ready cluster to a new version, so updates stall.',
  severity: 'warning',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream:
    'internal/cmd/controller/target/partition.go updateDeploymentFromStaged: a BundleDeployment is updated only while unavailable < maxUnavailable; status.go limit() keeps int 0 as 0 (fleet-argocd.md §2.5, §2.9 R3)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    if (!at) return;
    for (const f of intOrStringFields(at)) {
      if (f.field !== 'maxUnavailable' || typeof f.value !== 'number' || f.value > 0) continue;
      const scope =
        f.partition === undefined
          ? 'Fleet only moves a BundleDeployment to the new version while fewer than maxUnavailable clusters are unavailable, and no count is below 0: clusters that are Ready are never updated, only new or already failing ones.'
          : 'no Ready cluster of this partition is ever updated, and the partition counts as unavailable while any member is out of date, holding back the partitions after it.';
      ctx.report({
        path: f.path,
        message: `${describeField(f)}: ${f.value} — ${scope} The string "0%" is not the same: Fleet reads it as 1.`,
        fixes: [
          { title: 'Use "0%" (Fleet reads it as 1 cluster)', edits: [{ op: 'replaceValue', path: f.path, value: '0%' }], preferred: true },
          { title: 'Use 1', edits: [{ op: 'replaceValue', path: f.path, value: 1 }] },
        ],
      });
    }
  },
};

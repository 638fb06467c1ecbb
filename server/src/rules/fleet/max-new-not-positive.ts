import { FLEET_STRATEGY_HOLDERS, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import { ROLLOUT_DEFAULTS } from '../../semantics/fleet/partitions';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'fleet/max-new-not-positive',
  description: 'maxNew is 0 or negative: Fleet never creates a BundleDeployment, so no cluster that does not have the bundle yet ever gets it.',
  severity: 'warning',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream:
    'internal/cmd/controller/target/partition.go UpdatePartitions: a BundleDeployment is created only while newlyCreated < maxNew; rollout_test.go Test_UpdatePartitions_MaxNew "maxNew of 0 creates no new deployments" (fleet-argocd.md §2.5, §2.9 R10)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    const maxNew = at?.strategy.maxNew;
    if (!at || typeof maxNew !== 'number' || maxNew > 0) return;
    ctx.report({
      path: [...at.path, 'maxNew'],
      message: `maxNew: ${maxNew} — Fleet creates at most maxNew new BundleDeployments per reconcile, so none is ever created: clusters that do not have this bundle yet never get it. Remove it (default ${ROLLOUT_DEFAULTS.maxNew}) or use a positive number.`,
      fixes: [{ title: `Remove maxNew (default ${ROLLOUT_DEFAULTS.maxNew})`, edits: [{ op: 'remove', path: [...at.path, 'maxNew'] }], preferred: true }],
    });
  },
};

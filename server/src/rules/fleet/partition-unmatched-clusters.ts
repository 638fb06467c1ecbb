import { conjoin, conjunctionOf, coversEverything, type Conjunction } from '../../semantics/labels/algebra';
import { isMatchEverything, trySelector } from '../../semantics/labels/selector';
import type { GroupResolver } from '../../semantics/fleet/criteria-algebra';
import type { ClusterCriteria } from '../../semantics/fleet/cluster-matcher';
import { FLEET_STRATEGY_HOLDERS, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import { criteriaEntries } from '../../semantics/fleet/targeting';
import type { Rule } from '../rule';
import { groupResolver } from './support/cluster-groups';

/** The cluster labels a partition certainly takes, or undefined when that depends on names or groups we cannot see. */
function clusterLabelsTaken(c: ClusterCriteria, resolve: GroupResolver): Conjunction | undefined {
  if (c.clusterName !== undefined) return undefined;
  if (c.clusterGroupSelector && !isMatchEverything(c.clusterGroupSelector)) return undefined;
  const cs = c.clusterSelector ? trySelector(c.clusterSelector) : { kind: 'everything' as const };
  let conj = cs && conjunctionOf(cs);
  if (!conj) return undefined;
  if (c.clusterGroup !== undefined) {
    const group = resolve(c.clusterGroup);
    const sel = group && conjunctionOf(group.selector);
    if (!sel) return undefined;
    conj = conjoin(conj, sel);
  } else if (!c.clusterSelector && !c.clusterGroupSelector) {
    return undefined;
  }
  return conj;
}

export const rule: Rule = {
  id: 'fleet/partition-unmatched-clusters',
  description: 'The rollout partitions do not cover every cluster: a targeted cluster that matches no partition never gets the bundle.',
  severity: 'info',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream:
    'internal/cmd/controller/target/rollout.go manualPartition; rollout_test.go "doesn\'t put unmatched clusters in separate partitions at the end using AutoPartitionSize" (fleet-argocd.md §2.3, §2.9 R6)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    const partitions = criteriaEntries(object.typeId, object.value).filter((e) => e.role === 'partition');
    if (!at || partitions.length === 0) return;
    const resolve = groupResolver(ctx, object);
    const taken = partitions.map((p) => clusterLabelsTaken(p.criteria, resolve)).filter((c): c is Conjunction => !!c);
    if (coversEverything(taken) !== false) return;
    ctx.report({
      path: [...at.path, 'partitions'],
      onKey: true,
      message:
        'A cluster this bundle targets that matches none of these partitions is in no partition: Fleet never creates its BundleDeployment (the CRD comment about adding such clusters to automatic partitions at the end does not hold). If every targeted cluster should be deployed, end with a partition for the rest, e.g. one using NotIn on the labels above.',
    });
  },
};

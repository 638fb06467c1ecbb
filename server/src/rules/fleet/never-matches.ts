import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import { conflictingKeys, conjunctionOf } from '../../semantics/labels/algebra';
import { readLabelSelector, trySelector } from '../../semantics/labels/selector';
import { neverMatches, type NeverMatch } from '../../semantics/fleet/criteria-algebra';
import { criteriaEntries, type CriteriaEntry } from '../../semantics/fleet/targeting';
import type { RelatedFinding, Rule, RuleContext } from '../rule';
import { clusterGroupsNamed, groupResolver } from './support/cluster-groups';

const CRITERIA = 'clusterName, clusterGroup, clusterSelector or clusterGroupSelector';

function consequence(e: CriteriaEntry): string {
  switch (e.role) {
    case 'partition':
      return 'the partition is always empty, and the clusters meant for it are in no partition and never deployed';
    case 'customization':
      return 'this customization never applies to any cluster';
    case 'restriction':
      return 'this restriction allows no cluster';
    default:
      return 'this target selects no cluster';
  }
}

const keysText = (keys: string[]) => keys.map((k) => `'${k}'`).join(', ');

function groupRelated(ctx: RuleContext, object: ManifestObject, group: string): RelatedFinding[] {
  return clusterGroupsNamed(ctx, object, group).map((g) => ({ object: g, path: ['spec'], onKey: true, message: `ClusterGroup ${group}` }));
}

function report(ctx: RuleContext, object: ManifestObject, e: CriteriaEntry, why: NeverMatch): void {
  const then = consequence(e);
  switch (why.reason) {
    case 'no-criteria':
      ctx.report({ path: e.path, message: `${e.label} has no ${CRITERIA}: Fleet's cluster matcher with no criterion matches nothing, so ${then}.` });
      return;
    case 'contradiction':
      ctx.report({ path: [...e.path, why.field], onKey: true, message: `The ${why.field} of ${e.label} contradicts itself on ${keysText(why.keys)}: no label set satisfies it, so ${then}.` });
      return;
    case 'group-without-selector':
      ctx.report({
        path: [...e.path, 'clusterGroup'],
        message: `ClusterGroup "${why.group}" has no selector, so it contains no cluster and ${then}.`,
        related: groupRelated(ctx, object, why.group),
      });
      return;
    case 'group-contradiction':
      ctx.report({
        path: [...e.path, 'clusterSelector'],
        onKey: true,
        message: `The clusters of ClusterGroup "${why.group}" can never satisfy this clusterSelector (they disagree on ${keysText(why.keys)}), so ${then}.`,
        related: groupRelated(ctx, object, why.group),
      });
      return;
    case 'group-labels':
      ctx.report({
        path: [...e.path, 'clusterGroupSelector'],
        onKey: true,
        message: `clusterGroupSelector does not match the labels of ClusterGroup "${why.group}", the only group this entry accepts (clusterGroup), so ${then}.`,
        related: groupRelated(ctx, object, why.group),
      });
      return;
  }
}

export const rule: Rule = {
  id: 'fleet/never-matches',
  description: 'A partition, target, targetCustomization, overrideTarget or ClusterGroup that can never select a cluster.',
  severity: 'warning',
  appliesTo: [K.FleetYaml, K.Bundle, K.HelmOp, K.GitRepo, K.ClusterGroup],
  upstream:
    'internal/cmd/controller/target/matcher/clustermatcher.go Match (no criteria → false), query.go ClusterGroupsForCluster (nil selector → no member) (fleet-argocd.md §1.7 F6, §2.9 R7, §3.1, §3.2)',
  check(object, ctx) {
    if (object.typeId === K.ClusterGroup) {
      const spec = object.value?.spec as Record<string, unknown> | undefined;
      const raw = spec?.selector;
      if (raw === undefined || raw === null) {
        ctx.report({
          path: spec && 'selector' in spec ? ['spec', 'selector'] : ['spec'],
          onKey: true,
          message: 'This ClusterGroup has no selector, so it contains no cluster: targets and partitions naming it select nothing. Use `selector: {}` for every cluster of the namespace, or a label selector.',
        });
        return;
      }
      const sel = trySelector(readLabelSelector(raw));
      const conj = sel && conjunctionOf(sel);
      const keys = conj ? conflictingKeys(conj) : [];
      if (keys.length) {
        ctx.report({ path: ['spec', 'selector'], onKey: true, message: `This selector contradicts itself on ${keysText(keys)}: the ClusterGroup can never contain a cluster.` });
      }
      return;
    }
    const resolve = groupResolver(ctx, object);
    for (const e of criteriaEntries(object.typeId, object.value)) {
      const why = neverMatches(e.criteria, resolve);
      if (why) report(ctx, object, e, why);
    }
  },
};

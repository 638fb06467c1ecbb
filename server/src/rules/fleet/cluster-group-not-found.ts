import { K } from '../../engine/kinds';
import { criteriaEntries } from '../../semantics/fleet/targeting';
import type { Rule } from '../rule';
import { BOOTSTRAP_GROUP } from './support/cluster-groups';

export const rule: Rule = {
  id: 'fleet/cluster-group-not-found',
  description: 'A clusterGroup reference to a ClusterGroup that exists nowhere in the workspace.',
  severity: 'warning',
  appliesTo: [K.FleetYaml, K.Bundle, K.HelmOp, K.GitRepo],
  upstream:
    'internal/cmd/controller/target/query.go ClusterGroupsForCluster: a cluster is in the groups of its own namespace whose selector matches it; matcher/clustermatcher.go compares clusterGroup with those names (fleet-argocd.md §3.1, §3.2)',
  check(object, ctx) {
    const namespace = object.typeId === K.FleetYaml ? undefined : object.namespace;
    for (const e of criteriaEntries(object.typeId, object.value)) {
      const group = e.criteria.clusterGroup;
      if (group === undefined || group === BOOTSTRAP_GROUP) continue;
      if (ctx.find(K.ClusterGroup, group, namespace).length > 0) continue;
      const elsewhere = namespace ? ctx.find(K.ClusterGroup, group).filter((o) => o.namespace && o.namespace !== namespace) : [];
      const hint = elsewhere.length
        ? ` A ClusterGroup "${group}" exists in namespace ${elsewhere.map((o) => o.namespace).join(', ')}, but clusters are only matched with the groups of their own namespace.`
        : ' If it exists only on the cluster, ignore this; otherwise this entry selects no cluster.';
      ctx.report({
        path: [...e.path, 'clusterGroup'],
        message: `No ClusterGroup "${group}" in this workspace.${hint}`,
        related: elsewhere.map((o) => ({ object: o, path: ['metadata', 'name'], message: `ClusterGroup ${o.namespace}/${group}` })),
      });
    }
  },
};

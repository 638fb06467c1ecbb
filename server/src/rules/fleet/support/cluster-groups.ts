// Shared by the Fleet targeting rules: ClusterGroups of the workspace, looked up through the rule
// context so that editing a ClusterGroup re-checks every object that referred to it.
import { K } from '../../../engine/kinds';
import type { ManifestObject } from '../../../engine/objects';
import type { GroupResolver, KnownGroup } from '../../../semantics/fleet/criteria-algebra';
import { knownGroupOf } from '../../../semantics/fleet/targeting';
import type { RuleContext } from '../../rule';

/** The ClusterGroup `default` is created by Fleet's bootstrap in fleet-local (fleet-argocd.md §3.1). */
export const BOOTSTRAP_GROUP = 'default';

/** ClusterGroups a reference from `object` can mean: same namespace when the object has one. */
export function clusterGroupsNamed(ctx: RuleContext, object: ManifestObject, name: string): ManifestObject[] {
  return ctx.find(K.ClusterGroup, name, object.typeId === K.FleetYaml ? undefined : object.namespace);
}

/** Resolves a group name to its selector and labels; undefined when unknown or defined differently twice. */
export function groupResolver(ctx: RuleContext, object: ManifestObject): GroupResolver {
  const cache = new Map<string, KnownGroup | undefined>();
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    const groups = clusterGroupsNamed(ctx, object, name).map((o) => knownGroupOf(name, o.value));
    const same = groups.every((g) => JSON.stringify(g) === JSON.stringify(groups[0]));
    const result = groups.length > 0 && same ? groups[0] : undefined;
    cache.set(name, result);
    return result;
  };
}

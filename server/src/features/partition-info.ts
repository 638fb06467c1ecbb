import { inventoryTargets, type InventoryTarget } from '../engine/inventory';
import type { Workspace } from '../engine/workspace';
import { ClusterMatcher, criteriaOf, hasCriteria } from '../semantics/fleet/cluster-matcher';

/** Live members of a partition entry, or undefined without an inventory or with an unusable selector. */
export function liveMembers(workspace: Workspace, partition: unknown): InventoryTarget[] | undefined {
  const inventory = workspace.inventory;
  if (!inventory) return undefined;
  const criteria = criteriaOf(partition);
  if (!hasCriteria(criteria)) return [];
  try {
    const matcher = ClusterMatcher.create(criteria);
    return inventoryTargets(inventory).filter((t) => matcher.matchesCluster(t.cluster, t.groups));
  } catch {
    return undefined;
  }
}

/** `12 clusters (2 offline): edge-eu-1, edge-eu-2, … ` for hovers and lenses. */
export function describeMembers(members: InventoryTarget[], max = 25): string {
  const offline = members.filter((m) => m.cluster.offline).length;
  const names = members.slice(0, max).map((m) => `${m.cluster.name}${m.cluster.offline ? ' (offline)' : ''}`);
  const more = members.length > max ? `, … ${members.length - max} more` : '';
  return `${members.length} cluster${members.length === 1 ? '' : 's'}${offline ? ` (${offline} offline)` : ''}${members.length ? `: ${names.join(', ')}${more}` : ''}`;
}

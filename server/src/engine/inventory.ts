import { readLabelSelector, selectorMatches, trySelector, type Labels } from '../semantics/labels/selector';
import type { ClusterGroupRef, ClusterRef } from '../semantics/fleet/cluster-matcher';

/**
 * The Fleet clusters and ClusterGroups a connected hub reports, sent by the client when the user
 * watches a hub context. Absent until then: rules and features that use it stay quiet offline.
 */
export interface InventoryCluster {
  context: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** The agent has not reported for a while (status.agent.lastSeen), as the wave board counts it. */
  offline?: boolean;
}

export interface InventoryGroup {
  context: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  selector?: unknown;
}

export interface Inventory {
  clusters: InventoryCluster[];
  groups: InventoryGroup[];
}

export interface InventoryTarget {
  cluster: ClusterRef & { context: string; namespace: string; offline?: boolean };
  groups: ClusterGroupRef[];
}

/** Every cluster with the ClusterGroups of its namespace whose selector selects it (fleet-argocd.md §3.1). */
export function inventoryTargets(inventory: Inventory): InventoryTarget[] {
  const byNamespace = new Map<string, Array<{ group: InventoryGroup; selector: ReturnType<typeof trySelector> }>>();
  for (const g of inventory.groups) {
    const key = `${g.context}\u0000${g.namespace}`;
    const list = byNamespace.get(key) ?? [];
    // A group with an invalid selector matches nothing, as Fleet treats it.
    list.push({ group: g, selector: trySelector(readLabelSelector(g.selector)) });
    byNamespace.set(key, list);
  }
  return inventory.clusters.map((c) => {
    const labels: Labels = c.labels;
    const groups = (byNamespace.get(`${c.context}\u0000${c.namespace}`) ?? []).filter((g) => g.selector && selectorMatches(g.selector, labels)).map((g) => ({ name: g.group.name, labels: g.group.labels }));
    return { cluster: { name: c.name, labels, context: c.context, namespace: c.namespace, offline: c.offline }, groups };
  });
}

/** Label keys and their values across the inventory, for completion. */
export function inventoryLabels(inventory: Inventory): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of inventory.clusters) {
    for (const [k, v] of Object.entries(c.labels)) {
      const set = out.get(k) ?? new Set<string>();
      set.add(v);
      out.set(k, set);
    }
  }
  return out;
}

import type { ClusterSession } from './kube/session';
import type { KubeObject } from './kube/resources';
import type { Inventory } from '../../server/src/engine/inventory';
import { coalesce } from './kube/backoff';

/** An agent not heard from for this long is shown as offline (edge sites go dark for hours). */
export const OFFLINE_AFTER_MS = 15 * 60 * 1000;

/** The Fleet clusters and groups of the watched contexts that are hubs, as the language server wants them. */
export function inventoryOf(session: ClusterSession, now = Date.now()): Inventory | undefined {
  const clusters: Inventory['clusters'] = [];
  const groups: Inventory['groups'] = [];
  for (const context of session.watched()) {
    for (const c of session.list<KubeObject>(context, 'fleetClusters')) {
      const lastSeen = Date.parse(c.status?.agent?.lastSeen ?? '');
      clusters.push({ context, namespace: c.metadata.namespace ?? '', name: c.metadata.name, labels: c.metadata.labels ?? {}, offline: Number.isFinite(lastSeen) ? now - lastSeen > OFFLINE_AFTER_MS : undefined });
    }
    for (const g of session.list<KubeObject>(context, 'clusterGroups')) {
      groups.push({ context, namespace: g.metadata.namespace ?? '', name: g.metadata.name, labels: g.metadata.labels ?? {}, selector: g.spec?.selector });
    }
  }
  return clusters.length || groups.length ? { clusters, groups } : undefined;
}

/**
 * Keeps the language server's inventory current: sends it after each burst of changes to Fleet
 * Clusters or ClusterGroups of a watched context, and nothing for contexts the user did not choose.
 */
export function feedInventory(session: ClusterSession, send: (inventory: Inventory | undefined) => void): { dispose(): void } {
  let last = '';
  const push = coalesce(() => {
    const inventory = inventoryOf(session);
    const json = JSON.stringify(inventory ?? null);
    if (json === last) return;
    last = json;
    send(inventory);
  }, 300);
  const sub = session.onDidChange((change) => {
    if (change.resource === 'fleetClusters' || change.resource === 'clusterGroups') push();
  });
  // Start the two informers of each watched context; contexts without Fleet answer "not installed" quietly.
  for (const context of session.watched()) {
    session.informer(context, 'fleetClusters');
    session.informer(context, 'clusterGroups');
  }
  push();
  return sub;
}

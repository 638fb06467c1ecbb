/**
 * The hub side of the RollingSync wave board: which informers it needs, the snapshot it is built
 * from, and the ApplicationSets the "Open Wave Board" pick list offers. No `vscode` here.
 */
import type { ClusterSession, ResourceKey } from '../kube/session';
import { rollingSyncStrategyEnabled, strategyOf } from '../../../server/src/semantics/argocd';
import { buildRollingSyncBoard, type ArgoObject, type RollingSyncSnapshot, type WaveBoard } from './model';

export const ROLLING_SYNC_RESOURCES: ResourceKey[] = ['applicationSets', 'applications'];

export function rollingSyncSnapshot(session: ClusterSession, hub: string): RollingSyncSnapshot {
  return {
    context: hub,
    applicationSets: session.list<ArgoObject & { metadata: { name: string } }>(hub, 'applicationSets'),
    applications: session.list<ArgoObject & { metadata: { name: string } }>(hub, 'applications'),
  };
}

/**
 * Whether the Applications can be used: `ready` once listed or failed (a failure is passed to the
 * builder, which then works from the ApplicationSet's status alone); not ready while the first list runs.
 */
export function applicationsState(session: ClusterSession, hub: string): { ready: boolean; error?: string } {
  const inf = session.informer(hub, 'applications');
  if (!inf) return { ready: true, error: `context ${hub} is not watched` };
  if (inf.state === 'error') return { ready: true, error: inf.error?.message ?? 'cannot list' };
  return { ready: inf.state === 'synced' || (inf.lastSyncAt ?? 0) > 0 };
}

/** The board of ApplicationSet `namespace/name` from the session's informers; undefined until it can be built. */
export function rollingSyncBoardFromSession(session: ClusterSession, hub: string, namespace: string, name: string, now: number): WaveBoard | undefined {
  const apps = applicationsState(session, hub);
  if (!apps.ready) return undefined;
  return buildRollingSyncBoard(rollingSyncSnapshot(session, hub), namespace, name, { now, applicationsError: apps.error });
}

/** A pick-list entry (a vscode QuickPickItem; `kind` is taken there, hence `subject`). */
export interface SubjectItem {
  subject: 'Bundle' | 'ApplicationSet';
  namespace: string;
  name: string;
  label: string;
  description: string;
  detail?: string;
}

/** Pick-list entries of the ApplicationSets of a hub: RollingSync ones first; the others say why the board has no steps for them. */
export function applicationSetItems(appsets: readonly ArgoObject[]): SubjectItem[] {
  return appsets
    .map((a) => {
      const strategy = strategyOf(a);
      const rolling = rollingSyncStrategyEnabled(strategy);
      const steps = rolling ? strategy!.rollingSync!.steps!.length : 0;
      const entries: unknown[] = Array.isArray(a.status?.applicationStatus) ? a.status.applicationStatus : [];
      const healthy = entries.filter((e) => (e as { status?: unknown }).status === 'Healthy').length;
      const progressing = (Array.isArray(a.status?.conditions) ? a.status.conditions : []).find((c: { type?: string; status?: string }) => c?.type === 'RolloutProgressing' && c.status === 'True');
      return {
        subject: 'ApplicationSet' as const,
        namespace: a.metadata.namespace ?? '',
        name: a.metadata.name,
        label: a.metadata.name,
        description: `ApplicationSet · ${a.metadata.namespace ?? ''}`,
        detail: rolling
          ? `RollingSync, ${steps} step${steps === 1 ? '' : 's'} · ${healthy}/${entries.length} Applications Healthy${progressing?.message ? ` · ${progressing.message}` : ''}`
          : `no RollingSync strategy (${strategy?.type ? `type "${strategy.type}"` : 'all at once'}): the board shows no steps`,
        rolling,
      };
    })
    .sort((a, b) => Number(b.rolling) - Number(a.rolling) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name))
    .map(({ rolling, ...item }) => (void rolling, item));
}

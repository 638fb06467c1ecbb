/**
 * One Argo CD Application as a row of the rollingSync wave board: what Argo CD reports of it
 * (sync, health, last operation, the Argo Rollouts in `status.resources`), its entry in the
 * ApplicationSet's `status.applicationStatus` (fleet-argocd.md §5.6), and the board's bucket.
 */
import type { AppSetApplicationStatus } from '../../../../server/src/semantics/argocd';
import type { BoardApplication, Bucket, BundleState, NonReadyResource } from './types';

/** An object as listed from the hub, with what ownership needs. */
export interface ArgoObject {
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    ownerReferences?: Array<{ kind: string; name: string; uid?: string }>;
  };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const time = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

/**
 * Messages Argo CD puts in an Application condition when it cannot reach or does not know the
 * destination cluster (cluster cache / kube client errors, "cluster … not found" from the
 * destination lookup). Anything else is an error of the Application itself.
 */
const UNREACHABLE =
  /(there are no clusters with this name|cluster .*(not found|does not exist|has not been configured)|unable to connect|connection refused|dial tcp|no such host|i\/o timeout|context deadline exceeded|the server has asked for the client to provide credentials|Unauthorized|failed to sync cluster|cluster is unreachable|network is unreachable|TLS handshake timeout)/i;

/** Applications of the ApplicationSet: owned by it (name, and uid when both sides have one). */
export function ownedBy(app: ArgoObject, appset: ArgoObject): boolean {
  return (app.metadata.ownerReferences ?? []).some(
    (o) => o.kind === 'ApplicationSet' && o.name === appset.metadata.name && (!o.uid || !appset.metadata.uid || o.uid === appset.metadata.uid) && (app.metadata.namespace === appset.metadata.namespace || (!!o.uid && o.uid === appset.metadata.uid)),
  );
}

/** `status.applicationStatus` as typed entries (malformed ones dropped). */
export function statusEntries(appset: ArgoObject): AppSetApplicationStatus[] {
  const list = appset.status?.applicationStatus;
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is Record<string, unknown> => isRecord(e) && typeof e.application === 'string' && e.application !== '').map((e) => ({
    application: e.application as string,
    status: str(e.status),
    step: str(e.step),
    message: str(e.message),
    lastTransitionTime: str(e.lastTransitionTime) || null,
    targetRevisions: Array.isArray(e.targetRevisions) ? e.targetRevisions.map(String) : null,
  }));
}

function automatedEnabled(app: ArgoObject): boolean {
  const automated = app.spec?.syncPolicy?.automated;
  return isRecord(automated) && automated.enabled !== false;
}

/** The Argo Rollouts Argo CD lists among the Application's resources, with their health (§5.10). */
function rolloutsOf(app: ArgoObject): BoardApplication['rollouts'] {
  const list = app.status?.resources;
  if (!Array.isArray(list)) return [];
  return list
    .filter((r) => isRecord(r) && r.kind === 'Rollout' && str(r.group) === 'argoproj.io')
    .map((r) => ({ namespace: str(r.namespace), name: str(r.name), health: str(r.health?.status) || 'Unknown', message: str(r.health?.message) }));
}

function nonReadyOf(app: ArgoObject): NonReadyResource[] {
  const list = app.status?.resources;
  if (!Array.isArray(list)) return [];
  return list
    .filter((r) => isRecord(r) && isRecord(r.health) && r.health.status !== 'Healthy')
    .map((r) => {
      const state = str(r.health.status);
      return { kind: str(r.kind), namespace: str(r.namespace), name: str(r.name), state, message: str(r.health.message), error: state === 'Degraded' };
    });
}

function offlineOf(app: ArgoObject, health: string, healthMessage: string): BoardApplication['offline'] {
  const conds: unknown[] = Array.isArray(app.status?.conditions) ? app.status.conditions : [];
  for (const c of conds) {
    if (!isRecord(c) || !/Error$/.test(str(c.type)) || !UNREACHABLE.test(str(c.message))) continue;
    return { reason: `${str(c.type)}: ${str(c.message)}`, since: time(c.lastTransitionTime) };
  }
  if (health === 'Unknown') return { reason: `health Unknown${healthMessage ? `: ${healthMessage}` : ''}`, since: time(app.status?.health?.lastTransitionTime) };
  return undefined;
}

function shortRevision(status: any): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const many: unknown[] = Array.isArray(status?.sync?.revisions) ? status.sync.revisions : [];
  const revs = many.length ? many.map(String) : str(status?.sync?.revision) ? [str(status.sync.revision)] : [];
  return revs.map((r) => (/^[0-9a-f]{12,}$/.test(r) ? r.slice(0, 8) : r)).join(', ');
}

/** What the board shows of one Application; `app` undefined when only the status entry names it. */
export function boardApplication(app: ArgoObject | undefined, entry: AppSetApplicationStatus | undefined): BoardApplication {
  const st = app?.status ?? {};
  const health = str(st.health?.status);
  const healthMessage = str(st.health?.message);
  const op = isRecord(st.operationState) ? st.operationState : undefined;
  const dest = isRecord(app?.spec?.destination) ? app!.spec.destination : {};
  const conds: unknown[] = Array.isArray(st.conditions) ? st.conditions : [];
  return {
    sync: str(st.sync?.status),
    health,
    healthMessage,
    progress: entry ? { status: entry.status, step: entry.step, message: entry.message ?? '', since: time(entry.lastTransitionTime) } : undefined,
    destination: { server: str(dest.server), name: str(dest.name), namespace: str(dest.namespace) },
    revision: shortRevision(st),
    operation: op ? { phase: str(op.phase), message: str(op.message) } : undefined,
    rollouts: app ? rolloutsOf(app) : [],
    autoSync: app ? automatedEnabled(app) : false,
    listed: !!app,
    offline: app ? offlineOf(app, health, healthMessage) : undefined,
    conditions: conds.filter(isRecord).map((c) => ({ type: str(c.type), message: str(c.message) })),
  };
}

/** The resources of the Application that are not Healthy (the drill-down's list). */
export { nonReadyOf as appNonReady };

/** A failed sync: the last operation failed, or Argo CD reports a SyncError. */
function syncFailed(a: BoardApplication): boolean {
  return a.operation?.phase === 'Failed' || a.operation?.phase === 'Error' || a.conditions.some((c) => c.type === 'SyncError');
}

/**
 * The bucket of an Application:
 * offline (destination unknown or unreachable, health Unknown) → error (Degraded, Missing, sync
 * failed) → by its progressive sync status: Pending/Progressing updating, Waiting waiting →
 * Healthy and Synced ready → health Progressing/Suspended updating → waiting.
 */
export function appBucket(a: BoardApplication): Bucket {
  if (a.offline) return 'offline';
  if (a.health === 'Degraded' || a.health === 'Missing' || syncFailed(a)) return 'error';
  const p = a.progress?.status;
  if (p === 'Pending' || p === 'Progressing') return 'updating';
  if (p === 'Waiting') return 'waiting';
  if (a.health === 'Healthy' && a.sync === 'Synced') return 'ready';
  if (!a.listed && p === 'Healthy') return 'ready';
  if (a.health === 'Progressing' || a.health === 'Suspended') return 'updating';
  return 'waiting';
}

/** The closest Fleet state, for code that reads `state` whatever the mode. */
export function closestState(a: BoardApplication, bucket: Bucket): BundleState {
  if (bucket === 'ready') return 'Ready';
  if (bucket === 'error') return a.health === 'Degraded' ? 'NotReady' : 'ErrApplied';
  if (a.sync === 'OutOfSync') return 'OutOfSync';
  if (a.progress?.status === 'Pending') return 'WaitApplied';
  if (a.health === 'Progressing' || a.health === 'Suspended') return 'NotReady';
  return 'Pending';
}

/** "Progressing (Rollout shop/web Suspended: Rollout is paused)", what a step's reason says of an Application. */
export function appShortState(a: BoardApplication): string {
  if (a.offline) return `offline (${a.offline.reason})`;
  const parts: string[] = [];
  if (a.health === 'Degraded' || a.health === 'Missing') parts.push(a.health);
  else if (syncFailed(a)) parts.push(`sync ${a.operation?.phase === 'Error' ? 'error' : 'failed'}`);
  else parts.push(a.progress?.status || (a.listed ? `${a.sync || 'sync unknown'}/${a.health || 'health unknown'}` : 'no status'));
  const rollout = a.rollouts.find((r) => r.health !== 'Healthy');
  const text = parts.join(', ');
  return rollout ? `${text}, Rollout ${rollout.namespace}/${rollout.name} ${rollout.health}${rollout.message ? `: ${rollout.message}` : ''}` : text;
}

/** A Rollout inside that keeps the Application from becoming Healthy by itself (paused, §5.10). */
export function suspendedRollout(a: BoardApplication): boolean {
  return a.rollouts.some((r) => r.health === 'Suspended');
}

/**
 * Per-Application progressive sync status (`status.applicationStatus[]`, fleet-argocd.md §5.6):
 * a port of UpdateApplicationSetApplicationStatus (applicationset/progressivesync/progressive_sync.go).
 * The comparison of the desired and the live Application spec (after ignoreApplicationDifferences)
 * is the caller's: pass its result as `specChanged`.
 */
import { getAppStep, type AppSetApplicationStatus } from './progressive-sync';

/** What the status transitions read of a live Application. */
export interface LiveApplication {
  name: string;
  /** status.health.status */
  health?: string;
  /** status.sync.status: Synced, OutOfSync, Unknown */
  sync?: string;
  /** ApplicationStatus.GetRevisions(): status.sync.revisions, else [status.sync.revision], else []. */
  revisions: string[];
  /** status.reconciledAt (RFC 3339) */
  reconciledAt?: string | null;
  /** status.operationState */
  operationState?: { phase?: string; startedAt?: string | null } | null;
  /** Types of status.conditions (InvalidSpecError and UnknownError matter here). */
  conditionTypes?: readonly string[];
}

export const MSG = {
  defaultWaiting: 'No Application status found, defaulting status to Waiting',
  revisionAndSpecChanged: 'Application has pending changes (revision and spec differ), setting status to Waiting',
  revisionChanged: 'Application has pending changes, setting status to Waiting',
  specChanged: 'Application has pending changes (spec differs), setting status to Waiting',
  syncedHealthy: 'Application resource has synced, updating status to Healthy',
  syncedProgressing: 'Application resource has synced, updating status to Progressing',
  pendingSucceeded: 'Application resource completed a sync successfully, updating status from Pending to Progressing',
  pendingCompleted: 'Application resource completed a sync, updating status from Pending to Progressing',
  pendingProgressing: 'Application resource became Progressing, updating status from Pending to Progressing',
  pendingError: 'Application resource has error and cannot sync, updating status to Progressing',
  becameHealthy: 'Application resource became Healthy, updating status from Progressing to Healthy',
} as const;

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** ApplicationStatus.GetRevisions. */
export function revisionsOf(status: unknown): string[] {
  const sync = obj(obj(status)?.sync);
  const many = strings(sync?.revisions);
  if (many.length > 0) return many;
  return typeof sync?.revision === 'string' && sync.revision !== '' ? [sync.revision] : [];
}

/** The LiveApplication view of an Application object as read from the cluster. */
export function liveApplicationOf(app: unknown): LiveApplication {
  const a = obj(app) ?? {};
  const metadata = obj(a.metadata) ?? {};
  const status = obj(a.status) ?? {};
  const op = obj(status.operationState);
  const conditions = Array.isArray(status.conditions) ? status.conditions : [];
  return {
    name: typeof metadata.name === 'string' ? metadata.name : '',
    health: obj(status.health)?.status as string | undefined,
    sync: obj(status.sync)?.status as string | undefined,
    revisions: revisionsOf(status),
    reconciledAt: typeof status.reconciledAt === 'string' ? status.reconciledAt : null,
    operationState: op ? { phase: op.phase as string | undefined, startedAt: (op.startedAt as string | undefined) ?? null } : null,
    conditionTypes: conditions.map((c) => obj(c)?.type).filter((t): t is string => typeof t === 'string'),
  };
}

/** reflect.DeepEqual on []string as decoded from JSON: a missing list (nil) differs from an empty one. */
function sameRevisions(a: readonly string[] | null | undefined, b: readonly string[]): boolean {
  if (a === null || a === undefined) return false;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function time(t: string | null | undefined): number {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
}

function hasError(app: LiveApplication): boolean {
  return (app.conditionTypes ?? []).some((t) => t === 'InvalidSpecError' || t === 'UnknownError');
}

export interface StatusUpdateOptions {
  /** RFC 3339 time written as lastTransitionTime of changed entries. */
  now: string;
  /** Whether the desired spec of the named Application differs from the live one (§5.6). Default: no. */
  specChanged?: (name: string) => boolean;
}

/**
 * The next status of one Application (§5.6). `current` is its entry in status.applicationStatus, if any.
 * Transitions, in upstream order:
 * 1. no entry → Waiting ("No Application status found…");
 * 2. revisions or spec changed → Waiting with the matching "pending changes" message;
 * 3. Waiting and Synced → Healthy when the Application is Healthy, else Progressing;
 * 4. otherwise, Pending (when reconciledAt is unset or after the entry's transition): an operation
 *    started after the transition → Progressing (message by phase), or an InvalidSpecError /
 *    UnknownError condition → Progressing;
 * 5. Progressing (as it was at the start) and Healthy + Synced → Healthy.
 */
export function nextApplicationStatus(current: AppSetApplicationStatus | undefined, app: LiveApplication, stepMap: ReadonlyMap<string, number>, opts: StatusUpdateOptions): AppSetApplicationStatus {
  const now = opts.now;
  const cur: AppSetApplicationStatus = current ?? {
    application: app.name,
    targetRevisions: [...app.revisions],
    lastTransitionTime: now,
    message: MSG.defaultWaiting,
    status: 'Waiting',
    step: String(getAppStep(app.name, stepMap)),
  };
  const next: AppSetApplicationStatus = { ...cur, targetRevisions: cur.targetRevisions ? [...cur.targetRevisions] : cur.targetRevisions };
  next.step = String(getAppStep(next.application, stepMap));

  const revisionsChanged = !sameRevisions(cur.targetRevisions, app.revisions);
  const specChanged = opts.specChanged?.(app.name) ?? false;
  if (revisionsChanged || specChanged) {
    next.targetRevisions = [...app.revisions];
    next.message = revisionsChanged && specChanged ? MSG.revisionAndSpecChanged : revisionsChanged ? MSG.revisionChanged : MSG.specChanged;
    next.status = 'Waiting';
    next.lastTransitionTime = now;
  }

  if (next.status === 'Waiting') {
    if (app.sync === 'Synced') {
      next.lastTransitionTime = now;
      if (app.health === 'Healthy') {
        next.status = 'Healthy';
        next.message = MSG.syncedHealthy;
      } else {
        next.status = 'Progressing';
        next.message = MSG.syncedProgressing;
      }
    }
    return next;
  }

  if (cur.status === 'Pending') {
    const fresh = !app.reconciledAt || (next.lastTransitionTime != null && time(app.reconciledAt) > time(next.lastTransitionTime));
    if (fresh) {
      const op = app.operationState;
      if (op && time(op.startedAt) > time(cur.lastTransitionTime)) {
        next.lastTransitionTime = now;
        next.status = 'Progressing';
        next.message = op.phase === 'Succeeded' ? MSG.pendingSucceeded : op.phase === 'Failed' || op.phase === 'Error' ? MSG.pendingCompleted : MSG.pendingProgressing;
      } else if (hasError(app)) {
        next.lastTransitionTime = now;
        next.status = 'Progressing';
        next.message = MSG.pendingError;
      }
    }
  }
  if (cur.status === 'Progressing' && app.health === 'Healthy' && app.sync === 'Synced') {
    next.lastTransitionTime = now;
    next.status = 'Healthy';
    next.message = MSG.becameHealthy;
  }
  return next;
}

/**
 * UpdateApplicationSetApplicationStatus: one entry per current Application, in the order given;
 * entries of Applications that no longer exist are dropped.
 */
export function updateApplicationStatuses(statuses: readonly AppSetApplicationStatus[], apps: readonly LiveApplication[], stepMap: ReadonlyMap<string, number>, opts: StatusUpdateOptions): AppSetApplicationStatus[] {
  return apps.map((app) =>
    nextApplicationStatus(
      statuses.find((s) => s.application === app.name),
      app,
      stepMap,
      opts,
    ),
  );
}

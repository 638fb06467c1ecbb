/**
 * One line about a watched context's connection, from the state of its informers: connecting,
 * ok, reconnecting (with how long since the last sync), or what failed in words a user can act on.
 */
import { humanDuration } from '../../../server/src/semantics/status';

/** The part of `ClusterSession.health()` the model reads. */
export interface HealthInput {
  context: string;
  resources: Array<{ resource: string; state: string; error?: { kind: string; message: string }; lastSyncAt?: number }>;
}

export type HealthState = 'connecting' | 'ok' | 'reconnecting' | 'unreachable' | 'unauthorized' | 'forbidden' | 'crdMissing' | 'error';

export interface ContextHealthSummary {
  state: HealthState;
  /** Short, for the row's description: `connecting…`, `unreachable`, `reconnecting · last sync 2m ago`. */
  label: string;
  /** The errors in full, one per failing resource (messages of client/src/kube/errors.ts). */
  problems: string[];
  /** Undefined until the first successful list. */
  lastSyncAt?: number;
  /** Objects may be shown (the cache has data) even when not `ok`. */
  hasData: boolean;
}

const ERROR_STATE: Record<string, HealthState> = {
  unreachable: 'unreachable',
  tls: 'unreachable',
  timeout: 'unreachable',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'crdMissing',
};

/**
 * The informers whose missing CRD means "Argo Rollouts not installed". The Fleet and Argo CD
 * informers (live inventory, wave board) also run on workload clusters, where those CRDs are
 * normally absent: their "not installed" says nothing about the context's health.
 */
const ROLLOUTS_RESOURCES = new Set(['rollouts', 'analysisRuns', 'experiments']);

/** Worse first: the row shows the worst state of the context's informers. */
const SEVERITY: HealthState[] = ['unauthorized', 'unreachable', 'crdMissing', 'forbidden', 'error', 'reconnecting', 'connecting', 'ok'];

export function contextHealth(input: HealthInput, now: number): ContextHealthSummary {
  if (input.resources.length === 0) return { state: 'connecting', label: 'connecting…', problems: [], hasData: false };
  let worst: HealthState = 'ok';
  const problems: string[] = [];
  let lastSyncAt: number | undefined;
  let hasData = false;
  for (const r of input.resources) {
    if (r.error?.kind === 'notFound' && !ROLLOUTS_RESOURCES.has(r.resource)) continue;
    if (r.lastSyncAt !== undefined) {
      hasData = true;
      lastSyncAt = lastSyncAt === undefined ? r.lastSyncAt : Math.min(lastSyncAt, r.lastSyncAt);
    }
    let state: HealthState;
    if (r.state === 'synced') state = 'ok';
    else if (r.state === 'starting') state = 'connecting';
    else if (r.error) {
      const kind = ERROR_STATE[r.error.kind] ?? 'error';
      // A dropped connection with a cache is "reconnecting"; a missing CRD or a denial is not.
      state = r.state === 'reconnecting' && (kind === 'unreachable' || kind === 'error') ? 'reconnecting' : kind;
      if (!problems.includes(r.error.message)) problems.push(r.error.message);
    } else state = r.state === 'reconnecting' ? 'reconnecting' : 'ok';
    if (SEVERITY.indexOf(state) < SEVERITY.indexOf(worst)) worst = state;
  }
  const since = lastSyncAt !== undefined ? `last sync ${humanDuration(Math.max(0, now - lastSyncAt))} ago` : 'never synced';
  const label: Record<HealthState, string> = {
    ok: 'connected',
    connecting: 'connecting…',
    reconnecting: `reconnecting · ${since}`,
    unreachable: hasData ? `unreachable · ${since}` : 'unreachable',
    unauthorized: 'credentials rejected',
    forbidden: 'forbidden',
    crdMissing: 'Argo Rollouts not installed',
    error: 'error',
  };
  return { state: worst, label: label[worst], problems, lastSyncAt, hasData };
}

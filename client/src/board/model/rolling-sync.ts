/**
 * The wave board of an Argo CD ApplicationSet with a RollingSync strategy (fleet-argocd.md §5),
 * from hub snapshots. Waves are the RollingSync steps in order, members the Applications of each
 * step (one row per Application, see ./rolling-sync-apps).
 *
 * 1. Applications: those the ApplicationSet owns, plus any its `status.applicationStatus` names
 *    that cannot be read (the controller drops entries of deleted Applications, §5.6, so an entry
 *    means the Application existed at its last reconcile).
 * 2. Steps: `buildAppDependencyList` on the live labels (§5.3); an Application known only from the
 *    status keeps the step the controller wrote.
 * 3. Where the rollout stands: `rolloutView` (§5.7) on the status entries, the step reasons built
 *    from it, and one reconcile of the controller simulated (§5.6 transitions, §5.7 getAppsToSync,
 *    §5.5 maxUpdate) to say which Waiting Applications it moves to Pending next.
 */
import {
  buildAppDependencyList,
  conditionMessage,
  expressionsOf,
  getAppsToSync,
  hasIssues,
  intOrStringText,
  liveApplicationOf,
  rolloutView,
  rollingSyncStrategyEnabled,
  strategyOf,
  updateApplicationStatuses,
  updateApplicationStatusProgress,
  valuesOf,
  type AppSetApplicationStatus,
  type RolloutStep,
  type StepView,
} from '../../../../server/src/semantics/argocd';
import { appBucket, appNonReady, appShortState, boardApplication, closestState, ownedBy, statusEntries, suspendedRollout, type ArgoObject } from './rolling-sync-apps';
import { emptyCounts, type BoardCluster, type RollingSyncGates, type Wave, type WaveBoard } from './types';

export type { ArgoObject } from './rolling-sync-apps';

export interface RollingSyncSnapshot {
  context: string;
  applicationSets: readonly ArgoObject[];
  applications: readonly ArgoObject[];
}

export interface RollingSyncBoardOptions {
  /** ms since the epoch the board is built at. */
  now: number;
  /** Set when the hub's Applications cannot be listed (e.g. their CRD is missing or access is denied). */
  applicationsError?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const plural = (n: number, word = 'Application'): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "tier In (standard, critical), region NotIn (eu)" — a step named by its matchExpressions. */
export function stepName(step: RolloutStep | undefined): string {
  const exprs = expressionsOf(step);
  if (exprs.length === 0) return 'every Application';
  return exprs.map((e) => `${str(e.key) || '?'} ${str(e.operator) || '?'} (${valuesOf(e).join(', ')})`).join(', ');
}

export function findApplicationSet(snapshot: RollingSyncSnapshot, namespace: string, name: string): ArgoObject | undefined {
  return snapshot.applicationSets.find((a) => a.metadata.name === name && (a.metadata.namespace ?? '') === namespace);
}

/** "a Progressing, b Waiting and 2 more" (without `describe`: "a, b and 2 more"). */
function listed(names: string[], describe?: (n: string) => string, max = 3): string {
  const shown = names.slice(0, max).map((n) => (describe ? `${n} ${describe(n)}` : n)).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** The wave board of ApplicationSet `namespace/name`, or undefined when the hub does not list it. */
export function buildRollingSyncBoard(snapshot: RollingSyncSnapshot, namespace: string, name: string, options: RollingSyncBoardOptions): WaveBoard | undefined {
  const appset = findApplicationSet(snapshot, namespace, name);
  if (!appset) return undefined;
  const now = options.now;
  const problems: string[] = [];
  const strategy = strategyOf(appset);
  const steps: readonly RolloutStep[] = rollingSyncStrategyEnabled(strategy) ? strategy!.rollingSync!.steps! : [];
  const entries = statusEntries(appset);
  const entryOf = new Map<string, AppSetApplicationStatus>();
  for (const e of entries) if (!entryOf.has(e.application)) entryOf.set(e.application, e);

  // 1. Applications.
  const listedOk = options.applicationsError === undefined;
  if (!listedOk) problems.push(`Applications cannot be listed (${options.applicationsError}): the board shows the ApplicationSet's status.applicationStatus only.`);
  const live = listedOk ? snapshot.applications.filter((a) => ownedBy(a, appset)) : [];
  const liveByName = new Map(live.map((a) => [a.metadata.name, a]));
  const statusOnly = entries.map((e) => e.application).filter((a) => !liveByName.has(a));
  if (listedOk && statusOnly.length) problems.push(`status.applicationStatus names ${statusOnly.join(', ')} but the hub lists no such Application of this ApplicationSet (deleted since the controller's last reconcile?)`);
  const names = [...new Set([...live.map((a) => a.metadata.name), ...statusOnly])].sort();

  // 2. Steps.
  const deps = buildAppDependencyList(strategy, live.map((a) => ({ name: a.metadata.name, labels: a.metadata.labels ?? {} })));
  const list = steps.map((_, i) => [...(deps.list[i] ?? [])]);
  const stepMap = new Map(deps.stepMap);
  for (const a of statusOnly) {
    const s = Number(entryOf.get(a)?.step);
    if (Number.isInteger(s) && s >= 1 && s <= steps.length) {
      list[s - 1].push(a);
      stepMap.set(a, s - 1);
    }
  }
  if (hasIssues(deps.issues) && live.length > 0) problems.push(`InvalidRolloutConfig: ${conditionMessage(deps.issues)}`);
  for (const a of live) {
    const written = entryOf.get(a.metadata.name)?.step;
    const computed = String(stepMap.has(a.metadata.name) ? stepMap.get(a.metadata.name)! + 1 : -1);
    if (written !== undefined && written !== computed) problems.push(`${a.metadata.name}: the controller's status puts it in step ${written}, its labels select step ${computed} (not reconciled since the labels or steps changed?)`);
  }

  // Rows.
  const clusters: BoardCluster[] = names.map((n) => {
    const obj = liveByName.get(n);
    const app = boardApplication(obj, entryOf.get(n));
    const bucket = appBucket(app);
    const healthy = app.progress?.status === 'Healthy';
    const reconciled = obj ? Date.parse(str(obj.status?.reconciledAt)) : NaN;
    return {
      name: n,
      namespace: obj?.metadata.namespace ?? namespace,
      labels: { ...(obj?.metadata.labels ?? {}) },
      state: closestState(app, bucket),
      bucket,
      upToDate: healthy,
      unavailable: !healthy,
      waves: [],
      lastSeen: Number.isFinite(reconciled) ? reconciled : undefined,
      offline: !!app.offline,
      unknown: !!app.offline && app.offline.since === undefined,
      paused: false,
      message: app.progress?.message || app.healthMessage || app.conditions[0]?.message || '',
      nonReady: obj ? appNonReady(obj) : [],
      app,
    };
  });
  const index = new Map(names.map((n, i) => [n, i]));

  // 3. Where it stands, and the controller's next reconcile.
  const currentApps = names;
  const view = rolloutView(steps, { list, stepMap }, entries, currentApps);
  const nextPending = simulateNextPending(strategy, entries, live, statusOnly, list, stepMap, now);

  const waves: Wave[] = view.steps.map((sv) => {
    const members = sv.applications.map((a) => index.get(a)!).filter((i) => i !== undefined);
    for (const m of members) clusters[m].waves.push(sv.index);
    const counts = emptyCounts();
    for (const m of members) counts[clusters[m].bucket]++;
    const mu = steps[sv.index]?.maxUpdate;
    const moves = sv.applications.filter((a) => nextPending.has(a));
    return {
      index: sv.index,
      name: stepName(steps[sv.index]),
      members,
      count: members.length,
      maxUnavailable: sv.maxUpdate ?? members.length,
      unavailable: members.length - sv.healthy,
      counts,
      offline: members.filter((m) => clusters[m].offline).length,
      phase: 'waiting',
      reason: '',
      holders: [],
      rollingSync: { state: sv.state, maxUpdate: mu === undefined || mu === null ? '' : intOrStringText(mu), limit: sv.maxUpdate, updating: sv.updating, healthy: sv.healthy, nextPending: moves },
    };
  });
  for (const w of waves) explainStep(w, view.steps, clusters);

  const counts = emptyCounts();
  for (const c of clusters) counts[c.bucket]++;
  const all = clusters.map((_, i) => i);
  const since = (i: number): number => clusters[i].app?.offline?.since ?? 0;
  const offline = all.filter((i) => clusters[i].offline).sort((a, b) => since(a) - since(b));
  const excluded = steps.length ? all.filter((i) => clusters[i].waves.length === 0) : [];
  const multi = all.filter((i) => clusters[i].waves.length > 1);
  const autoSyncEnabled = all.filter((i) => clusters[i].app!.autoSync);
  const gates: RollingSyncGates = {
    currentStep: view.currentStep ?? firstUnfinished(waves),
    conditions: (Array.isArray(appset.status?.conditions) ? appset.status.conditions : []).filter(isRecord).map((c: Record<string, unknown>) => ({ type: str(c.type), status: str(c.status), reason: str(c.reason), message: str(c.message) })),
    autoSyncDisabled: live.length - autoSyncEnabled.length,
    autoSyncEnabled,
    deletionOrder: str(strategy?.deletionOrder) || 'AllAtOnce',
    statusEntries: entries.length,
    applicationsListed: listedOk,
  };
  for (const c of gates.conditions) if ((c.type === 'ErrorOccurred' && c.status === 'True') || (c.type === 'ResourcesUpToDate' && c.status === 'False')) problems.push(`${c.type}: ${c.message}`);
  const reported = gates.conditions.find((c) => c.type === 'RolloutProgressing' && c.status === 'True')?.message.match(/step (\d+)/)?.[1];
  if (reported && view.currentStep !== undefined && Number(reported) !== view.currentStep) problems.push(`The controller's RolloutProgressing condition names step ${reported}, the status entries say step ${view.currentStep}`);

  return {
    mode: 'rollingSync',
    context: snapshot.context,
    subject: { kind: 'ApplicationSet', namespace, name, paused: false, revision: str(appset.spec?.template?.spec?.source?.targetRevision) || undefined },
    at: now,
    waves,
    clusters,
    counts,
    offlineThresholdMs: 0,
    offline,
    excluded,
    multi,
    next: overall(appset, steps.length, waves, clusters, excluded, autoSyncEnabled, live.length),
    rollingSync: gates,
    problems,
    siblings: snapshot.applicationSets
      .filter((a) => (a.metadata.namespace ?? '') === namespace && rollingSyncStrategyEnabled(strategyOf(a)))
      .map((a) => a.metadata.name)
      .sort(),
  };
}

/**
 * Which Applications the controller's next reconcile moves from Waiting to Pending: its §5.6
 * transitions on the live Applications (entries of Applications it cannot see are kept as they
 * are), then getAppsToSync and the maxUpdate progress (§5.7, §5.5).
 */
function simulateNextPending(
  strategy: ReturnType<typeof strategyOf>,
  entries: AppSetApplicationStatus[],
  live: readonly ArgoObject[],
  statusOnly: string[],
  list: string[][],
  stepMap: ReadonlyMap<string, number>,
  now: number,
): Set<string> {
  const at = new Date(now).toISOString();
  const updated = updateApplicationStatuses(entries, live.map(liveApplicationOf), stepMap, { now: at });
  const kept = entries.filter((e) => statusOnly.includes(e.application));
  const statuses = [...updated, ...kept];
  const names = [...live.map((a) => a.metadata.name), ...statusOnly];
  const allowed = getAppsToSync(list, statuses, names);
  const { statuses: after } = updateApplicationStatusProgress(strategy, statuses, allowed, stepMap, at);
  const before = new Map(statuses.map((s) => [s.application, s.status]));
  return new Set(after.filter((s) => s.status === 'Pending' && before.get(s.application) === 'Waiting').map((s) => s.application));
}

function firstUnfinished(waves: Wave[]): number | undefined {
  const w = waves.find((x) => x.phase !== 'done' && x.phase !== 'empty');
  return w ? w.index + 1 : undefined;
}

/** The phase, reason and holders of one step, in the user's words. */
function explainStep(w: Wave, views: StepView[], clusters: BoardCluster[]): void {
  const sv = views[w.index];
  const rs = w.rollingSync!;
  const app = (n: string) => clusters.find((c) => c.name === n)!;
  const describe = (n: string) => appShortState(app(n).app!);
  const notHealthy = sv.applications.filter((a) => app(a).app!.progress?.status !== 'Healthy');
  const rank = (n: string) => (app(n).offline ? 0 : app(n).bucket === 'error' ? 1 : 2);
  const holders = [...notHealthy].sort((a, b) => rank(a) - rank(b));
  w.holders = holders.slice(0, 20).map((n) => clusters.indexOf(app(n)));
  const stuck = (n: string) => app(n).offline || app(n).bucket === 'error' || suspendedRollout(app(n).app!);
  const moves = rs.nextPending.length ? `; the controller's next reconcile moves ${listed(rs.nextPending, undefined, 5)} to Pending and syncs ${rs.nextPending.length === 1 ? 'it' : 'them'}` : '';
  const notHealthyText = `${notHealthy.length} of ${plural(sv.applications.length)} not Healthy (${listed(holders, describe)})`;
  w.next = { processed: sv.state !== 'queued', promote: rs.nextPending.length, heldByBundleGate: 0, heldByWaveGate: 0, paused: 0, noDeployment: 0 };

  if (sv.applications.length === 0) {
    w.phase = 'empty';
    w.reason = `no Application matches ${w.name}; an empty step counts as complete`;
  } else if (sv.state === 'complete') {
    w.phase = 'done';
    w.reason = `all ${plural(sv.applications.length)} Healthy`;
  } else if (sv.state === 'queued') {
    w.phase = 'waiting';
    const first = views.find((v) => v.index < sv.index && v.state !== 'complete');
    const blockers = first ? first.applications.filter((a) => app(a).app!.progress?.status !== 'Healthy').sort((a, b) => rank(a) - rank(b)) : [];
    w.reason = first
      ? `waits for step ${first.index + 1}: ${blockers.length} of ${plural(first.applications.length)} not Healthy (${listed(blockers, describe)})`
      : 'waits for an earlier step';
    const moving = sv.applications.filter((a) => app(a).bucket === 'updating');
    if (moving.length) w.reason += `; ${plural(moving.length)} of this step already updating (synced by hand?)`;
  } else {
    const waiting = notHealthy.filter((a) => app(a).app!.progress?.status === 'Waiting');
    const updating = notHealthy.filter((a) => ['Pending', 'Progressing'].includes(app(a).app!.progress?.status ?? ''));
    w.next.heldByWaveGate = waiting.length - rs.nextPending.length;
    if (waiting.length && rs.limit !== undefined && rs.limit <= 0) {
      w.phase = 'blocked';
      w.reason = `maxUpdate ${rs.maxUpdate} allows no automatic sync: ${plural(waiting.length)} Waiting must be synced by hand (${listed(waiting)})`;
    } else if (notHealthy.every(stuck) && rs.nextPending.length === 0) {
      w.phase = 'blocked';
      const paused = notHealthy.filter((n) => suspendedRollout(app(n).app!) && !app(n).offline && app(n).bucket !== 'error');
      w.reason = `${notHealthyText}; none becomes Healthy by itself${paused.length ? ` (promote the paused Rollout${paused.length === 1 ? '' : 's'})` : ''}`;
    } else if (waiting.length && rs.limit !== undefined && updating.length >= rs.limit) {
      // The queue moves only when an updating Application becomes Healthy: not by itself when each is stuck.
      const jammed = updating.every(stuck);
      w.phase = jammed ? 'blocked' : 'progressing';
      const byStatus = ['Pending', 'Progressing'].map((s) => [s, updating.filter((a) => app(a).app!.progress?.status === s).length] as const).filter(([, n]) => n > 0);
      w.reason = `maxUpdate ${rs.maxUpdate} reached: ${byStatus.map(([s, n]) => `${plural(n)} ${s}`).join(', ')} (${listed(updating, describe)}); ${waiting.length} Waiting queue behind`;
      if (jammed) w.reason += updating.some((n) => suspendedRollout(app(n).app!)) ? '; nothing moves until the paused Rollout is promoted' : '; nothing moves until they become Healthy';
    } else {
      w.phase = 'progressing';
      w.reason = notHealthyText + moves;
    }
  }
}

function overall(appset: ArgoObject, stepCount: number, waves: Wave[], clusters: BoardCluster[], excluded: number[], autoSyncEnabled: number[], liveCount: number): string {
  let next: string;
  if (stepCount === 0) {
    const type = str(appset.spec?.strategy?.type);
    next = `This ApplicationSet does not use RollingSync (${type ? `strategy type "${type}"` : 'no strategy'}${type === 'RollingSync' ? ' without steps' : ''}): the controller syncs every Application at once.`;
  } else if (waves.every((w) => w.phase === 'done' || w.phase === 'empty')) {
    next = `Rolled out: every step's Applications are Healthy.`;
  } else {
    const active = waves.filter((w) => w.rollingSync!.state === 'active');
    const queued = waves.filter((w) => w.phase === 'waiting');
    next = active.map((w) => `Step ${w.index + 1} (${w.name}) is ${w.phase === 'blocked' ? 'stuck' : 'rolling out'}: ${w.reason}.`).join(' ');
    if (queued.length) next += ` ${queued.length === 1 ? 'Step' : 'Steps'} ${queued.map((w) => w.index + 1).join(', ')} ${queued.length === 1 ? 'waits' : 'wait'} for it.`;
  }
  if (excluded.length && stepCount) next += ` ${plural(excluded.length)} in no step: the controller never syncs ${excluded.length === 1 ? 'it' : 'them'} (${excluded.slice(0, 3).map((i) => clusters[i].name).join(', ')}${excluded.length > 3 ? ', …' : ''}).`;
  if (stepCount && liveCount && autoSyncEnabled.length === liveCount) next += ' Automated sync is still enabled on every Application: progressive syncs may be disabled on the ApplicationSet controller (--enable-progressive-syncs).';
  return next.trim();
}

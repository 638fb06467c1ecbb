/**
 * Where a RollingSync stands and why a step waits (fleet-argocd.md §5.7), for the wave board:
 * derived from the same functions the controller runs (getAppsToSync, maxUpdate), not a second
 * reading of the status. Explanatory texts are ours; upstream writes only the conditions.
 */
import { getAppsToSync, maxUpdateLimit, type AppDependencyList, type AppSetApplicationStatus, type RolloutStep } from './progressive-sync';
import { intOrStringText } from './validation-issues';

export type StepState = 'complete' | 'active' | 'queued';

export interface BlockingApp {
  application: string;
  /** Why this Application keeps its step from completing. */
  reason: string;
}

export interface StepView {
  /** 0-based */
  index: number;
  applications: string[];
  healthy: number;
  /** complete: every Application Healthy (or none); active: allowed to sync, not complete; queued: an earlier step is not complete. */
  state: StepState;
  /** Pending + Progressing, the count maxUpdate limits. */
  updating: number;
  /** Effective maxUpdate for this step's size; undefined = no limit. */
  maxUpdate: number | undefined;
  /** For an active step: the Applications it waits for. */
  blocking: BlockingApp[];
  /** One sentence: why the step is not complete (empty when complete). */
  reason: string;
}

export interface RolloutView {
  steps: StepView[];
  /** Applications in no step (`step: "-1"`): never synced by the controller. */
  excluded: string[];
  /** The step the RolloutProgressing condition names (1-based), or undefined when complete. */
  currentStep: number | undefined;
}

function whyNotHealthy(name: string, status: AppSetApplicationStatus | undefined, exists: boolean): string {
  if (!exists) return 'the Application does not exist yet';
  if (!status) return 'no progressive sync status yet (the controller has not reconciled it)';
  switch (status.status) {
    case 'Waiting':
      return 'Waiting: it has pending changes and is not yet allowed to sync (or maxUpdate holds it)';
    case 'Pending':
      return 'Pending: a sync was requested; waiting for the sync operation to start';
    case 'Progressing':
      return 'Progressing: synced, waiting for the Application to be Healthy (a paused or degraded Rollout inside keeps it here)';
    default:
      return `status ${status.status}`;
  }
}

/**
 * The steps of a RollingSync as the controller sees them now. `deps` is buildAppDependencyList on
 * the generated Applications, `currentApps` are the names of the Applications that exist,
 * `statuses` is status.applicationStatus.
 */
export function rolloutView(steps: readonly RolloutStep[], deps: Pick<AppDependencyList, 'list' | 'stepMap'>, statuses: readonly AppSetApplicationStatus[], currentApps: readonly string[]): RolloutView {
  const dependencyList = deps.list;
  const stepOf = (name: string) => deps.stepMap.get(name) ?? 0;
  const allowed = getAppsToSync(dependencyList, statuses, currentApps);
  const exists = new Set(currentApps);
  const byName = new Map<string, AppSetApplicationStatus>();
  for (const s of statuses) if (!byName.has(s.application)) byName.set(s.application, s);
  const inSomeStep = new Set(dependencyList.flat());
  let earlierIncomplete: number | undefined;
  const views: StepView[] = dependencyList.map((apps, index) => {
    const healthy = apps.filter((a) => exists.has(a) && byName.get(a)?.status === 'Healthy').length;
    const complete = healthy === apps.length;
    const opened = apps.length === 0 || apps.every((a) => allowed.has(a));
    const state: StepState = complete ? 'complete' : opened && earlierIncomplete === undefined ? 'active' : 'queued';
    // maxUpdate counts the status entries the step map puts in this step; unassigned ones count in step 1 (§5.5).
    const entries = statuses.filter((s) => stepOf(s.application) === index);
    const updating = entries.filter((s) => s.status === 'Pending' || s.status === 'Progressing').length;
    const limit = maxUpdateLimit(steps[index]?.maxUpdate, entries.length).limit;
    const blocking = state === 'active' ? apps.filter((a) => !(exists.has(a) && byName.get(a)?.status === 'Healthy')).map((a) => ({ application: a, reason: whyNotHealthy(a, byName.get(a), exists.has(a)) })) : [];
    let reason = '';
    if (state === 'queued') {
      reason = `Waits for step ${(earlierIncomplete ?? 0) + 1}: every Application of a step must be Healthy before the next step may sync.`;
    } else if (state === 'active') {
      const waiting = blocking.filter((b) => byName.get(b.application)?.status === 'Waiting').length;
      if (waiting > 0 && limit !== undefined && updating >= limit) {
        const mu = steps[index]?.maxUpdate;
        reason =
          limit <= 0
            ? `maxUpdate ${mu === undefined || mu === null ? '' : intOrStringText(mu)} allows no automatic sync in this step: ${waiting} Waiting Application(s) must be synced manually.`
            : `maxUpdate allows ${limit} Application(s) updating at once and ${updating} are: ${waiting} Waiting Application(s) queue behind them.`;
      } else {
        reason = `${apps.length - healthy} of ${apps.length} Application(s) not Healthy yet.`;
      }
    }
    if (!complete && earlierIncomplete === undefined) earlierIncomplete = index;
    return { index, applications: [...apps], healthy, state, updating, maxUpdate: limit, blocking, reason };
  });
  const excluded = [...new Set([...currentApps, ...statuses.map((s) => s.application)])].filter((a) => !inSomeStep.has(a));
  // RolloutProgressing names the first step whose status entries are not all Healthy (§5.7).
  let currentStep: number | undefined;
  for (let i = 0; i < steps.length && currentStep === undefined; i++) {
    const entries = statuses.filter((s) => s.step === String(i + 1));
    if (entries.length > 0 && entries.some((s) => s.status !== 'Healthy')) currentStep = i + 1;
  }
  return { steps: views, excluded, currentStep };
}

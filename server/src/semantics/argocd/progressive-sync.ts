/**
 * Argo CD ApplicationSet progressive sync (RollingSync), ported from
 * applicationset/progressivesync/progressive_sync.go at the commit cited in fleet-argocd.md §5.
 * Pure functions over plain data: the language server uses them on manifests, the wave board on
 * live objects. Step indices are 0-based unless a name says otherwise; `status.applicationStatus[].step`
 * is the 1-based string upstream writes ("-1" for an Application in no step).
 */
import { conditionMessage, emptyIssues, hasIssues, type IntOrString, type InvalidMaxUpdate, type ValidationIssues } from './validation-issues';

export interface MatchExpression {
  key?: string;
  operator?: string;
  values?: readonly unknown[] | null;
}

export interface RolloutStep {
  matchExpressions?: readonly MatchExpression[] | null;
  maxUpdate?: IntOrString | null;
}

export interface Strategy {
  type?: string;
  deletionOrder?: string;
  rollingSync?: { steps?: readonly RolloutStep[] | null } | null;
}

/** What the step assignment reads of an Application: its name and labels. */
export interface LabeledApp {
  name: string;
  labels?: Readonly<Record<string, string>> | null;
}

export const ROLLING_SYNC = 'RollingSync';
export const ALL_AT_ONCE = 'AllAtOnce';
export const REVERSE = 'Reverse';

/** The strategy of an ApplicationSet object (`spec.strategy`), or undefined. */
export function strategyOf(appset: unknown): Strategy | undefined {
  const spec = isObj(appset) ? appset.spec : undefined;
  const strategy = isObj(spec) ? spec.strategy : undefined;
  return isObj(strategy) ? (strategy as Strategy) : undefined;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The matchExpressions of a step as a list of objects, whatever the YAML held. */
export function expressionsOf(step: RolloutStep | null | undefined): MatchExpression[] {
  const list = step?.matchExpressions;
  return Array.isArray(list) ? list.map((e) => (isObj(e) ? (e as MatchExpression) : {})) : [];
}

/** The values of an expression as label-value strings (the CRD declares []string). */
export function valuesOf(e: MatchExpression): string[] {
  return Array.isArray(e.values) ? e.values.map(asLabelValue) : [];
}

function stepsOf(strategy: Strategy | null | undefined): readonly RolloutStep[] {
  const steps = strategy?.rollingSync?.steps;
  return Array.isArray(steps) ? steps : [];
}

/** IsRollingSyncStrategy: `type` is exactly "RollingSync" (case-sensitive) and a `rollingSync` block exists. §5.2 */
export function isRollingSyncStrategy(strategy: Strategy | null | undefined): boolean {
  return !!strategy && strategy.type === ROLLING_SYNC && strategy.rollingSync !== undefined && strategy.rollingSync !== null;
}

/** RollingSyncStrategyEnabled: a RollingSync strategy with at least one step. §5.2 */
export function rollingSyncStrategyEnabled(strategy: Strategy | null | undefined): boolean {
  return isRollingSyncStrategy(strategy) && stepsOf(strategy).length > 0;
}

/** IsStepsEmpty, checked by the controller only for a RollingSync strategy: `No steps defined for rollout`. §5.2 */
export function isStepsEmpty(strategy: Strategy | null | undefined): boolean {
  return stepsOf(strategy).length === 0;
}

/** IsDeletionOrderReversed: RollingSync enabled and deletionOrder equal to "Reverse" ignoring case. §5.9 */
export function isDeletionOrderReversed(strategy: Strategy | null | undefined): boolean {
  return rollingSyncStrategyEnabled(strategy) && typeof strategy?.deletionOrder === 'string' && equalFold(strategy.deletionOrder, REVERSE);
}

/** Go's strings.EqualFold for the ASCII words involved here (Unicode simple folding otherwise). */
export function equalFold(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b.toLowerCase() && a.toUpperCase() === b.toUpperCase();
}

/** Text of the message a YAML value would print as a Go string (values are []string in the CRD). */
function asLabelValue(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

export interface ExpressionMatch {
  matched: boolean;
  /** Set when the operator is neither `In` nor `NotIn`. */
  invalidOperator?: string;
}

/**
 * labelMatchedExpression: how one expression judges an Application that HAS the key. `In` matches
 * when the value is listed, `NotIn` when it is not; any other operator is invalid and never matches.
 */
export function labelMatchedExpression(value: string, e: MatchExpression): ExpressionMatch {
  const op = e.operator ?? '';
  if (op !== 'In' && op !== 'NotIn') return { matched: false, invalidOperator: op };
  const listed = valuesOf(e).includes(value);
  return { matched: op === 'In' ? listed : !listed };
}

export interface AppDependencyList {
  /** For each step, the names of the Applications it selects, in input order (an Application may be in several). */
  list: string[][];
  /** Application name → the first step that selected it. */
  stepMap: Map<string, number>;
  issues: ValidationIssues;
}

/**
 * buildAppDependencyList (§5.3): assigns generated Applications to steps by their labels.
 * For every Application and every step, the step's expressions are evaluated in order:
 * - the Application has the key: `In`/`NotIn` decide; another operator is recorded once per
 *   (step, operator) as an invalid operator and the step does not select the Application;
 * - the Application lacks the key: an `In` expression fails, anything else (NotIn, and ANY
 *   unsupported operator) passes.
 * A step with no expressions selects everything. An Application selected by several steps is
 * listed in each, keeps the first as its step, and is recorded as a duplicate selection.
 * Steps selecting nothing are recorded as empty. Without a strategy, with `type` empty or
 * "AllAtOnce", the result is empty and nothing is recorded; another non-RollingSync type, or
 * RollingSync without steps, gives no steps.
 */
export function buildAppDependencyList(strategy: Strategy | null | undefined, apps: readonly LabeledApp[]): AppDependencyList {
  const issues = emptyIssues();
  const stepMap = new Map<string, number>();
  if (!strategy || !strategy.type || strategy.type === ALL_AT_ONCE) return { list: [], stepMap, issues };
  const steps = rollingSyncStrategyEnabled(strategy) ? stepsOf(strategy) : [];
  const list: string[][] = steps.map(() => []);

  for (const app of apps) {
    const labels = app.labels ?? {};
    steps.forEach((step, i) => {
      let selected = true;
      for (const e of expressionsOf(step)) {
        const key = typeof e.key === 'string' ? e.key : String(e.key ?? '');
        if (Object.prototype.hasOwnProperty.call(labels, key)) {
          const m = labelMatchedExpression(labels[key], e);
          if (m.invalidOperator !== undefined) {
            if (!issues.invalidMatchExpressions.some((x) => x.stepIndex === i && x.operator === m.invalidOperator)) {
              issues.invalidMatchExpressions.push({ stepIndex: i, operator: m.invalidOperator });
            }
            selected = false;
            break;
          }
          if (!m.matched) {
            selected = false;
            break;
          }
        } else if (e.operator === 'In') {
          selected = false;
          break;
        }
      }
      if (!selected) return;
      list[i].push(app.name);
      const first = stepMap.get(app.name);
      if (first === undefined) {
        stepMap.set(app.name, i);
      } else {
        const dup = issues.duplicateAppSelections.get(app.name) ?? [first];
        dup.push(i);
        issues.duplicateAppSelections.set(app.name, dup);
      }
    });
  }
  list.forEach((names, i) => {
    if (names.length === 0) issues.emptySteps.push(i);
  });
  return { list, stepMap, issues };
}

/** getAppStep: the 1-based step of an Application, or -1 when no step selects it. */
export function getAppStep(name: string, stepMap: ReadonlyMap<string, number>): number {
  const s = stepMap.get(name);
  return s === undefined ? -1 : s + 1;
}

/** One entry of `status.applicationStatus`. */
export interface AppSetApplicationStatus {
  application: string;
  status: ProgressiveSyncStatus | string;
  step: string;
  message?: string;
  lastTransitionTime?: string | null;
  targetRevisions?: string[] | null;
}

export type ProgressiveSyncStatus = 'Waiting' | 'Pending' | 'Progressing' | 'Healthy';

function findStatus(statuses: readonly AppSetApplicationStatus[], name: string): AppSetApplicationStatus | undefined {
  return statuses.find((s) => s.application === name);
}

/**
 * getAppsToSync (§5.7): the Applications allowed to sync now. Steps are opened in order; the next
 * step opens only when every Application of this one exists and has status Healthy (an empty
 * step counts as complete).
 */
export function getAppsToSync(dependencyList: readonly (readonly string[])[], statuses: readonly AppSetApplicationStatus[], currentApps: Iterable<string>): Set<string> {
  const current = new Set(currentApps);
  const allowed = new Set<string>();
  for (const step of dependencyList) {
    for (const name of step) allowed.add(name);
    const complete = step.every((name) => current.has(name) && findStatus(statuses, name)?.status === 'Healthy');
    if (!complete) break;
  }
  return allowed;
}

export interface ScaledValue {
  value: number;
  /** The intstr error; the value is then 0. */
  error?: string;
}

/** Go's strconv.Atoi: optional sign and ASCII digits, within int64. */
function goAtoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * k8s.io/apimachinery intstr.GetScaledValueFromIntOrPercent: an integer as is (even negative);
 * "N%" (N an integer, one trailing %) scaled to `total`, rounded down or up; any other string is
 * an error and gives 0.
 */
export function scaledValueFromIntOrPercent(v: IntOrString, total: number, roundUp: boolean): ScaledValue {
  if (typeof v === 'number') return { value: Math.trunc(v) };
  if (!v.endsWith('%')) return { value: 0, error: 'invalid value for IntOrString: invalid type: string is not a percentage' };
  const n = goAtoi(v.slice(0, -1));
  if (n === undefined) return { value: 0, error: `invalid value for IntOrString: invalid value ${JSON.stringify(v)}: strconv.Atoi: parsing ${JSON.stringify(v.slice(0, -1))}: invalid syntax` };
  const scaled = (n * total) / 100;
  return { value: roundUp ? Math.ceil(scaled) : Math.floor(scaled) };
}

export interface MaxUpdateLimit {
  /** How many Applications of the step may be Pending or Progressing at once; undefined = no limit. */
  limit: number | undefined;
  /** Set when the controller records `Step N has an invalid maxUpdate value`. */
  error?: string;
}

/**
 * The effective maxUpdate of a step holding `total` Applications (§5.5): unset = no limit; else the
 * scaled value, raised to 1 for any string other than exactly "0%" (so invalid strings, "00%" and
 * negative percentages all allow 1, while the integer 0, negative integers and "0%" allow none).
 */
export function maxUpdateLimit(maxUpdate: IntOrString | null | undefined, total: number): MaxUpdateLimit {
  // Anything but an integer or a string cannot be decoded into an IntOrString (the API server rejects it).
  if (typeof maxUpdate !== 'number' && typeof maxUpdate !== 'string') return { limit: undefined };
  const scaled = scaledValueFromIntOrPercent(maxUpdate, total, false);
  let value = scaled.value;
  if (typeof maxUpdate === 'string' && maxUpdate !== '0%' && value < 1) value = 1;
  return scaled.error ? { limit: value, error: scaled.error } : { limit: value };
}

export interface ProgressResult {
  statuses: AppSetApplicationStatus[];
  invalidMaxUpdates: InvalidMaxUpdate[];
}

export const PENDING_MESSAGE = 'Application moved to Pending status, watching for the Application resource to start Progressing';

/**
 * UpdateApplicationSetApplicationStatusProgress (§5.5): moves Waiting Applications allowed by
 * getAppsToSync to Pending while the step's maxUpdate allows it, in status-list order. `total` and
 * the count of Pending/Progressing Applications are per step; an Application missing from the step
 * map counts in step 1 (Go's zero value), as upstream. Without an enabled RollingSync every entry is
 * dropped. `now` is written as lastTransitionTime of each moved entry.
 */
export function updateApplicationStatusProgress(
  strategy: Strategy | null | undefined,
  statuses: readonly AppSetApplicationStatus[],
  appsToSync: ReadonlySet<string>,
  stepMap: ReadonlyMap<string, number>,
  now: string,
): ProgressResult {
  const invalidMaxUpdates: InvalidMaxUpdate[] = [];
  if (!rollingSyncStrategyEnabled(strategy)) return { statuses: [], invalidMaxUpdates };
  const steps = stepsOf(strategy);
  const stepOf = (name: string) => stepMap.get(name) ?? 0;
  const updating = steps.map(() => 0);
  const total = steps.map(() => 0);
  for (const s of statuses) {
    const i = stepOf(s.application);
    if (i >= steps.length) continue;
    total[i]++;
    if (s.status === 'Pending' || s.status === 'Progressing') updating[i]++;
  }
  const out: AppSetApplicationStatus[] = [];
  for (const s of statuses) {
    const i = stepOf(s.application);
    let allowed = true;
    const maxUpdate = steps[i]?.maxUpdate;
    if (maxUpdate !== undefined && maxUpdate !== null) {
      const lim = maxUpdateLimit(maxUpdate, total[i]);
      if (lim.error && !invalidMaxUpdates.some((x) => x.stepIndex === i)) invalidMaxUpdates.push({ stepIndex: i, maxUpdate, error: lim.error });
      if (updating[i] >= (lim.limit ?? 0)) allowed = false;
    }
    if (s.status === 'Waiting' && appsToSync.has(s.application) && allowed) {
      out.push({ ...s, status: 'Pending', message: PENDING_MESSAGE, lastTransitionTime: now });
      updating[i]++;
    } else {
      out.push({ ...s });
    }
  }
  return { statuses: out, invalidMaxUpdates };
}

export interface AppSetCondition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/**
 * getProgressingCondition (§5.7): `RolloutProgressing` True at the first step (by number) holding an
 * entry that is not Healthy, else False "ApplicationSet Rollout has completed". Steps without any
 * entry count as complete. Undefined when the strategy is not RollingSync.
 */
export function progressingCondition(strategy: Strategy | null | undefined, statuses: readonly AppSetApplicationStatus[]): AppSetCondition | undefined {
  if (!isRollingSyncStrategy(strategy)) return undefined;
  const complete = new Map<string, boolean>();
  for (const s of statuses) complete.set(s.step, (complete.get(s.step) ?? true) && s.status === 'Healthy');
  const steps = stepsOf(strategy);
  for (let i = 0; i < steps.length; i++) {
    const step = String(i + 1);
    if (complete.get(step) === false) {
      return { type: 'RolloutProgressing', status: 'True', reason: 'ApplicationSetModified', message: `ApplicationSet is performing rollout of step ${step}` };
    }
  }
  return { type: 'RolloutProgressing', status: 'False', reason: 'ApplicationSetRolloutComplete', message: 'ApplicationSet Rollout has completed' };
}

/** What is left of `maxUpdate` entries that upstream records as invalid, merged into build issues (PerformProgressiveSyncs). */
export function withMaxUpdateIssues(issues: ValidationIssues, invalid: readonly InvalidMaxUpdate[]): ValidationIssues {
  return { ...issues, invalidMaxUpdates: [...issues.invalidMaxUpdates, ...invalid] };
}

/**
 * getInvalidRolloutConfig (§5.4): `InvalidRolloutConfig` True with the highest-priority issue's
 * message, or False "Rolling Sync Configured correctly". Undefined when the strategy is not RollingSync.
 */
export function invalidRolloutConfigCondition(strategy: Strategy | null | undefined, issues: ValidationIssues): AppSetCondition | undefined {
  if (!isRollingSyncStrategy(strategy)) return undefined;
  if (hasIssues(issues)) return { type: 'InvalidRolloutConfig', status: 'True', reason: 'ApplicationSetInvalidRolloutConfig', message: conditionMessage(issues) };
  return { type: 'InvalidRolloutConfig', status: 'False', reason: 'ApplicationSetValidRolloutConfig', message: 'Rolling Sync Configured correctly' };
}

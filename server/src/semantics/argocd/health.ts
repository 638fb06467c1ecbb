/**
 * Argo CD health of the objects a RollingSync waits on (fleet-argocd.md §5.7, §5.10):
 * - an Argo Rollout: port of the built-in resource_customizations/argoproj.io/Rollout/health.lua;
 * - an ApplicationSet as a child resource: port of resource_customizations/argoproj.io/ApplicationSet/health.lua;
 * - an Application: the worst health of its resources (gitops-engine pkg/health).
 * Lua semantics kept: `tonumber`, truthiness (anything but nil/false), `~= nil` tests. Where the
 * script would raise a Lua runtime error (e.g. `ipairs` over missing conditions) Argo CD reports
 * Unknown with the Lua error text; we report Unknown with our own description of that error.
 * An `argocd-cm` override (`resource.customizations.health.argoproj.io_Rollout`) replaces all of this.
 */

export type HealthStatusCode = 'Healthy' | 'Suspended' | 'Progressing' | 'Missing' | 'Degraded' | 'Unknown';

export interface HealthStatus {
  status: HealthStatusCode;
  message: string;
}

/** gitops-engine healthOrder: most to least healthy. */
export const HEALTH_ORDER: readonly HealthStatusCode[] = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'];

/** health.IsWorse: unknown codes rank as Healthy, as upstream (index 0). */
export function isWorse(current: string, candidate: string): boolean {
  const rank = (c: string) => Math.max(0, HEALTH_ORDER.indexOf(c as HealthStatusCode));
  return rank(candidate) > rank(current);
}

export interface ResourceHealth {
  health: HealthStatus | undefined;
  /** Hooks, resources annotated argocd.argoproj.io/ignore-healthcheck: "true" are skipped. */
  ignored?: boolean;
}

/**
 * Application health (controller/health.go setApplicationHealth): Healthy, made worse by each
 * resource's health; resources without a health, ignored ones and Missing ones do not count.
 */
export function applicationHealth(resources: readonly ResourceHealth[]): HealthStatusCode {
  let app: HealthStatusCode = 'Healthy';
  for (const r of resources) {
    if (r.ignored || !r.health || r.health.status === 'Missing') continue;
    if (isWorse(app, r.health.status)) app = r.health.status;
  }
  return app;
}

const VALID: ReadonlySet<string> = new Set(HEALTH_ORDER);

class LuaError extends Error {}

type Tbl = Record<string, unknown>;

function isTable(v: unknown): v is Tbl {
  return typeof v === 'object' && v !== null;
}

/** Indexing `t.k` where `t` may be nil: a Lua runtime error. */
function index(t: unknown, k: string, what: string): unknown {
  if (t === null || t === undefined) throw new LuaError(`attempt to index a nil value (${what})`);
  // Strings index the string library: a field that is no string function reads as nil.
  if (typeof t === 'string') return undefined;
  if (!isTable(t)) throw new LuaError(`attempt to index a ${luaType(t)} value (${what})`);
  const v = (t as Tbl)[k];
  return v === null ? undefined : v;
}

/** Lua truthiness: everything but nil and false. */
function truthy(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false;
}

/** gopher-lua tonumber: numbers as is; strings trimmed, decimal or 0x-hex; anything else nil. */
export function luaToNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(s)) return parseInt(s, 16);
  if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[+-]?(?:inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  return undefined;
}

/** Lua `a < b` on numbers; anything else raises. */
function lt(a: unknown, b: unknown, what: string): boolean {
  if (typeof a !== 'number' || typeof b !== 'number') throw new LuaError(`attempt to compare ${luaType(a)} with ${luaType(b)} (${what})`);
  return a < b;
}

function luaType(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  return 'table';
}

/** Lua `a == b`: same type and value (tables by identity). */
function luaEq(a: unknown, b: unknown): boolean {
  const na = a === null ? undefined : a;
  const nb = b === null ? undefined : b;
  return na === nb;
}

function numberOr(v: unknown, dflt: number): unknown {
  return v === undefined || v === null ? dflt : v;
}

/** Result of a health script's table, as ExecuteHealthLua decodes it. */
function decoded(status: unknown, message: unknown): HealthStatus {
  const s = typeof status === 'string' ? status : '';
  if (!VALID.has(s)) return { status: 'Unknown', message: 'Lua returned an invalid health status' };
  return { status: s as HealthStatusCode, message: typeof message === 'string' ? message : message === undefined || message === null ? '' : String(message) };
}

function rolloutHealthScript(o: Tbl): HealthStatus {
  const status = index(o, 'status', 'obj.status');
  const spec = () => index(o, 'spec', 'obj.spec');
  const metadata = () => index(o, 'metadata', 'obj.metadata');

  // isGenerationObserved
  let generationObserved: boolean;
  if (status === undefined) {
    generationObserved = false;
  } else {
    const observed = luaToNumber(index(status, 'observedGeneration', 'obj.status.observedGeneration'));
    const generation = index(metadata(), 'generation', 'obj.metadata.generation');
    if (observed === undefined || lt(generation, observed, 'observedGeneration > obj.metadata.generation')) generationObserved = true;
    else generationObserved = luaEq(observed, generation);
  }
  // isWorkloadGenerationObserved (evaluated only when the first test passes, as `or` short-circuits)
  const workloadObserved = (): boolean => {
    if (index(spec(), 'workloadRef', 'obj.spec.workloadRef') === undefined) return true;
    const annotations = index(metadata(), 'annotations', 'obj.metadata.annotations');
    if (annotations === undefined) return true;
    const want = luaToNumber(index(annotations, 'rollout.argoproj.io/workload-generation', 'annotations'));
    const got = luaToNumber(index(status, 'workloadObservedGeneration', 'obj.status.workloadObservedGeneration'));
    return luaEq(want, got);
  };
  if (!generationObserved || !workloadObserved()) return { status: 'Progressing', message: 'Waiting for rollout spec update to be observed' };

  const phase = index(status, 'phase', 'obj.status.phase');
  if (phase !== undefined) {
    return decoded(phase === 'Paused' ? 'Suspended' : phase, index(status, 'message', 'obj.status.message'));
  }

  const conditions = index(status, 'conditions', 'obj.status.conditions');
  if (!isTable(conditions)) throw new LuaError(`bad argument #1 to ipairs (table expected, got ${luaType(conditions)})`);
  // ipairs: array part from 1 until the first nil.
  const list = Array.isArray(conditions) ? conditions : [];
  for (const c of list) {
    if (c === null || c === undefined) break;
    const type = index(c, 'type', 'condition.type');
    const reason = index(c, 'reason', 'condition.reason');
    if (type === 'InvalidSpec' || (type === 'Progressing' && (reason === 'RolloutAborted' || reason === 'ProgressDeadlineExceeded'))) {
      return decoded('Degraded', index(c, 'message', 'condition.message'));
    }
  }

  // checkPaused
  const pauseConditions = index(status, 'pauseConditions', 'obj.status.pauseConditions');
  if (pauseConditions !== undefined) {
    if (!isTable(pauseConditions)) throw new LuaError(`bad argument #1 to getn (table expected, got ${luaType(pauseConditions)})`);
    if (Array.isArray(pauseConditions) && pauseConditions.length > 0) return { status: 'Suspended', message: 'Rollout is paused' };
  }
  if (truthy(index(spec(), 'paused', 'obj.spec.paused'))) return { status: 'Suspended', message: 'Rollout is paused' };

  const currentPodHash = index(status, 'currentPodHash', 'obj.status.currentPodHash');
  if (currentPodHash === undefined) return { status: 'Progressing', message: 'Waiting for rollout to finish: status has not been reconciled.' };

  // checkReplicasStatus
  const desired = numberOr(index(spec(), 'replicas', 'obj.spec.replicas'), 1);
  const statusReplicas = numberOr(index(status, 'replicas', 'obj.status.replicas'), 0);
  const updated = numberOr(index(status, 'updatedReplicas', 'obj.status.updatedReplicas'), 0);
  const available = numberOr(index(status, 'availableReplicas', 'obj.status.availableReplicas'), 0);
  if (lt(updated, desired, 'updatedReplicas < desiredReplicas')) return { status: 'Progressing', message: 'Waiting for roll out to finish: More replicas need to be updated' };
  if (lt(available, updated, 'availableReplicas < updatedReplicas')) return { status: 'Progressing', message: 'Waiting for roll out to finish: updated replicas are still becoming available' };

  // getStableRS: status.stableRS (v0.8+), else status.canary.stableRS, else "".
  let stableRS: unknown = index(status, 'stableRS', 'obj.status.stableRS');
  if (stableRS === undefined) {
    const canary = index(status, 'canary', 'obj.status.canary');
    stableRS = canary !== undefined ? index(canary, 'stableRS', 'obj.status.canary.stableRS') : '';
  }

  const strategy = index(spec(), 'strategy', 'obj.spec.strategy');
  if (index(strategy, 'blueGreen', 'obj.spec.strategy.blueGreen') !== undefined) {
    const bg = index(status, 'blueGreen', 'obj.status.blueGreen');
    if (bg === undefined || !luaEq(index(bg, 'activeSelector', 'obj.status.blueGreen.activeSelector'), currentPodHash)) return { status: 'Progressing', message: 'active service cutover pending' };
    if (!luaEq(stableRS, '') && !luaEq(stableRS, currentPodHash)) return { status: 'Progressing', message: 'waiting for analysis to complete' };
  } else if (index(strategy, 'canary', 'obj.spec.strategy.canary') !== undefined) {
    if (lt(updated, statusReplicas, 'statusReplicas > updatedReplicas')) return { status: 'Progressing', message: 'Waiting for roll out to finish: old replicas are pending termination' };
    if (luaEq(stableRS, '') || !luaEq(stableRS, currentPodHash)) return { status: 'Progressing', message: 'Waiting for rollout to finish steps' };
  }
  return { status: 'Healthy', message: '' };
}

/** The object as the Lua VM sees it: JSON-like data (YAML nulls read as nil). */
function asObject(obj: unknown): Tbl {
  return isTable(obj) && !Array.isArray(obj) ? obj : {};
}

/**
 * Argo CD health of an Argo Rollout (§5.10), with gitops-engine's preamble: an object being
 * deleted (metadata.deletionTimestamp set, no hook finalizer) is Progressing "Pending deletion".
 */
export function rolloutHealth(rollout: unknown): HealthStatus {
  const o = asObject(rollout);
  const meta = isTable(o.metadata) ? (o.metadata as Tbl) : {};
  const finalizers = Array.isArray(meta.finalizers) ? meta.finalizers : [];
  if (meta.deletionTimestamp && !finalizers.includes('argocd.argoproj.io/hook-finalizer')) return { status: 'Progressing', message: 'Pending deletion' };
  try {
    return rolloutHealthScript(o);
  } catch (err) {
    if (err instanceof LuaError) return { status: 'Unknown', message: `health.lua failed: ${err.message}` };
    throw err;
  }
}

/**
 * Argo CD health of an ApplicationSet as a child resource (§5.7): ErrorOccurred=True → Degraded;
 * ResourcesUpToDate=False → Degraded; RolloutProgressing=True → Progressing; ResourcesUpToDate=True
 * → Healthy; else Progressing "Waiting for the status to be reported". Each test scans all conditions.
 */
export function applicationSetHealth(appset: unknown): HealthStatus {
  const o = asObject(appset);
  const status = isTable(o.status) ? (o.status as Tbl) : undefined;
  const conditions = status && Array.isArray(status.conditions) ? (status.conditions as unknown[]).filter(isTable) : [];
  const find = (type: string, value: string) => conditions.find((c) => c.type === type && c.status === value);
  const rules: Array<[string, string, HealthStatusCode]> = [
    ['ErrorOccurred', 'True', 'Degraded'],
    ['ResourcesUpToDate', 'False', 'Degraded'],
    ['RolloutProgressing', 'True', 'Progressing'],
    ['ResourcesUpToDate', 'True', 'Healthy'],
  ];
  for (const [type, value, health] of rules) {
    const c = find(type, value);
    if (c) return { status: health, message: typeof c.message === 'string' ? c.message : '' };
  }
  return { status: 'Progressing', message: 'Waiting for the status to be reported' };
}

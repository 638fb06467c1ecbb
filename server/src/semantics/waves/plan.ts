/**
 * A WavePlan (docs/wave-plans.md) read from its plain object: the Rollout it promotes, its waves
 * with their targets (context + namespace) and gates, and what happens on failure. Parsing never
 * throws; what the executor cannot run is returned as problems with the path they are about.
 */
import { ANALYSIS_CONTEXT_OUTSIDE_WAVE, CONTEXT_IN_TWO_WAVES } from './messages';
import { parseBake, resolveMaxUnavailable } from './fields';

export const WAVE_PLAN_API_VERSION = 'fleetrollouts.dev/v1alpha1';
export const WAVE_PLAN_KIND = 'WavePlan';

type Obj = Record<string, unknown>;
export type PlanPath = (string | number)[];

export interface PlanTarget {
  context: string;
  namespace: string;
  /** The Rollout's name (the plan's, the same in every context). */
  name: string;
  /** Index of the wave in `plan.waves`. */
  wave: number;
}

export interface AnalysisArg {
  name: string;
  value: string;
}

export type Gate =
  | { kind: 'healthy' }
  | { kind: 'bake'; seconds: number; text: string }
  | { kind: 'analysis'; templateName: string; clusterScope: boolean; args: AnalysisArg[]; contexts: string[] }
  | { kind: 'approval' };

export const GATE_KINDS = ['healthy', 'bake', 'analysis', 'approval'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

export interface PlanWave {
  index: number;
  name: string;
  targets: PlanTarget[];
  /** Contexts that may be in progress at once (resolved against the wave's size). */
  maxUnavailable: number;
  gates: Gate[];
}

export interface WavePlan {
  name: string;
  rollout: { namespace: string; name: string };
  /** `step`: promote past each indefinite pause, keeping timed pauses and analysis; `full`: promote --full once. */
  promotion: 'step' | 'full';
  onFailure: 'abort' | 'pause';
  waves: PlanWave[];
}

export interface PlanProblem {
  path: PlanPath;
  message: string;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export function isWavePlan(value: unknown): boolean {
  return isObj(value) && value.kind === WAVE_PLAN_KIND && typeof value.apiVersion === 'string' && value.apiVersion.startsWith('fleetrollouts.dev/');
}

/** A context entry: `edge-eu-1` or `{name: edge-eu-1, namespace: payments-eu}`. */
export function contextEntry(entry: unknown): { context?: string; namespace?: string } {
  if (typeof entry === 'string') return { context: str(entry) };
  if (isObj(entry)) return { context: str(entry.name), namespace: str(entry.namespace) };
  return {};
}

/** The gate kind of a gate entry (`{healthy: {}}`, `{bake: 10m}`, …): its one known key. */
export function gateKindOf(entry: unknown): GateKind | undefined {
  if (!isObj(entry)) return undefined;
  const kinds = GATE_KINDS.filter((k) => k in entry);
  return kinds.length === 1 ? kinds[0] : undefined;
}

function parseArgs(raw: unknown): AnalysisArg[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObj).flatMap((a) => (typeof a.name === 'string' ? [{ name: a.name, value: a.value === undefined || a.value === null ? '' : String(a.value) }] : []));
}

function parseGate(entry: unknown, path: PlanPath, waveContexts: string[], waveName: string, problems: PlanProblem[]): Gate | undefined {
  const kind = gateKindOf(entry);
  if (!kind || !isObj(entry)) {
    problems.push({ path, message: `A gate is an object with exactly one of ${GATE_KINDS.join(', ')}.` });
    return undefined;
  }
  switch (kind) {
    case 'healthy':
      return { kind };
    case 'approval':
      return { kind };
    case 'bake': {
      const bake = parseBake(entry.bake);
      if (!bake.ok) {
        problems.push({ path: [...path, 'bake'], message: bake.message });
        return undefined;
      }
      return { kind, seconds: bake.seconds, text: String(entry.bake) };
    }
    case 'analysis': {
      const a = entry.analysis;
      const templateName = isObj(a) ? str(a.templateName) : undefined;
      if (!isObj(a) || !templateName) {
        problems.push({ path: [...path, 'analysis'], message: 'An analysis gate needs templateName.' });
        return undefined;
      }
      const contexts = Array.isArray(a.contexts) ? a.contexts.map(str).filter((c): c is string => !!c) : waveContexts;
      contexts.forEach((c, i) => {
        if (!waveContexts.includes(c)) problems.push({ path: [...path, 'analysis', 'contexts', i], message: ANALYSIS_CONTEXT_OUTSIDE_WAVE(c, waveName) });
      });
      return { kind, templateName, clusterScope: a.clusterScope === true, args: parseArgs(a.args), contexts: contexts.filter((c) => waveContexts.includes(c)) };
    }
  }
}

/** The plan, or only problems when it is not one the executor can run. */
export function parseWavePlan(value: unknown): { plan?: WavePlan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  if (!isWavePlan(value) || !isObj(value)) return { problems: [{ path: ['kind'], message: `Not a ${WAVE_PLAN_KIND} of ${WAVE_PLAN_API_VERSION}.` }] };
  const name = str((value.metadata as Obj | undefined)?.name);
  if (!name) problems.push({ path: ['metadata', 'name'], message: 'A WavePlan needs metadata.name: it is written into the annotations that record its progress.' });
  const spec = isObj(value.spec) ? value.spec : {};
  const rollout = isObj(spec.rollout) ? spec.rollout : {};
  const rolloutName = str(rollout.name);
  if (!rolloutName) problems.push({ path: ['spec', 'rollout', 'name'], message: 'spec.rollout.name is required: the Rollout promoted in every context.' });
  const defaultNamespace = str(rollout.namespace) ?? 'default';
  const rawWaves = Array.isArray(spec.waves) ? spec.waves : [];
  if (rawWaves.length === 0) problems.push({ path: ['spec', 'waves'], message: 'A WavePlan needs at least one wave.' });
  const seen = new Map<string, string>();
  const waves: PlanWave[] = rawWaves.map((raw, index): PlanWave => {
    const w = isObj(raw) ? raw : {};
    const wavePath: PlanPath = ['spec', 'waves', index];
    const waveName = str(w.name) ?? `#${index + 1}`;
    const waveNamespace = str(w.namespace) ?? defaultNamespace;
    const targets: PlanTarget[] = [];
    (Array.isArray(w.contexts) ? w.contexts : []).forEach((entry, i) => {
      const { context, namespace } = contextEntry(entry);
      if (!context) {
        problems.push({ path: [...wavePath, 'contexts', i], message: 'A context entry is a kubeconfig context name or {name, namespace}.' });
        return;
      }
      const ns = namespace ?? waveNamespace;
      const key = `${context}\u0000${ns}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ path: [...wavePath, 'contexts', i], message: CONTEXT_IN_TWO_WAVES(context, ns, first) });
        return;
      }
      seen.set(key, waveName);
      targets.push({ context, namespace: ns, name: rolloutName ?? '', wave: index });
    });
    const max = resolveMaxUnavailable(w.maxUnavailable, targets.length);
    if (!max.ok) problems.push({ path: [...wavePath, 'maxUnavailable'], message: max.message });
    const contexts = targets.map((t) => t.context);
    const gates = (Array.isArray(w.gates) ? w.gates : [])
      .map((g, i) => parseGate(g, [...wavePath, 'gates', i], contexts, waveName, problems))
      .filter((g): g is Gate => g !== undefined);
    return { index, name: waveName, targets, maxUnavailable: max.ok ? max.count : 0, gates };
  });
  const promotion = spec.promotion === 'full' ? 'full' : 'step';
  const onFailure = spec.onFailure === 'pause' ? 'pause' : 'abort';
  if (problems.length > 0 || !name || !rolloutName) return { problems };
  return { plan: { name, rollout: { namespace: defaultNamespace, name: rolloutName }, promotion, onFailure, waves }, problems };
}

/** Every target of the plan, wave by wave. */
export const planTargets = (plan: WavePlan): PlanTarget[] => plan.waves.flatMap((w) => w.targets);

/** The contexts a plan may contact: nothing else is ever sent a request. */
export const planContexts = (plan: WavePlan): string[] => [...new Set(planTargets(plan).map((t) => t.context))];

/** `edge-eu-1/payments`, how targets are named to people. */
export const targetLabel = (t: PlanTarget): string => `${t.context}/${t.namespace}`;

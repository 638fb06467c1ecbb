/**
 * The raw structure of a WavePlan with the path of every part, for rules that point at the exact
 * wave, context entry or gate (the executor's reading is ../../../semantics/waves/plan.ts).
 */
import type { PathSeg } from '../../../engine/yaml-nodes';
import type { AnalysisGroup } from '../../../semantics/rollouts/analysis-groups';
import { contextEntry, gateKindOf, type GateKind } from '../../../semantics/waves/plan';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export interface RawEntry {
  context?: string;
  namespace: string;
  path: PathSeg[];
}

export interface RawGate {
  kind: GateKind;
  value: unknown;
  /** Path of the gate entry (the list item). */
  path: PathSeg[];
}

export interface RawWave {
  index: number;
  name: string;
  raw: Obj;
  path: PathSeg[];
  entries: RawEntry[];
  gates: RawGate[];
}

export function rolloutRefOf(value: Obj | undefined): { namespace: string; name?: string } {
  const rollout = isObj(value?.spec) && isObj(value.spec.rollout) ? value.spec.rollout : {};
  return { namespace: str(rollout.namespace) ?? 'default', name: str(rollout.name) };
}

export function wavesOf(value: Obj | undefined): RawWave[] {
  const spec = isObj(value?.spec) ? value.spec : {};
  const defaultNamespace = rolloutRefOf(value).namespace;
  const waves = Array.isArray(spec.waves) ? spec.waves : [];
  return waves.map((w, index): RawWave => {
    const raw = isObj(w) ? w : {};
    const path: PathSeg[] = ['spec', 'waves', index];
    const waveNamespace = str(raw.namespace) ?? defaultNamespace;
    const entries = (Array.isArray(raw.contexts) ? raw.contexts : []).map((e, i): RawEntry => {
      const { context, namespace } = contextEntry(e);
      return { context, namespace: namespace ?? waveNamespace, path: [...path, 'contexts', i] };
    });
    const gates = (Array.isArray(raw.gates) ? raw.gates : []).flatMap((g, i): RawGate[] => {
      const kind = gateKindOf(g);
      return kind && isObj(g) ? [{ kind, value: g[kind], path: [...path, 'gates', i] }] : [];
    });
    return { index, name: str(raw.name) ?? `#${index + 1}`, raw, path, entries, gates };
  });
}

/** An analysis gate as the analysis group of ../../../semantics/analysis/resolve.ts sees one. */
export function analysisGroupOf(gate: RawGate): AnalysisGroup | undefined {
  if (gate.kind !== 'analysis' || !isObj(gate.value)) return undefined;
  const a = gate.value;
  const path = [...gate.path, 'analysis'];
  const args = Array.isArray(a.args) ? a.args : [];
  return {
    type: 'InlineAnalysis',
    path,
    block: a,
    templates: [{ templateName: str(a.templateName), clusterScope: a.clusterScope === true, path }],
    args: args.map((x, i) => ({ name: isObj(x) ? str(x.name) : undefined, value: isObj(x) ? x.value : undefined, path: [...path, 'args', i] })),
    hasArgsKey: 'args' in a,
  };
}

/** Namespaces the wave's Rollouts live in (where a namespaced template is looked up). */
export const namespacesOf = (wave: RawWave): string[] => [...new Set(wave.entries.map((e) => e.namespace))];

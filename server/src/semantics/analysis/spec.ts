/**
 * Reading the spec of an AnalysisTemplate, ClusterAnalysisTemplate or AnalysisRun: args, metrics,
 * dryRun and measurementRetention rules, each with its path inside the object
 * (pkg/apis/rollouts/v1alpha1/analysis_types.go; argo-rollouts.md §1.6–1.8).
 */
import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import type { PathSeg } from '../../engine/yaml-nodes';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The kinds whose spec holds metrics. */
export const ANALYSIS_KINDS: readonly string[] = [K.AnalysisTemplate, K.ClusterAnalysisTemplate, K.AnalysisRun];
export const TEMPLATE_KINDS: readonly string[] = [K.AnalysisTemplate, K.ClusterAnalysisTemplate];

/** Metric providers counted by ValidateMetric (each `plugin` key counts as one). */
export const PROVIDERS = ['prometheus', 'job', 'web', 'wavefront', 'kayenta', 'datadog', 'newRelic', 'cloudWatch', 'graphite', 'influxdb', 'skywalking'] as const;

/** Providers whose measurements sample a time series, where count/failureLimit/range windows matter. */
export const TIME_SERIES_PROVIDERS: ReadonlySet<string> = new Set(['prometheus', 'datadog', 'newRelic', 'wavefront', 'cloudWatch', 'graphite', 'influxdb', 'skywalking']);

export interface SpecArg {
  name: string;
  value?: unknown;
  valueFrom?: unknown;
  index: number;
  path: PathSeg[];
}

export interface SpecMetric {
  name: string | undefined;
  index: number;
  path: PathSeg[];
  metric: Obj;
  /** Provider keys set on this metric (`plugin` entries as `plugin/<name>`). */
  providers: string[];
}

export interface SpecRule {
  metricName: unknown;
  index: number;
  path: PathSeg[];
  list: 'dryRun' | 'measurementRetention';
}

export function specOf(object: ManifestObject): Obj | undefined {
  const spec = object.value?.spec;
  return isObj(spec) ? spec : undefined;
}

/**
 * `compute` at a given base path, remembered per spec at the usual base (`spec`): every Rollout
 * using a template asks for its args and metrics again.
 */
function memoizedAtSpec<T>(compute: (spec: Obj | undefined, base: PathSeg[]) => T[]): (spec: Obj | undefined, base?: PathSeg[]) => T[] {
  const bySpec = new WeakMap<Obj, T[]>();
  return (spec, base) => {
    if (!spec || base) return compute(spec, base ?? ['spec']);
    let found = bySpec.get(spec);
    if (!found) bySpec.set(spec, (found = compute(spec, ['spec'])));
    return found;
  };
}

export const argsOf = memoizedAtSpec(computeArgs);

function computeArgs(spec: Obj | undefined, base: PathSeg[]): SpecArg[] {
  const args = spec?.args;
  if (!Array.isArray(args)) return [];
  const out: SpecArg[] = [];
  for (let index = 0; index < args.length; index++) {
    const a: unknown = args[index];
    if (isObj(a) && typeof a.name === 'string') out.push({ name: a.name, value: a.value, valueFrom: a.valueFrom, index, path: [...base, 'args', index] });
  }
  return out;
}

export function providersOf(metric: Obj): string[] {
  const provider = metric.provider;
  if (!isObj(provider)) return [];
  const out: string[] = [];
  for (const p of PROVIDERS) if (provider[p] !== undefined && provider[p] !== null) out.push(p);
  if (isObj(provider.plugin)) for (const k of Object.keys(provider.plugin)) out.push(`plugin/${k}`);
  return out;
}

export const metricsOf = memoizedAtSpec(computeMetrics);

function computeMetrics(spec: Obj | undefined, base: PathSeg[]): SpecMetric[] {
  const metrics = spec?.metrics;
  if (!Array.isArray(metrics)) return [];
  const out: SpecMetric[] = [];
  for (let index = 0; index < metrics.length; index++) {
    const m: unknown = metrics[index];
    if (isObj(m)) out.push({ name: typeof m.name === 'string' ? m.name : undefined, index, path: [...base, 'metrics', index], metric: m, providers: providersOf(m) });
  }
  return out;
}

export function rulesOf(spec: Obj | undefined, list: 'dryRun' | 'measurementRetention', base: PathSeg[] = ['spec']): SpecRule[] {
  const rules = spec?.[list];
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((r, index) => (isObj(r) ? [{ metricName: r.metricName, index, path: [...base, list, index], list }] : []));
}

/** The prometheus provider block of a metric, when that is its provider. */
export function prometheusOf(metric: Obj): Obj | undefined {
  const provider = metric.provider;
  return isObj(provider) && isObj(provider.prometheus) ? provider.prometheus : undefined;
}

/** Go's strconv.Atoi; undefined when it fails. */
export function atoi(s: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(s) && Math.abs(parseInt(s, 10)) < 2 ** 63 ? parseInt(s, 10) : undefined;
}

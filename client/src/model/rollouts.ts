/**
 * What the Rollouts tree shows, computed from the informer caches of the watched contexts with the
 * plugin's own status algorithm (server/src/semantics/status). Pure: no `vscode`, no I/O, no
 * clock (callers pass `now`), so it is unit-tested on the plugin's scenarios.
 *
 *   watched context → namespace → Rollout (status, step, weights, analysis, revisions)
 */
import { rolloutStatus, watchStatusLine, type AnalysisRunInfo, type RolloutInfo } from '../../../server/src/semantics/status';
import type { KubeObject } from '../kube/resources';
import { contextHealth, type ContextHealthSummary, type HealthInput } from './health';
import { matchesFilter, parseFilter } from './filter';

/** What the model reads: a ClusterSession satisfies this structurally; tests pass plain snapshots. */
export interface SnapshotSource {
  watched(): string[];
  list(context: string, resource: 'rollouts' | 'replicaSets' | 'analysisRuns' | 'experiments'): KubeObject[];
  health(context: string): HealthInput;
}

export interface MetricRow {
  name: string;
  /** Phase of the metric result (`Successful`, `Running`, …), "" before its first measurement. */
  phase: string;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  /** The last measurement's value, "" when none. */
  lastValue: string;
  successCondition: string;
  failureLimit: number;
  message: string;
}

export interface AnalysisView {
  info: AnalysisRunInfo;
  /** True when this is a run still going (Pending/Running); false for the last finished one. */
  running: boolean;
  metrics: MetricRow[];
}

export interface RolloutView {
  context: string;
  namespace: string;
  name: string;
  info: RolloutInfo;
  /** `Paused - CanaryPauseStep`, `Healthy`: the line `kubectl argo rollouts status --watch` prints. */
  statusText: string;
  /** `step 1/4 · weight 20/20` (canary) or "" */
  progress: string;
  analysis: AnalysisView | undefined;
}

export interface NamespaceView {
  context: string;
  namespace: string;
  rollouts: RolloutView[];
}

export interface ContextView {
  context: string;
  health: ContextHealthSummary;
  namespaces: NamespaceView[];
  /** Rollouts in the context before the filter (to say "3 of 7"). */
  total: number;
  shown: number;
}

export interface BuildOptions {
  now: number;
  filter?: string;
}

/** The phase the tree colours a row by: the plugin's phase, with an aborted rollout told apart. */
export type PhaseKind = 'Healthy' | 'Progressing' | 'Paused' | 'Degraded' | 'Aborted' | 'Unknown';

export function phaseKind(info: Pick<RolloutInfo, 'status' | 'message'>): PhaseKind {
  if (info.status === 'Degraded' && info.message.startsWith('RolloutAborted')) return 'Aborted';
  switch (info.status) {
    case 'Healthy':
    case 'Progressing':
    case 'Paused':
    case 'Degraded':
      return info.status;
  }
  return 'Unknown';
}

/** The whole tree for the watched contexts, in the order they were chosen. */
export function buildTree(source: SnapshotSource, options: BuildOptions): ContextView[] {
  const filter = parseFilter(options.filter ?? '');
  return source.watched().map((context) => {
    const health = contextHealth(source.health(context), options.now);
    const rollouts = rolloutsOf(source, context);
    const shown = rollouts.filter((r) => matchesFilter(filter, r));
    const byNamespace = new Map<string, RolloutView[]>();
    for (const r of shown) {
      const list = byNamespace.get(r.namespace) ?? [];
      list.push(r);
      byNamespace.set(r.namespace, list);
    }
    const namespaces = [...byNamespace.keys()].sort().map((namespace) => ({ context, namespace, rollouts: byNamespace.get(namespace)!.sort((a, b) => a.name.localeCompare(b.name)) }));
    return { context, health, namespaces, total: rollouts.length, shown: shown.length };
  });
}

/** Every Rollout of one context with its status. */
export function rolloutsOf(source: SnapshotSource, context: string): RolloutView[] {
  const rollouts = source.list(context, 'rollouts');
  if (rollouts.length === 0) return [];
  const byNs = (list: KubeObject[]) => {
    const m = new Map<string, KubeObject[]>();
    for (const o of list) {
      const ns = o.metadata.namespace ?? '';
      const l = m.get(ns) ?? [];
      l.push(o);
      m.set(ns, l);
    }
    return m;
  };
  const replicaSets = byNs(source.list(context, 'replicaSets'));
  const analysisRuns = byNs(source.list(context, 'analysisRuns'));
  const experiments = byNs(source.list(context, 'experiments'));
  return rollouts.map((rollout) => {
    const ns = rollout.metadata.namespace ?? '';
    return rolloutView(context, rollout, {
      replicaSets: replicaSets.get(ns) ?? [],
      analysisRuns: analysisRuns.get(ns) ?? [],
      experiments: experiments.get(ns) ?? [],
    });
  });
}

/**
 * One Rollout with the objects of its namespace. Pods are not watched (too many on a real
 * cluster); the plugin's ReplicaSet status does not depend on them.
 */
export function rolloutView(context: string, rollout: KubeObject, ns: { replicaSets: readonly KubeObject[]; analysisRuns: readonly KubeObject[]; experiments: readonly KubeObject[] }): RolloutView {
  const info = rolloutStatus({ rollout: rollout as unknown as Record<string, unknown>, replicaSets: ns.replicaSets as never, pods: [], experiments: ns.experiments as never, analysisRuns: ns.analysisRuns as never });
  return {
    context,
    namespace: info.namespace,
    name: info.name,
    info,
    statusText: watchStatusLine(info),
    progress: progressText(info),
    analysis: analysisView(info, ns.analysisRuns),
  };
}

/** `step 1/4 · weight 20/20`: the step as the plugin prints it and set/actual weight. */
export function progressText(info: RolloutInfo): string {
  const parts: string[] = [];
  if (info.step) parts.push(`step ${info.step}`);
  if (info.strategy === 'Canary' && info.setWeight !== '') parts.push(`weight ${info.setWeight}/${info.actualWeight}`);
  return parts.join(' · ');
}

/** The running AnalysisRun of the newest revision, else the most recent one. */
export function analysisView(info: RolloutInfo, rawRuns: readonly KubeObject[]): AnalysisView | undefined {
  if (info.analysisRuns.length === 0) return undefined;
  const isRunning = (a: AnalysisRunInfo) => a.status === 'Running' || a.status === 'Pending' || a.status === '';
  const newestRevision = Math.max(...info.analysisRuns.map((a) => a.revision));
  const ofNewest = info.analysisRuns.filter((a) => a.revision === newestRevision);
  // Within a revision runs are sorted by creation ascending: the last is the latest.
  const chosen = ofNewest.find(isRunning) ?? [...ofNewest].sort((a, b) => (a.creationTimestamp ?? 0) - (b.creationTimestamp ?? 0)).pop()!;
  const raw = rawRuns.find((r) => r.metadata.uid === chosen.uid && r.metadata.name === chosen.name);
  return { info: chosen, running: isRunning(chosen), metrics: metricRows(chosen, raw) };
}

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Per metric: the spec's condition and the result's counts and last measured value. */
export function metricRows(info: AnalysisRunInfo, raw: KubeObject | undefined): MetricRow[] {
  const results: any[] = Array.isArray(raw?.status?.metricResults) ? raw!.status.metricResults : [];
  const names = [...info.metrics.map((m) => m.name)];
  for (const r of results) if (typeof r?.name === 'string' && !names.includes(r.name)) names.push(r.name);
  return names.map((name) => {
    const spec = info.metrics.find((m) => m.name === name);
    const r = results.find((x) => x?.name === name) ?? {};
    const measurements: any[] = Array.isArray(r.measurements) ? r.measurements : [];
    const last = measurements[measurements.length - 1];
    return {
      name,
      phase: str(r.phase),
      successful: num(r.successful),
      failed: num(r.failed),
      inconclusive: num(r.inconclusive),
      error: num(r.error),
      lastValue: str(last?.value),
      successCondition: spec?.successCondition ?? '',
      failureLimit: spec?.failureLimit ?? 0,
      message: str(r.message) || str(last?.message),
    };
  });
}

export type { ContextHealthSummary } from './health';

/**
 * The drill-down of one cluster from what the informers of its context hold: every Rollout with
 * the plugin's status (server/src/semantics/status), its canary timeline, the sampled weights,
 * its AnalysisRuns and the Events last listed. Pure: no I/O, `now` passed in.
 */
import { rolloutStatus, type RolloutObjects } from '../../../../server/src/semantics/status';
import type { KubeObject } from '../../kube/resources';
import { analysisRunViews } from './analysis';
import { canaryTimeline } from './timeline';
import type { EventView, RolloutDrilldown, WeightSample } from './types';
import { rolloutKey, type WeightHistory } from './weight-history';

export interface ContextObjects {
  rollouts: readonly KubeObject[];
  replicaSets: readonly KubeObject[];
  analysisRuns: readonly KubeObject[];
}

export interface EventsEntry {
  events: EventView[];
  problem: string;
}

/**
 * The context a cluster's canary is read from: the kubeconfig context with the cluster's name,
 * and only when the user watches it. Otherwise the sentence the pane shows instead.
 */
export function contextForCluster(cluster: string, contexts: readonly string[], watched: readonly string[]): { context: string } | { problem: string } {
  if (!contexts.includes(cluster)) return { problem: `No kubeconfig context named ${cluster}: add one to see its canary.` };
  if (!watched.includes(cluster)) return { problem: `Kubeconfig context ${cluster} is not watched: choose it with "Fleet Rollouts: Choose Contexts to Watch…" to see its canary.` };
  return { context: cluster };
}

const byNamespaceAndName = (a: KubeObject, b: KubeObject): number =>
  (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name);

function statusOf(rollout: KubeObject, objects: ContextObjects) {
  const ns = rollout.metadata.namespace;
  const inNs = (o: KubeObject) => o.metadata.namespace === ns;
  // The status code reads plain JSON; client KubeObject is the same JSON with a typed metadata.
  const input = { rollout, replicaSets: objects.replicaSets.filter(inNs), pods: [], experiments: [], analysisRuns: objects.analysisRuns.filter(inNs) } as unknown as RolloutObjects;
  return rolloutStatus(input);
}

/** One weight sample per canary Rollout of a context, into the history (called on informer updates). */
export function sampleWeights(context: string, objects: ContextObjects, history: WeightHistory, now: number): number {
  let kept = 0;
  for (const ro of objects.rollouts) {
    if (!ro.spec?.strategy?.canary) continue;
    const info = statusOf(ro, objects);
    const sample: WeightSample = { t: now, setWeight: Number(info.setWeight) || 0, actualWeight: Number(info.actualWeight) || 0 };
    if (history.record(rolloutKey(context, ro.metadata.namespace ?? '', ro.metadata.name), sample)) kept++;
  }
  return kept;
}

export function buildRolloutDrilldowns(context: string, objects: ContextObjects, history: WeightHistory, events: ReadonlyMap<string, EventsEntry>, now: number): RolloutDrilldown[] {
  return [...objects.rollouts].sort(byNamespaceAndName).map((ro) => {
    const namespace = ro.metadata.namespace ?? '';
    const key = rolloutKey(context, namespace, ro.metadata.name);
    const info = statusOf(ro, objects);
    const runs = objects.analysisRuns.filter((r) => r.metadata.namespace === namespace);
    const timeline = canaryTimeline(ro, info, runs);
    const weights = timeline ? history.samples(key) : [];
    // The last sample holds until now: extend the line to the moment the data were assembled.
    const last = weights[weights.length - 1];
    if (timeline && (!last || last.t < now)) weights.push({ t: now, setWeight: timeline.setWeight, actualWeight: timeline.actualWeight });
    const ev = events.get(key);
    return {
      namespace,
      name: ro.metadata.name,
      status: info.status,
      message: info.message,
      strategy: info.strategy,
      step: info.step,
      timeline,
      weights,
      analysisRuns: analysisRunViews(info.analysisRuns, objects.analysisRuns),
      events: ev?.events ?? [],
      eventsProblem: ev ? ev.problem : 'listing events…',
    };
  });
}

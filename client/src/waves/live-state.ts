/**
 * Reads what the executor decides on, from the plan's own contexts only: the Rollout of every
 * target, and the AnalysisRuns the plan created in its namespace (by the plan's label).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { observationKey, planTargets, type PlanTarget, type TargetObservation, type WavePlan } from '../../../server/src/semantics/waves';
import { KubeError } from '../kube/errors';
import { kubeRequest } from '../kube/request';
import { collectionPath, RESOURCES, type KubeObject } from '../kube/resources';
import { PLAN_LABEL } from './analysis-run';

/** A KubeConfig pinned to one context of the plan; asked only for the plan's contexts. */
export type ConfigFor = (context: string) => KubeConfig;

async function readTarget(kc: KubeConfig, plan: WavePlan, t: PlanTarget): Promise<TargetObservation> {
  try {
    const rollout = (await kubeRequest<KubeObject>(kc, { method: 'GET', path: collectionPath(RESOURCES.rollouts, t.namespace, t.name), verb: 'get', resource: `rollouts.argoproj.io ${t.name} in ${t.namespace}` })).body;
    const hasAnalysis = plan.waves[t.wave].gates.some((g) => g.kind === 'analysis');
    const analysisRuns: Record<string, KubeObject> = {};
    if (hasAnalysis) {
      const selector = encodeURIComponent(`${PLAN_LABEL}=${plan.name}`);
      const list = await kubeRequest<{ items?: KubeObject[] }>(kc, { method: 'GET', path: `${collectionPath(RESOURCES.analysisRuns, t.namespace)}?labelSelector=${selector}`, verb: 'list', resource: `analysisruns.argoproj.io in ${t.namespace}` });
      for (const run of list.body.items ?? []) analysisRuns[run.metadata.name] = run;
    }
    return { rollout: rollout as unknown as Record<string, unknown>, analysisRuns: analysisRuns as unknown as Record<string, Record<string, unknown>> };
  } catch (err) {
    if (err instanceof KubeError && err.kind === 'notFound') return { rollout: null };
    return { error: (err as Error).message };
  }
}

/** Every target of the plan, read in parallel (one pinned config per context). */
export async function readPlanState(plan: WavePlan, configFor: ConfigFor): Promise<Map<string, TargetObservation>> {
  const targets = planTargets(plan);
  const configs = new Map<string, KubeConfig>();
  const seen = await Promise.all(
    targets.map(async (t) => {
      let kc = configs.get(t.context);
      try {
        if (!kc) configs.set(t.context, (kc = configFor(t.context)));
      } catch (err) {
        return [t, { error: (err as Error).message }] as const;
      }
      return [t, await readTarget(kc, plan, t)] as const;
    }),
  );
  return new Map(seen.map(([t, o]) => [observationKey(t.context, t.namespace), o]));
}

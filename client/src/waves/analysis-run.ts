/**
 * The AnalysisRun of an analysis gate, built from its template the way
 * `kubectl argo rollouts create analysisrun --from[-cluster] TEMPLATE -a name=value` builds one
 * (NewAnalysisRunFromTemplate / MergeArgs, argo-rollouts.md §1.6.2, §1.6.4): the template's
 * metrics, dryRun and measurementRetention, its args with the gate's values merged in; an
 * argument left without a value is the controller's "args.<name> was not resolved".
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { AnalysisGate } from '../../../server/src/semantics/waves/actions';
import { ANNOTATIONS } from '../../../server/src/semantics/waves/annotations';
import { KubeError } from '../kube/errors';
import { kubeRequest } from '../kube/request';
import { collectionPath, RESOURCES, type KubeObject, type ResourceType } from '../kube/resources';

const TEMPLATES: Record<'namespaced' | 'cluster', ResourceType> = {
  namespaced: { group: 'argoproj.io', version: 'v1alpha1', plural: 'analysistemplates', kind: 'AnalysisTemplate', namespaced: true },
  cluster: { group: 'argoproj.io', version: 'v1alpha1', plural: 'clusteranalysistemplates', kind: 'ClusterAnalysisTemplate', namespaced: false },
};

/** Label on every run a plan creates: the executor lists a namespace's runs of its plan with it. */
export const PLAN_LABEL = ANNOTATIONS.plan;

export const NESTED_TEMPLATES_UNSUPPORTED = (name: string): string =>
  `template ${name} includes other templates (spec.templates): a wave gate runs a single template; reference the templates it includes directly`;

type Arg = { name: string; value?: string; valueFrom?: unknown };

export interface RunIdentity {
  runName: string;
  namespace: string;
  plan: string;
  wave: string;
}

/** The run to create; throws with the controller's words when an argument stays unresolved. */
export function analysisRunFromTemplate(template: KubeObject, gate: AnalysisGate, id: RunIdentity): KubeObject {
  const spec = template.spec ?? {};
  if (Array.isArray(spec.templates) && spec.templates.length > 0) throw new Error(NESTED_TEMPLATES_UNSUPPORTED(gate.templateName));
  const given = new Map(gate.args.map((a) => [a.name, a.value]));
  const args: Arg[] = (Array.isArray(spec.args) ? spec.args : []).map((a: Arg): Arg => (given.has(a.name) ? { name: a.name, value: given.get(a.name) } : { ...a }));
  const unresolved = args.find((a) => a.value === undefined && a.valueFrom === undefined);
  if (unresolved) throw new Error(`args.${unresolved.name} was not resolved`);
  const runSpec: Record<string, unknown> = { metrics: spec.metrics ?? [] };
  if (args.length) runSpec.args = args;
  if (spec.dryRun) runSpec.dryRun = spec.dryRun;
  if (spec.measurementRetention) runSpec.measurementRetention = spec.measurementRetention;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name: id.runName, namespace: id.namespace, labels: { [PLAN_LABEL]: id.plan, [ANNOTATIONS.wave]: id.wave } },
    spec: runSpec,
  };
}

/** GET the template in the pinned context, then POST the run; an existing run of that name is kept. */
export async function createAnalysisRun(kc: KubeConfig, gate: AnalysisGate, id: RunIdentity): Promise<KubeObject> {
  const type = gate.clusterScope ? TEMPLATES.cluster : TEMPLATES.namespaced;
  const templatePath = collectionPath(type, id.namespace, gate.templateName);
  const template = (await kubeRequest<KubeObject>(kc, { method: 'GET', path: templatePath, verb: 'get', resource: `${type.plural}.argoproj.io ${gate.templateName}` })).body;
  const run = analysisRunFromTemplate(template, gate, id);
  try {
    const res = await kubeRequest<KubeObject>(kc, { method: 'POST', path: collectionPath(RESOURCES.analysisRuns, id.namespace), body: JSON.stringify(run), verb: 'create', resource: `analysisruns.argoproj.io ${id.runName} in ${id.namespace}` });
    return res.body;
  } catch (err) {
    if (err instanceof KubeError && err.kind === 'conflict') return run;
    throw err;
  }
}

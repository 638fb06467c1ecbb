/**
 * "Start": server-side apply of a Rollout (and the AnalysisTemplates it uses) from a manifest, after
 * a server-side dry run whose result a UI shows as a diff together with where the new revision
 * will begin. Both are `PATCH <object>?fieldManager=fleet-rollouts[&dryRun=All]` with
 * `application/apply-patch+yaml` and the manifest as the body (no `force`: a field owned by another
 * manager is a conflict the user must see).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { yaml } from '../yaml-on-demand';
import type { KubeObject, ResourceType } from '../kube/resources';
import { deepDerivative, POD_TEMPLATE_HASH_LABEL } from './undo';
import { APPLY_PATCH, ActionError, describeTarget, getRollout, goJSON, isNotFound, objectPath, Recorder, type ActionResult } from './request';

export const FIELD_MANAGER = 'fleet-rollouts';

const APPLICABLE: Record<string, ResourceType> = {
  Rollout: { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts', kind: 'Rollout', namespaced: true },
  AnalysisTemplate: { group: 'argoproj.io', version: 'v1alpha1', plural: 'analysistemplates', kind: 'AnalysisTemplate', namespaced: true },
  ClusterAnalysisTemplate: { group: 'argoproj.io', version: 'v1alpha1', plural: 'clusteranalysistemplates', kind: 'ClusterAnalysisTemplate', namespaced: false },
};

/** One manifest document: its text (sent as is) and what it declares. */
export interface ManifestDoc {
  text: string;
  object: KubeObject;
}

/** Splits a YAML file into documents (empty ones dropped), keeping each document's own text. */
export function manifestDocs(source: string): ManifestDoc[] {
  const docs: ManifestDoc[] = [];
  for (const doc of yaml().parseAllDocuments(source)) {
    if (doc.errors.length > 0) throw new Error(`the manifest is not valid YAML: ${doc.errors[0].message}`);
    const object = doc.toJS() as KubeObject | null;
    if (!object || typeof object !== 'object') continue;
    // The document's own bytes (without the `---` line), not a re-serialisation.
    const text = source.slice(doc.range[0], doc.range[2]).replace(/^---[ \t]*\r?\n/, '');
    docs.push({ text, object });
  }
  return docs;
}

/** The names of the AnalysisTemplates / ClusterAnalysisTemplates a Rollout refers to. */
export function referencedTemplates(ro: KubeObject): { namespaced: Set<string>; cluster: Set<string> } {
  const namespaced = new Set<string>();
  const cluster = new Set<string>();
  const add = (analysis: any): void => {
    for (const t of Array.isArray(analysis?.templates) ? analysis.templates : []) {
      if (typeof t?.templateName === 'string') (t.clusterScope ? cluster : namespaced).add(t.templateName);
    }
  };
  const canary = ro.spec?.strategy?.canary;
  const blueGreen = ro.spec?.strategy?.blueGreen;
  add(canary?.analysis);
  for (const step of Array.isArray(canary?.steps) ? canary.steps : []) {
    add(step?.analysis);
    for (const a of Array.isArray(step?.experiment?.analyses) ? step.experiment.analyses : []) {
      if (typeof a?.templateName === 'string') (a.clusterScope ? cluster : namespaced).add(a.templateName);
    }
  }
  add(blueGreen?.prePromotionAnalysis);
  add(blueGreen?.postPromotionAnalysis);
  return { namespaced, cluster };
}

function resourceOf(obj: KubeObject): ResourceType {
  const r = obj.kind ? APPLICABLE[obj.kind] : undefined;
  if (!r || obj.apiVersion !== `${r.group}/${r.version}`) throw new Error(`cannot apply ${obj.apiVersion ?? '?'} ${obj.kind ?? '?'}: only argoproj.io/v1alpha1 Rollouts and AnalysisTemplates are applied`);
  return r;
}

function applyPath(r: ResourceType, namespace: string, name: string, dryRun: boolean): string {
  const base = r.namespaced ? objectPath(r, namespace, name) : objectPath(r, '', name);
  return `${base}?fieldManager=${FIELD_MANAGER}${dryRun ? '&dryRun=All' : ''}`;
}

/** Server-side apply of one document (dry run or for real); returns what the server would store / stored. */
export async function applyDoc(rec: Recorder, namespace: string, doc: ManifestDoc, dryRun: boolean): Promise<KubeObject> {
  const r = resourceOf(doc.object);
  const name = doc.object.metadata?.name;
  if (!name) throw rec.fail(`${doc.object.kind} has no metadata.name`);
  const ns = doc.object.metadata.namespace;
  if (r.namespaced && ns !== undefined && ns !== namespace) throw rec.fail(`${doc.object.kind} ${name} is for namespace "${ns}", not "${namespace}"`);
  return rec.send<KubeObject>({ method: 'PATCH', path: applyPath(r, namespace, name, dryRun), contentType: APPLY_PATCH, body: doc.text, verb: dryRun ? 'apply (dry run)' : 'apply', resource: r.namespaced ? describeTarget(r, namespace, name) : `${r.plural}.${r.group} "${name}"` });
}

/** Where the applied Rollout's update will begin, as the controller will run it. */
export interface StartPlan {
  newRollout: boolean;
  newRevision: boolean;
  /** Index of the canary step the update begins at (steps.length: none, deployed at once). */
  step?: number;
  steps: number;
  description: string;
}

function withoutHash(template: any): any {
  const t = structuredClone(template);
  if (t?.metadata?.labels) delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  return t;
}

function canonical(v: unknown): string {
  return goJSON(v ?? null, true);
}

/** A canary step in words: `setWeight: 20`, `pause`, `pause: 30s`, `analysis`, … */
export function describeStep(step: any): string {
  if (!step || typeof step !== 'object') return 'unknown step';
  if (step.setWeight !== undefined) return `setWeight: ${step.setWeight}`;
  if (step.pause !== undefined) return step.pause?.duration !== undefined ? `pause: ${step.pause.duration}` : 'pause (until promoted)';
  const key = Object.keys(step)[0];
  return key ?? 'unknown step';
}

/** What applying `next` over `live` starts (`stableTemplate`: the template of the stable ReplicaSet, when known). */
export function startPlan(live: KubeObject | undefined, next: KubeObject, stableTemplate?: unknown): StartPlan {
  const steps: unknown[] = Array.isArray(next.spec?.strategy?.canary?.steps) ? next.spec.strategy.canary.steps : [];
  const blueGreen = next.spec?.strategy?.blueGreen;
  if (!live) {
    return { newRollout: true, newRevision: true, step: steps.length, steps: steps.length, description: 'new Rollout: its first revision is deployed at once (the controller skips the steps)' };
  }
  const templateChanged = canonical(live.spec?.template) !== canonical(next.spec?.template);
  if (templateChanged) {
    if (stableTemplate !== undefined && next.spec?.template && deepDerivative(withoutHash(next.spec.template), stableTemplate)) {
      return { newRollout: false, newRevision: false, step: steps.length, steps: steps.length, description: 'the template is the stable revision again: the controller rolls back to it at once, skipping the steps' };
    }
    if (blueGreen) {
      const auto = blueGreen.autoPromotionEnabled !== false;
      return { newRollout: false, newRevision: true, steps: 0, description: `new revision: a preview ReplicaSet is created${auto ? ' and promoted automatically' : ', then the rollout pauses until it is promoted'}` };
    }
    if (steps.length === 0) return { newRollout: false, newRevision: true, step: 0, steps: 0, description: 'new revision: a rolling update without steps' };
    return { newRollout: false, newRevision: true, step: 0, steps: steps.length, description: `new revision: begins at step 1/${steps.length} (${describeStep(steps[0])})` };
  }
  const stepsChanged = canonical(live.spec?.strategy?.canary?.steps) !== canonical(next.spec?.strategy?.canary?.steps);
  const midUpdate = (live.status?.currentPodHash ?? '') !== (live.status?.stableRS ?? '');
  if (stepsChanged && midUpdate && steps.length > 0) {
    return { newRollout: false, newRevision: false, step: 0, steps: steps.length, description: `no new revision, but the steps changed during an update: it restarts at step 1/${steps.length} (${describeStep(steps[0])})` };
  }
  const idx = typeof live.status?.currentStepIndex === 'number' ? live.status.currentStepIndex : undefined;
  return { newRollout: false, newRevision: false, step: idx, steps: steps.length, description: 'no new revision: the pod template is unchanged' };
}

export interface StartResult extends ActionResult {
  /** What the server returned for each document (the dry run's objects, or the applied ones). */
  applied: KubeObject[];
  /** The live Rollout before applying (undefined: it does not exist yet). */
  live?: KubeObject;
  plan: StartPlan;
}

/**
 * Applies the Rollout `name` of `manifest` and the AnalysisTemplates of the manifest it uses —
 * templates first, so the Rollout never references a missing one. `dryRun: true` changes nothing
 * (use its `applied[…]` against `live` for the diff); then call again with `dryRun: false`.
 */
export async function start(kc: KubeConfig, namespace: string, name: string, manifest: string, options: { dryRun: boolean }): Promise<StartResult> {
  const rec = new Recorder(kc);
  let docs: ManifestDoc[];
  try {
    docs = manifestDocs(manifest);
  } catch (err) {
    throw rec.fail((err as Error).message);
  }
  const rollout = docs.find((d) => d.object.kind === 'Rollout' && d.object.metadata?.name === name);
  if (!rollout) throw rec.fail(`the manifest has no Rollout named "${name}"`);
  const refs = referencedTemplates(rollout.object);
  const templates = docs.filter((d) => (d.object.kind === 'AnalysisTemplate' && refs.namespaced.has(d.object.metadata?.name)) || (d.object.kind === 'ClusterAnalysisTemplate' && refs.cluster.has(d.object.metadata?.name)));

  let live: KubeObject | undefined;
  try {
    live = await getRollout(rec, namespace, name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const applied: KubeObject[] = [];
  for (const doc of [...templates, rollout]) applied.push(await applyDoc(rec, namespace, doc, options.dryRun));
  const next = applied[applied.length - 1];

  let stableTemplate: unknown;
  const stable = live?.status?.stableRS;
  if (live && typeof stable === 'string' && stable && canonical(live.spec?.template) !== canonical(next.spec?.template)) {
    const rsType: ResourceType = { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet', namespaced: true };
    try {
      const rs = await rec.send<KubeObject>({ method: 'GET', path: objectPath(rsType, namespace, `${name}-${stable}`), verb: 'get', resource: describeTarget(rsType, namespace, `${name}-${stable}`) });
      stableTemplate = withoutHash(rs.spec?.template ?? {});
    } catch (err) {
      if (!(err instanceof ActionError)) throw err;
      // Unknown stable template (not found, not allowed): the plan just cannot tell a rollback.
    }
  }
  const plan = startPlan(live, next, stableTemplate);
  const what = applied.map((o, i) => `${[...templates, rollout][i].object.kind!.toLowerCase()}.argoproj.io/${o.metadata?.name} serverside-applied${options.dryRun ? ' (server dry run)' : ''}`);
  return { ...rec.done(what.join('\n'), next), applied, live, plan };
}

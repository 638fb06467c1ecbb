/**
 * Sends one executor action to its target's context with the existing actions (the kubectl
 * plugin's exact requests) or a JSON merge patch of the Rollout's annotations. Refuses any
 * context the plan does not list.
 */
import { annotationMergePatch, describeAction, planContexts, recordAnnotations, type WaveAction, type WavePlan } from '../../../server/src/semantics/waves';
import { abort, pause, promote, type SentRequest } from '../actions';
import { patchRollout, Recorder } from '../actions/request';
import { createAnalysisRun } from './analysis-run';
import type { ConfigFor } from './live-state';

export interface SentAction {
  action: WaveAction;
  text: string;
  requests: SentRequest[];
}

export const NOT_IN_PLAN = (context: string, plan: string): string => `context ${context} is not in plan ${plan}: nothing is sent to it`;

async function writeRecord(kc: ReturnType<ConfigFor>, action: Extract<WaveAction, { kind: 'record' | 'release' }>, plan: WavePlan, now: number): Promise<SentRequest[]> {
  const annotations =
    action.kind === 'release'
      ? recordAnnotations(plan.name, action.revision, { released: action.wave }, now, true)
      : recordAnnotations(plan.name, action.revision, action.update, now, action.fresh);
  const rec = new Recorder(kc);
  await patchRollout(rec, action.target.namespace, action.target.name, annotationMergePatch(annotations));
  return rec.requests;
}

export async function sendAction(plan: WavePlan, action: WaveAction, configFor: ConfigFor, now: number): Promise<SentAction> {
  const { context, namespace, name } = action.target;
  if (!planContexts(plan).includes(context)) throw new Error(NOT_IN_PLAN(context, plan.name));
  const kc = configFor(context);
  const text = describeAction(action);
  switch (action.kind) {
    case 'release':
    case 'record':
      return { action, text, requests: await writeRecord(kc, action, plan, now) };
    case 'promote':
      return { action, text, requests: (await promote(kc, namespace, name, { full: action.full })).requests };
    case 'abort':
      return { action, text, requests: (await abort(kc, namespace, name)).requests };
    case 'pause':
      return { action, text, requests: (await pause(kc, namespace, name)).requests };
    case 'startAnalysis':
      await createAnalysisRun(kc, action.gate, { runName: action.runName, namespace, plan: plan.name, wave: plan.waves[action.target.wave].name });
      return { action, text, requests: [] };
  }
}

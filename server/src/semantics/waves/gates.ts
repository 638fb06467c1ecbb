/**
 * A wave's gates, checked in the order they are written once every target of the wave is
 * released: the first gate that does not pass holds the next wave, with one sentence saying why.
 */
import { strAt } from '../status/objects';
import { analysisRunName, type AnalysisGate, type WaveAction } from './actions';
import { rfc3339 } from './annotations';
import { formatDuration } from './fields';
import { describeView, type TargetObservation, type TargetView } from './observe';
import type { PlanWave, WavePlan } from './plan';

export type GateOutcome =
  | { kind: 'pass' }
  | { kind: 'hold'; gate: number; reason: string; actions: WaveAction[] }
  | { kind: 'fail'; gate: number; reason: string };

export interface GateInput {
  plan: WavePlan;
  wave: PlanWave;
  views: TargetView[];
  observations: ReadonlyMap<string, TargetObservation>;
  now: number;
  /** Name of the wave after this one, for the sentence ("before wave americas starts"). */
  nextWave?: string;
}

const ANALYSIS_FAILED_PHASES = new Set(['Failed', 'Error', 'Inconclusive']);

/** Key of a target's observation in the map the executor is given. */
export const observationKey = (context: string, namespace: string): string => `${context}/${namespace}`;

const notHealthy = (views: TargetView[]): TargetView[] => views.filter((v) => v.state !== 'healthy');

/** When the wave was first seen healthy (earliest record), or undefined. */
export function waveHealthySince(views: TargetView[]): number | undefined {
  const times = views.map((v) => v.record?.gateStartedAt).filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : undefined;
}

function then(input: GateInput): string {
  return input.nextWave ? `before wave ${input.nextWave} starts` : 'before the plan is done';
}

function healthyGate(input: GateInput, gate: number): GateOutcome {
  const waiting = notHealthy(input.views);
  if (waiting.length === 0) return { kind: 'pass' };
  return { kind: 'hold', gate, actions: [], reason: `Wave ${input.wave.name} waits for every Rollout to be Healthy ${then(input)}: ${waiting.map(describeView).join('; ')}.` };
}

function bakeGate(input: GateInput, gate: number, seconds: number, text: string): GateOutcome {
  const waiting = notHealthy(input.views);
  if (waiting.length > 0) {
    return { kind: 'hold', gate, actions: [], reason: `Wave ${input.wave.name} bakes for ${text} once every Rollout is Healthy: ${waiting.map(describeView).join('; ')}.` };
  }
  const since = waveHealthySince(input.views) ?? input.now;
  const elapsed = (input.now - since) / 1000;
  if (elapsed >= seconds) return { kind: 'pass' };
  return {
    kind: 'hold',
    gate,
    actions: [],
    reason: `Wave ${input.wave.name} is baking: ${formatDuration(elapsed)} of ${text} since it became healthy; it passes at ${rfc3339(since + seconds * 1000)} ${then(input)}.`,
  };
}

function analysisGate(input: GateInput, gate: number, spec: AnalysisGate): GateOutcome {
  const waiting = notHealthy(input.views);
  if (waiting.length > 0) {
    return { kind: 'hold', gate, actions: [], reason: `Wave ${input.wave.name} runs analysis ${spec.templateName} once every Rollout is Healthy: ${waiting.map(describeView).join('; ')}.` };
  }
  const actions: WaveAction[] = [];
  const running: string[] = [];
  for (const view of input.views.filter((v) => spec.contexts.includes(v.target.context))) {
    const runName = analysisRunName(input.plan.name, input.wave.name, gate, view.revision);
    const run = input.observations.get(observationKey(view.target.context, view.target.namespace))?.analysisRuns?.[runName];
    const where = `${view.target.context}/${view.target.namespace}`;
    if (!run) {
      actions.push({ kind: 'startAnalysis', target: view.target, runName, gate: spec });
      running.push(`starting in ${where}`);
      continue;
    }
    const phase = strAt(run, 'status', 'phase');
    if (ANALYSIS_FAILED_PHASES.has(phase)) {
      const message = strAt(run, 'status', 'message');
      return { kind: 'fail', gate, reason: `Analysis ${spec.templateName} (AnalysisRun ${runName}) is ${phase} in ${where}${message ? `: ${message}` : ''}.` };
    }
    if (phase !== 'Successful') running.push(`${phase || 'Pending'} in ${where}`);
  }
  if (running.length === 0) return { kind: 'pass' };
  return { kind: 'hold', gate, actions, reason: `Wave ${input.wave.name} waits for analysis ${spec.templateName} ${then(input)}: ${running.join('; ')}.` };
}

function approvalGate(input: GateInput, gate: number): GateOutcome {
  if (input.views.some((v) => v.record?.approvedBy)) return { kind: 'pass' };
  return {
    kind: 'hold',
    gate,
    actions: [],
    reason: `Wave ${input.wave.name} waits for a person to approve it ${then(input)} (Approve on the wave board, or Fleet Rollouts: Approve Wave).`,
  };
}

/** The wave's gates in order: the first that does not pass decides. */
export function evaluateGates(input: GateInput): GateOutcome {
  for (const [i, g] of input.wave.gates.entries()) {
    const outcome =
      g.kind === 'healthy' ? healthyGate(input, i) : g.kind === 'bake' ? bakeGate(input, i, g.seconds, g.text) : g.kind === 'analysis' ? analysisGate(input, i, g) : approvalGate(input, i);
    if (outcome.kind !== 'pass') return outcome;
  }
  return { kind: 'pass' };
}

/** Who approved the wave, when someone did. */
export function approvalOf(views: TargetView[]): { by: string; at?: number } | undefined {
  const r = views.map((v) => v.record).find((rec) => rec?.approvedBy);
  return r?.approvedBy ? { by: r.approvedBy, at: r.approvedAt } : undefined;
}

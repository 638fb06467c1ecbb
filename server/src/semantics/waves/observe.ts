/**
 * One target of a plan as the executor sees it: the Rollout's phase and message (the plugin's own
 * computation, ../status), whether an update is pending, whether the plan released it for that
 * update, and whether it now waits at a pause the plan promotes past.
 */
import { getRolloutPhase } from '../status/rollout-phase';
import { at, boolAt, listAt, mapAt, strAt, type KubeObject } from '../status/objects';
import { readRecord, revisionOf, type TargetRecord } from './annotations';
import type { PlanTarget, WavePlan } from './plan';

/** What was read from one context for one target. */
export interface TargetObservation {
  /** The Rollout; null when the context answered 404. */
  rollout?: KubeObject | null;
  /** The context could not be read (unreachable, forbidden, …). */
  error?: string;
  /** AnalysisRuns of the plan's gates by name; null when the context answered 404. */
  analysisRuns?: Record<string, KubeObject | null>;
}

/**
 * - healthy: Healthy (for a canary or blue-green that also means at its stable revision);
 * - held: an update is pending and the plan has not released it;
 * - inProgress: released for the current revision, not Healthy yet;
 * - settling: nothing pending and not released, but not Healthy either (scaling, restarting);
 * - failed: Degraded (aborted, InvalidSpec, progress deadline exceeded);
 * - missing / unreachable: no Rollout, or the context could not be read.
 */
export type TargetState = 'healthy' | 'held' | 'inProgress' | 'settling' | 'failed' | 'missing' | 'unreachable';

export interface TargetView {
  target: PlanTarget;
  state: TargetState;
  /** The plugin's phase and message (`Paused`, `CanaryPauseStep`). */
  phase: string;
  message: string;
  revision: string;
  /** The plan's record for the current revision. */
  record?: TargetRecord;
  /** Paused at a pause the plan promotes past once the target is released. */
  atPlanPause: boolean;
  /** `spec.paused`: a person paused it; the plan never unpauses it. */
  manuallyPaused: boolean;
  /** Already aborted (nothing to send on failure). */
  aborted: boolean;
  rollout?: KubeObject;
  error?: string;
}

const PROMOTABLE_PAUSES = new Set(['CanaryPauseStep', 'BlueGreenPause']);

/** A canary paused at a `pause` step without a duration (or a blue-green waiting for promotion). */
function pausedIndefinitely(ro: KubeObject): boolean {
  const reasons = listAt(ro, 'status', 'pauseConditions').map((c) => strAt(c, 'reason'));
  if (!reasons.some((r) => PROMOTABLE_PAUSES.has(r))) return false;
  if (reasons.includes('BlueGreenPause')) return true;
  const steps = listAt(ro, 'spec', 'strategy', 'canary', 'steps');
  const index = at(ro, 'status', 'currentStepIndex');
  const step = steps[typeof index === 'number' ? index : 0];
  const pause = mapAt(step, 'pause');
  return pause !== undefined && (pause.duration === undefined || pause.duration === null);
}

function wasAborted(ro: KubeObject): boolean {
  return boolAt(ro, 'status', 'abort') || listAt(ro, 'status', 'conditions').some((c) => strAt(c, 'reason') === 'RolloutAborted');
}

/** Whether the plan's promotion would move this Rollout now (step: an indefinite pause; full: not yet fully promoted). */
function atPlanPause(ro: KubeObject, promotion: WavePlan['promotion'], phase: string): boolean {
  if (boolAt(ro, 'spec', 'paused') || phase === 'Healthy' || phase === 'Degraded') return false;
  if (promotion === 'full') return !boolAt(ro, 'status', 'promoteFull') && strAt(ro, 'status', 'currentPodHash') !== strAt(ro, 'status', 'stableRS');
  return phase === 'Paused' && pausedIndefinitely(ro);
}

export function viewTarget(plan: WavePlan, target: PlanTarget, seen: TargetObservation | undefined): TargetView {
  const base = { target, revision: '', atPlanPause: false, manuallyPaused: false, aborted: false };
  if (!seen || seen.error !== undefined) return { ...base, state: 'unreachable', phase: '', message: '', error: seen?.error ?? 'not read yet' };
  const ro = seen.rollout;
  if (!ro) return { ...base, state: 'missing', phase: '', message: `no Rollout ${target.namespace}/${target.name}` };
  const { status: phase, message } = getRolloutPhase(ro);
  const record = readRecord(ro, plan.name);
  const pending = strAt(ro, 'status', 'currentPodHash') !== strAt(ro, 'status', 'stableRS');
  const state: TargetState =
    phase === 'Degraded' ? 'failed' : phase === 'Healthy' && !pending ? 'healthy' : record?.releasedBy ? 'inProgress' : pending ? 'held' : 'settling';
  return {
    target,
    state,
    phase,
    message,
    revision: revisionOf(ro),
    record,
    atPlanPause: atPlanPause(ro, plan.promotion, phase),
    manuallyPaused: boolAt(ro, 'spec', 'paused'),
    aborted: wasAborted(ro),
    rollout: ro,
  };
}

/** `edge-eu-1/payments: Paused (CanaryPauseStep)`. */
export function describeView(v: TargetView): string {
  const where = `${v.target.context}/${v.target.namespace}`;
  if (v.state === 'unreachable') return `${where}: cannot be read (${v.error})`;
  if (v.state === 'missing') return `${where}: no Rollout ${v.target.name}`;
  return `${where}: ${v.phase}${v.message ? ` (${v.message})` : ''}`;
}

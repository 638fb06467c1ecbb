/**
 * The executor's core: from a plan, what was read from its contexts and the clock, the next step.
 * Pure and idempotent: deciding again on the same observations gives the same actions, and every
 * action's effect is visible in the next observations (records are annotations on the Rollouts),
 * so a restarted editor or a second person continues where the plan stands.
 *
 *   waves in order → the first wave not complete is active:
 *     release held targets while fewer than maxUnavailable are in progress (the first release of a
 *     wave needs a person's confirmation, and the wave holds until then), then check its gates once
 *     every target is released;
 *     a wave is complete when its gates pass and every Rollout of it is Healthy;
 *   promote released targets that wait at a pause (step) or are not fully promoted (full);
 *   a Degraded target or a failed analysis stops the plan: abort (or pause) and record why.
 */
import type { WaveAction } from './actions';
import { evaluateGates, observationKey, waveHealthySince } from './gates';
import { describeView, viewTarget, type TargetObservation, type TargetView } from './observe';
import { NOTHING_PENDING, RELEASE_NEEDS_CONFIRMATION } from './messages';
import { planTargets, type PlanTarget, type PlanWave, type WavePlan } from './plan';

/** `holding`: a gate, maxUnavailable, a person (to confirm, approve or resume) or an unreadable context holds the active wave; nothing moves. */
export type PlanStatus = 'running' | 'holding' | 'done' | 'failed' | 'aborted';
export type WaveStage = 'done' | 'active' | 'waiting' | 'failed';

export interface WaveProgress {
  index: number;
  name: string;
  stage: WaveStage;
  /** One sentence: why the wave is where it is. */
  reason: string;
  /** The gate that holds the wave (index into wave.gates). */
  holdingGate?: number;
  /** When every Rollout of the wave was first seen Healthy. */
  healthySince?: number;
}

export interface Decision {
  status: PlanStatus;
  /** The wave being rolled out (or that failed). */
  activeWave?: number;
  /** What a person reads about the plan now. */
  sentence: string;
  actions: WaveAction[];
  /** The first release of a wave: a person confirms these targets before anything is sent. */
  confirm?: { wave: number; targets: PlanTarget[] };
  waves: WaveProgress[];
  views: TargetView[];
}

export interface DecideInput {
  plan: WavePlan;
  /** By `observationKey(context, namespace)`. */
  observations: ReadonlyMap<string, TargetObservation>;
  now: number;
}

export function viewsOf(plan: WavePlan, observations: ReadonlyMap<string, TargetObservation>): TargetView[] {
  return planTargets(plan).map((t) => viewTarget(plan, t, observations.get(observationKey(t.context, t.namespace))));
}

const readable = (v: TargetView): boolean => v.state !== 'unreachable' && v.state !== 'missing';

/**
 * What stopping the plan sends: abort (or pause) every target not yet Healthy, and record the stop
 * with its reason on every Rollout of the plan so nobody (and no restart) continues it.
 */
export function stopActions(plan: WavePlan, views: TargetView[], stop: 'failed' | 'aborted', reason: string, onFailure: WavePlan['onFailure']): WaveAction[] {
  const actions: WaveAction[] = [];
  for (const v of views.filter(readable)) {
    if (onFailure === 'abort' && v.state !== 'healthy' && v.state !== 'settling' && !v.aborted) actions.push({ kind: 'abort', target: v.target });
    if (onFailure === 'pause' && v.state === 'inProgress' && !v.manuallyPaused) actions.push({ kind: 'pause', target: v.target });
  }
  for (const v of views.filter(readable)) {
    if (v.revision) actions.push({ kind: 'record', target: v.target, revision: v.revision, update: { stop, reason }, fresh: !v.record });
  }
  return actions;
}

function promotions(plan: WavePlan, views: TargetView[]): WaveAction[] {
  return views.filter((v) => v.state === 'inProgress' && v.atPlanPause).map((v) => ({ kind: 'promote', target: v.target, full: plan.promotion === 'full' }));
}

function failureOf(views: TargetView[]): string | undefined {
  const failed = views.find((v) => v.state === 'failed');
  return failed ? `${describeView(failed)}.` : undefined;
}

/** Releases of the active wave within maxUnavailable, and what holds the rest. */
function releases(plan: WavePlan, wave: PlanWave, views: TargetView[]): { actions: WaveAction[]; released: TargetView[]; reason?: string } {
  const inProgress = views.filter((v) => v.state === 'inProgress');
  const held = views.filter((v) => v.state === 'held');
  const capacity = Math.max(0, wave.maxUnavailable - inProgress.length);
  const released = held.slice(0, capacity);
  const actions: WaveAction[] = [];
  for (const v of released) {
    actions.push({ kind: 'release', target: v.target, wave: wave.name, revision: v.revision });
    if (v.atPlanPause) actions.push({ kind: 'promote', target: v.target, full: plan.promotion === 'full' });
  }
  const left = held.slice(capacity);
  const reason = left.length
    ? `Wave ${wave.name} promotes at most ${wave.maxUnavailable} context${wave.maxUnavailable === 1 ? '' : 's'} at a time: ${left.map((v) => v.target.context).join(', ')} wait${left.length === 1 ? 's' : ''} for ${[...inProgress, ...released].map(describeView).join('; ')}.`
    : undefined;
  return { actions, released, reason };
}

/** Records are bookkeeping: a round that only writes them moves nothing, so the plan still holds. */
const statusOf = (actions: WaveAction[]): PlanStatus => (actions.some((a) => a.kind !== 'record') ? 'running' : 'holding');

function manualHolds(views: TargetView[]): string | undefined {
  const paused = views.filter((v) => v.state === 'inProgress' && v.manuallyPaused);
  if (paused.length === 0) return undefined;
  return `${paused.map((v) => `${v.target.context}/${v.target.namespace}`).join(', ')} ${paused.length === 1 ? 'was' : 'were'} paused by a person; the plan waits until ${paused.length === 1 ? 'it is' : 'they are'} resumed.`;
}

export function decide(input: DecideInput): Decision {
  const { plan, now } = input;
  const views = viewsOf(plan, input.observations);
  const waves: WaveProgress[] = plan.waves.map((w) => ({ index: w.index, name: w.name, stage: 'waiting', reason: 'Waits for the waves before it.' }));
  const byWave = (w: PlanWave): TargetView[] => views.filter((v) => v.target.wave === w.index);

  const stopped = views.find((v) => v.record?.stop);
  if (stopped?.record?.stop) {
    const status = stopped.record.stop;
    const reason = stopped.record.stopReason || `stopped in ${stopped.target.context}`;
    const at = plan.waves.findIndex((w) => byWave(w).some((v) => v.state !== 'healthy'));
    if (at >= 0) Object.assign(waves[at], { stage: 'failed', reason });
    return { status, activeWave: at >= 0 ? at : undefined, sentence: `Plan ${plan.name} ${status === 'aborted' ? 'was aborted' : 'failed'}: ${reason}`, actions: [], waves, views };
  }

  const actions: WaveAction[] = [];
  for (const wave of plan.waves) {
    const wv = byWave(wave);
    const progress = waves[wave.index];
    progress.healthySince = waveHealthySince(wv);
    const failure = failureOf(wv);
    if (failure) {
      Object.assign(progress, { stage: 'failed', reason: failure });
      return { status: 'failed', activeWave: wave.index, sentence: `Plan ${plan.name} failed in wave ${wave.name}: ${failure}`, actions: stopActions(plan, views, 'failed', failure, plan.onFailure), waves, views };
    }
    actions.push(...promotions(plan, wv));
    const rel = releases(plan, wave, wv);
    const started = wv.some((v) => v.record?.releasedBy) || rel.released.length > 0;
    actions.push(...rel.actions);
    if (rel.released.length > 0 && !wv.some((v) => v.record?.releasedBy)) {
      const confirm = { wave: wave.index, targets: rel.released.map((v) => v.target) };
      // Nothing of this wave moves until a person confirms: its gates are not what holds it yet.
      const reason = rel.reason ? `${RELEASE_NEEDS_CONFIRMATION(wave.name, confirm.targets)} ${rel.reason}` : RELEASE_NEEDS_CONFIRMATION(wave.name, confirm.targets);
      Object.assign(progress, { stage: 'active', reason });
      return { status: 'holding', activeWave: wave.index, sentence: reason, actions, confirm, waves, views };
    }
    const unread = wv.filter((v) => !readable(v));
    const hold = rel.reason ?? manualHolds(wv) ?? (unread.length ? `Wave ${wave.name} cannot finish: ${unread.map(describeView).join('; ')}.` : undefined);
    if (hold) {
      Object.assign(progress, { stage: 'active', reason: hold });
      return { status: statusOf(actions), activeWave: wave.index, sentence: hold, actions, waves, views };
    }
    if (!started) {
      Object.assign(progress, { stage: 'done', reason: 'Nothing to roll out in this wave.' });
      continue;
    }
    if (wave.gates.length > 0 && progress.healthySince === undefined && wv.every((v) => v.state === 'healthy')) {
      progress.healthySince = now;
      for (const v of wv) actions.push({ kind: 'record', target: v.target, revision: v.revision, update: { gateStartedAt: now }, fresh: !v.record });
    }
    const next = plan.waves[wave.index + 1]?.name;
    const gates = evaluateGates({ plan, wave, views: wv, observations: input.observations, now, nextWave: next });
    if (gates.kind === 'fail') {
      Object.assign(progress, { stage: 'failed', reason: gates.reason, holdingGate: gates.gate });
      return { status: 'failed', activeWave: wave.index, sentence: `Plan ${plan.name} failed in wave ${wave.name}: ${gates.reason}`, actions: stopActions(plan, views, 'failed', gates.reason, plan.onFailure), waves, views };
    }
    if (gates.kind === 'hold') {
      actions.push(...gates.actions);
      Object.assign(progress, { stage: 'active', reason: gates.reason, holdingGate: gates.gate });
      return { status: statusOf(actions), activeWave: wave.index, sentence: gates.reason, actions, waves, views };
    }
    // Targets released by this very decision are still `held` in these views.
    const rolling = wv.filter((v) => v.state === 'inProgress' || v.state === 'held');
    if (rolling.length > 0) {
      const reason = `Wave ${wave.name} ${wave.gates.length ? 'passed its gates and ' : ''}waits for every Rollout to be Healthy ${next ? `before wave ${next} starts` : 'before the plan is done'}: ${rolling.map(describeView).join('; ')}.`;
      Object.assign(progress, { stage: 'active', reason });
      return { status: 'running', activeWave: wave.index, sentence: reason, actions, waves, views };
    }
    Object.assign(progress, { stage: 'done', reason: wave.gates.length ? 'Every Rollout is Healthy and every gate passed.' : 'Every Rollout is Healthy.' });
  }
  const anything = views.some((v) => v.record?.releasedBy);
  return { status: 'done', sentence: anything ? `Plan ${plan.name} is done: every wave passed its gates.` : NOTHING_PENDING, actions, waves, views };
}

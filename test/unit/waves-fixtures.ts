// Builders for the wave executor tests: plans and live Rollouts in the shapes the Argo Rollouts
// controller writes (status.phase/message, pause conditions, pod hashes), plus the plan's records.
import { ANNOTATIONS, observationKey, parseWavePlan, rfc3339, type TargetObservation, type WavePlan } from '../../server/src/semantics/waves';

export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const STEPS = [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '30s' } }];

export function planObject(spec: Record<string, unknown>, name = 'checkout'): Record<string, unknown> {
  return { apiVersion: 'fleetrollouts.dev/v1alpha1', kind: 'WavePlan', metadata: { name }, spec: { rollout: { namespace: 'payments', name: 'checkout' }, ...spec } };
}

export function plan(spec: Record<string, unknown>): WavePlan {
  const { plan: p, problems } = parseWavePlan(planObject(spec));
  if (!p) throw new Error(`fixture plan has problems: ${problems.map((x) => x.message).join('; ')}`);
  return p;
}

/** The two-wave plan of the cluster test: edge-eu-1, then edge-us-1. */
export const twoWaves = (gates: unknown[] = [{ healthy: {} }, { bake: '5m' }, { approval: {} }], extra: Record<string, unknown> = {}): WavePlan =>
  plan({ waves: [{ name: 'europe', contexts: ['edge-eu-1'], gates }, { name: 'americas', contexts: ['edge-us-1'] }], ...extra });

export type RolloutShape = 'held' | 'heldProgressing' | 'pausedTimed' | 'progressing' | 'healthy' | 'degraded' | 'manuallyPaused' | 'inconclusive' | 'stableSettling';

interface RolloutOptions {
  annotations?: Record<string, string>;
  revision?: string;
}

/** A Rollout as the controller leaves it in each situation the executor must tell apart. */
export function rollout(shape: RolloutShape, options: RolloutOptions = {}): Record<string, unknown> {
  const revision = options.revision ?? 'new';
  const status: Record<string, unknown> = { observedGeneration: '3', currentPodHash: revision, stableRS: 'old', currentStepIndex: 1, pauseConditions: null };
  const spec: Record<string, unknown> = { replicas: 4, strategy: { canary: { steps: STEPS } } };
  const set = (phase: string, message: string): void => void Object.assign(status, { phase, message });
  switch (shape) {
    case 'held':
      set('Paused', 'CanaryPauseStep');
      status.pauseConditions = [{ reason: 'CanaryPauseStep', startTime: '2026-03-01T11:00:00Z' }];
      status.controllerPause = true;
      break;
    case 'heldProgressing':
      set('Progressing', 'more replicas need to be updated');
      status.currentStepIndex = 0;
      break;
    case 'pausedTimed':
      set('Paused', 'CanaryPauseStep');
      status.currentStepIndex = 3;
      status.pauseConditions = [{ reason: 'CanaryPauseStep', startTime: '2026-03-01T11:59:50Z' }];
      status.controllerPause = true;
      break;
    case 'inconclusive':
      set('Paused', 'InconclusiveAnalysisRun');
      status.pauseConditions = [{ reason: 'InconclusiveAnalysisRun', startTime: '2026-03-01T11:59:50Z' }];
      break;
    case 'progressing':
      set('Progressing', 'more replicas need to be updated');
      status.currentStepIndex = 2;
      break;
    case 'healthy':
      set('Healthy', '');
      status.stableRS = revision;
      status.currentStepIndex = 4;
      break;
    case 'stableSettling':
      set('Progressing', 'updated replicas are still becoming available');
      status.stableRS = revision;
      break;
    case 'degraded':
      set('Degraded', 'RolloutAborted: Rollout aborted update to revision 3');
      status.abort = true;
      status.conditions = [{ type: 'Progressing', status: 'False', reason: 'RolloutAborted', message: 'Rollout aborted update to revision 3' }];
      break;
    case 'manuallyPaused':
      set('Paused', 'manually paused');
      spec.paused = true;
      status.currentStepIndex = 2;
      break;
  }
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'checkout', namespace: 'payments', generation: 3, annotations: options.annotations ?? {} }, spec, status };
}

/** The plan's record on a Rollout (released by `wave`, and whatever else is given). */
export function record(wave: string | undefined, extra: { gateStartedAt?: number; approvedBy?: string; stop?: string; reason?: string } = {}, revision = 'new', planName = 'checkout'): Record<string, string> {
  const a: Record<string, string> = { [ANNOTATIONS.plan]: planName, [ANNOTATIONS.revision]: revision };
  if (wave) Object.assign(a, { [ANNOTATIONS.wave]: wave, [ANNOTATIONS.releasedAt]: rfc3339(NOW - 600_000) });
  if (extra.gateStartedAt !== undefined) a[ANNOTATIONS.gateStartedAt] = rfc3339(extra.gateStartedAt);
  if (extra.approvedBy) Object.assign(a, { [ANNOTATIONS.approvedBy]: extra.approvedBy, [ANNOTATIONS.approvedAt]: rfc3339(NOW - 1000) });
  if (extra.stop) Object.assign(a, { [ANNOTATIONS.planState]: extra.stop, [ANNOTATIONS.planStateReason]: extra.reason ?? '' });
  return a;
}

/** Observations by context (namespace payments). */
export function seen(byContext: Record<string, TargetObservation>): Map<string, TargetObservation> {
  return new Map(Object.entries(byContext).map(([ctx, o]) => [observationKey(ctx, 'payments'), o]));
}

export const ro = (shape: RolloutShape, options: RolloutOptions = {}): TargetObservation => ({ rollout: rollout(shape, options) });

/**
 * Phase and message of a Rollout, exactly as `kubectl argo rollouts get/status/list` and the
 * dashboard compute them: `GetRolloutPhase` and `CalculateRolloutPhase` of
 * utils/rollout/rolloututil.go (argo-rollouts.md §4.1).
 */
import { asString, at, boolAt, intAt, listAt, mapAt, optIntAt, strAt, timeAt, timeEqual, type KubeObject } from './objects';

/** The phases the controller writes to `status.phase`; a live object may carry any string there. */
export type RolloutPhase = 'Healthy' | 'Progressing' | 'Paused' | 'Degraded';

export interface PhaseAndMessage {
  /** One of {@link RolloutPhase}, or whatever a controller stored in `status.phase`. */
  status: string;
  message: string;
}

/** Annotation the controller sets on a Rollout whose template comes from `spec.workloadRef`. */
export const WORKLOAD_GENERATION_ANNOTATION = 'rollout.argoproj.io/workload-generation';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const INT32_MAX = 2147483647n;
const INT32_MIN = -2147483648n;

/** Go's strconv.Atoi / ParseInt(s, 10, bits): optional sign, ASCII digits, in range; else undefined. */
function goParseInt(s: string, min: bigint, max: bigint): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < min || n > max ? undefined : n;
}

/**
 * Has the controller seen the current spec? `status.observedGeneration` is numeric since v0.10;
 * a v0.9 rollout stores a hash there, which counts as observed (`isGenerationObserved`).
 */
export function isGenerationObserved(ro: KubeObject): boolean {
  const observed = goParseInt(strAt(ro, 'status', 'observedGeneration'), INT64_MIN, INT64_MAX);
  if (observed === undefined) return true;
  const generation = BigInt(intAt(ro, 'metadata', 'generation'));
  // A v0.9 hash can be all digits; it is then usually larger than the generation.
  if (observed > generation) return true;
  return observed === generation;
}

/** A user cleared the pause conditions and the controller has not reacted yet (`IsUnpausing`). */
export function isUnpausing(ro: KubeObject): boolean {
  return boolAt(ro, 'status', 'controllerPause') && listAt(ro, 'status', 'pauseConditions').length === 0;
}

/** `isWorkloadGenerationObserved`: the workload-generation annotation against `status.workloadObservedGeneration`. */
export function isWorkloadGenerationObserved(ro: KubeObject): boolean {
  const annotations = mapAt(ro, 'metadata', 'annotations');
  if (!annotations || !(WORKLOAD_GENERATION_ANNOTATION in annotations)) return true;
  const workloadGeneration = goParseInt(asString(annotations[WORKLOAD_GENERATION_ANNOTATION]), INT32_MIN, INT32_MAX);
  if (workloadGeneration === undefined) return true;
  const observed = goParseInt(strAt(ro, 'status', 'workloadObservedGeneration'), INT32_MIN, INT32_MAX);
  if (observed === undefined) return true;
  return observed === workloadGeneration;
}

export interface PhaseOptions {
  /**
   * `spec.TemplateResolvedFromRef`: set only inside the controller after it copied the template of
   * `spec.workloadRef` (the field is `json:"-"`), so never true for an object read from the API.
   */
  templateResolvedFromRef?: boolean;
}

/**
 * `GetRolloutPhase`: what every client shows. Checks that the controller has observed the spec,
 * then uses the controller's own `status.phase`/`status.message` (controllers ≥ 1.0), and only
 * computes the phase itself for older controllers.
 */
export function getRolloutPhase(ro: KubeObject, options: PhaseOptions = {}): PhaseAndMessage {
  if (!isGenerationObserved(ro)) return { status: 'Progressing', message: 'waiting for rollout spec update to be observed' };
  if (isUnpausing(ro)) return { status: 'Progressing', message: 'waiting for rollout to unpause' };
  if (options.templateResolvedFromRef && !isWorkloadGenerationObserved(ro)) {
    return { status: 'Progressing', message: 'waiting for rollout spec update to be observed for the reference workload' };
  }
  const phase = strAt(ro, 'status', 'phase');
  if (phase !== '') return { status: phase, message: strAt(ro, 'status', 'message') };
  return calculateRolloutPhase(mapAt(ro, 'spec') ?? {}, mapAt(ro, 'status') ?? {});
}

/** `AnalysisPhase.Completed()`. */
export function analysisPhaseCompleted(phase: string): boolean {
  return phase === 'Successful' || phase === 'Failed' || phase === 'Error' || phase === 'Inconclusive';
}

/**
 * `CalculateRolloutPhase(spec, status)`: the controller's own computation (what it stores in
 * `status.phase`/`status.message`), and the clients' fallback for controllers before 1.0.
 */
export function calculateRolloutPhase(spec: KubeObject, status: KubeObject): PhaseAndMessage {
  for (const cond of listAt(status, 'conditions')) {
    if (strAt(cond, 'type') === 'InvalidSpec') return { status: 'Degraded', message: `InvalidSpec: ${strAt(cond, 'message')}` };
    const reason = strAt(cond, 'reason');
    if (reason === 'RolloutAborted' || reason === 'ProgressDeadlineExceeded') return { status: 'Degraded', message: `${reason}: ${strAt(cond, 'message')}` };
  }
  if (boolAt(spec, 'paused')) return { status: 'Paused', message: 'manually paused' };
  const pauseConditions = listAt(status, 'pauseConditions');
  if (pauseConditions.length > 0) return { status: 'Paused', message: strAt(pauseConditions[0], 'reason') };
  const restartAt = at(spec, 'restartAt');
  if (restartAt !== undefined && restartAt !== null) {
    const restartedAt = at(status, 'restartedAt');
    if (restartedAt === undefined || restartedAt === null || !timeEqual(timeAt(spec, 'restartAt'), timeAt(status, 'restartedAt'))) {
      return { status: 'Progressing', message: 'rollout is restarting' };
    }
  }
  const updated = intAt(status, 'updatedReplicas');
  if (updated < (optIntAt(spec, 'replicas') ?? 1)) return { status: 'Progressing', message: 'more replicas need to be updated' };
  if (intAt(status, 'availableReplicas') < updated) return { status: 'Progressing', message: 'updated replicas are still becoming available' };

  const stableRS = strAt(status, 'stableRS');
  const currentPodHash = strAt(status, 'currentPodHash');
  const blueGreen = mapAt(spec, 'strategy', 'blueGreen');
  const canary = mapAt(spec, 'strategy', 'canary');
  if (blueGreen) {
    const activeSelector = strAt(status, 'blueGreen', 'activeSelector');
    if (activeSelector === '' || activeSelector !== currentPodHash) return { status: 'Progressing', message: 'active service cutover pending' };
    if (stableRS === '' || stableRS !== currentPodHash) {
      // The active service already points at the new pods, but they are not stable yet: either
      // post-promotion analysis or post-promotion verification (target group checks) is pending.
      const post = mapAt(status, 'blueGreen', 'postPromotionAnalysisRunStatus');
      if (mapAt(blueGreen, 'postPromotionAnalysis') && (!post || !analysisPhaseCompleted(strAt(post, 'status')))) {
        return { status: 'Progressing', message: 'waiting for analysis to complete' };
      }
      return { status: 'Progressing', message: 'waiting for post-promotion verification to complete' };
    }
  } else if (canary) {
    // Only a basic canary: blue-green and traffic-routed canaries keep old pods during scaleDownDelay.
    if (!mapAt(canary, 'trafficRouting') && intAt(status, 'replicas') > updated) {
      return { status: 'Progressing', message: 'old replicas are pending termination' };
    }
    if (stableRS === '' || stableRS !== currentPodHash) return { status: 'Progressing', message: 'waiting for all steps to complete' };
  }
  return { status: 'Healthy', message: '' };
}

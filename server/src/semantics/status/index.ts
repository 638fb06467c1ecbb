/**
 * Rollout status exactly as `kubectl argo rollouts` computes and prints it (argo-rollouts.md §4).
 *
 *   const info = rolloutStatus({ rollout, replicaSets, pods, experiments, analysisRuns });
 *   info.status, info.message, info.step, info.revisions …   // the model (model.ts)
 *   renderRollout(info, { now: Date.now(), color: false })  // the `get rollout` text
 *
 * Pure: no I/O, no clock (render functions take `now`), safe to bundle into the client.
 */
import { newRolloutInfo, type RolloutObjects } from './rollout-info';
import { experimentInfo } from './analysis-info';
import type { ExperimentInfo, RolloutInfo } from './model';
import type { PhaseOptions } from './rollout-phase';
import type { ExperimentObjects } from './source';

/** The one status computation every view uses: the Rollout and its namespace's objects → the model. */
export function rolloutStatus(objects: RolloutObjects, options: PhaseOptions = {}): RolloutInfo {
  return newRolloutInfo(objects, options);
}

/** The model of a standalone `get experiment`. */
export function experimentStatus(objects: ExperimentObjects): ExperimentInfo {
  return experimentInfo(objects.experiment, objects.replicaSets, objects.analysisRuns, objects.pods);
}

export type { RolloutObjects } from './rollout-info';
export type * from './model';
export { getRolloutPhase, calculateRolloutPhase, type PhaseAndMessage, type RolloutPhase } from './rollout-phase';
export { renderRollout, renderExperiment, scaleDownDelay, CLEAR_SCREEN, type RenderOptions } from './render-get';
export { statusLine, watchStatusLine, statusError, isFinalStatus, WATCH_TIMEOUT_ERROR } from './render-status';
export { age, humanDuration } from './human-duration';
export * from './icons';
export * from './source';

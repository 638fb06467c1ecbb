/**
 * `kubectl argo rollouts promote [--full]` (PromoteRollout / getPatches of
 * pkg/kubectl-argo-rollouts/cmd/promote, argo-rollouts.md §3.1): GET the Rollout, then an optional
 * merge patch of `/status` (404 → the unified patch goes to the main resource instead), then an
 * optional merge patch of the spec.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../kube/resources';
import { getRollout, patchRollout, patchStatusWithFallback, Recorder, type ActionResult } from './request';

// The plugin's patch bodies, byte for byte (note the space after some commas).
export const UNPAUSE = '{"spec":{"paused":false}}';
export const CLEAR_PAUSE_CONDITIONS = '{"status":{"pauseConditions":null}}';
export const UNPAUSE_AND_CLEAR_PAUSE_CONDITIONS = '{"spec":{"paused":false},"status":{"pauseConditions":null}}';
export const PROMOTE_FULL = '{"status":{"promoteFull":true}}';
export const UNPAUSE_AND_PROMOTE_FULL = '{"spec":{"paused":false},"status":{"promoteFull":true}}';
export const clearPauseConditionsAndControllerPause = (step: number): string => `{"status":{"pauseConditions":null, "controllerPause":false, "currentStepIndex":${step}}}`;
export const clearPauseConditionsWithStep = (step: number): string => `{"status":{"pauseConditions":null, "currentStepIndex":${step}}}`;
export const unpauseAndClearPauseConditionsWithStep = (step: number): string => `{"spec":{"paused":false},"status":{"pauseConditions":null, "currentStepIndex":${step}}}`;

export interface PromotePatches {
  spec?: string;
  status?: string;
  /** Sent to the main resource instead of `spec` when `/status` is 404 (a Rollouts CRD before v0.10). */
  unified?: string;
}

const canaryOf = (ro: KubeObject): Record<string, unknown> | undefined => {
  const c = ro.spec?.strategy?.canary;
  return c && typeof c === 'object' ? c : undefined;
};
const stepsOf = (ro: KubeObject): unknown[] => {
  const steps = canaryOf(ro)?.steps;
  return Array.isArray(steps) ? steps : [];
};

/**
 * `replicasetutil.GetCurrentCanaryStep`'s index: undefined without a canary or without steps,
 * else `status.currentStepIndex` (0 when unset) — even past the last step.
 */
export function currentStepIndex(ro: KubeObject): number | undefined {
  if (!canaryOf(ro) || stepsOf(ro).length === 0) return undefined;
  const idx = ro.status?.currentStepIndex;
  return typeof idx === 'number' ? idx : 0;
}

/** The step after `idx`, not past the end (the plugin's `*index++` guarded by `< len(steps)`). */
function next(ro: KubeObject, idx: number): number {
  return idx < stepsOf(ro).length ? idx + 1 : idx;
}

/** `getPatches(rollout, false, false, full)`: which patches promote sends for this Rollout. */
export function promotePatches(ro: KubeObject, full = false): PromotePatches {
  const paused = ro.spec?.paused === true;
  const pauseConditions: unknown[] = Array.isArray(ro.status?.pauseConditions) ? ro.status.pauseConditions : [];
  if (full) {
    const p: PromotePatches = { unified: UNPAUSE_AND_PROMOTE_FULL };
    if (paused) p.spec = UNPAUSE;
    // Go compares the strings; unset fields are "" on both sides.
    if ((ro.status?.currentPodHash ?? '') !== (ro.status?.stableRS ?? '')) p.status = PROMOTE_FULL;
    return p;
  }
  const p: PromotePatches = { unified: UNPAUSE_AND_CLEAR_PAUSE_CONDITIONS };
  if (paused) p.spec = UNPAUSE;
  const inconclusive = canaryOf(ro) !== undefined && ro.status?.canary?.currentStepAnalysisRunStatus?.status === 'Inconclusive';
  if (inconclusive && pauseConditions.length > 0 && ro.status?.controllerPause === true) {
    // Clear the pause and the controller pause and move on, or the rollout stays stuck when the next step is a pause.
    const idx = currentStepIndex(ro);
    if (idx !== undefined) p.status = clearPauseConditionsAndControllerPause(next(ro, idx));
  } else if (pauseConditions.length > 0) {
    p.status = CLEAR_PAUSE_CONDITIONS;
  } else if (canaryOf(ro)) {
    // Not paused by the controller: promote past the running analysis/experiment/setWeight step.
    const idx = currentStepIndex(ro);
    if (idx !== undefined) {
      p.status = clearPauseConditionsWithStep(next(ro, idx));
      p.unified = unpauseAndClearPauseConditionsWithStep(next(ro, idx));
    }
  }
  return p;
}

/** Sends the patches of `promotePatches` in the plugin's order (status, then spec). */
export async function sendPromotePatches(rec: Recorder, namespace: string, name: string, patches: PromotePatches): Promise<KubeObject | undefined> {
  let spec = patches.spec;
  let object: KubeObject | undefined;
  if (patches.status !== undefined) {
    const res = await patchStatusWithFallback(rec, namespace, name, patches.status, undefined);
    if (res.fellBack) spec = patches.unified;
    else object = res.object;
  }
  if (spec !== undefined) object = await patchRollout(rec, namespace, name, spec);
  return object;
}

/**
 * Promotes a Rollout: a canary past its current pause (or running step), a blue-green past its
 * pre-promotion pause; `full` skips all remaining steps, analyses and pauses. Message as the
 * plugin prints it, also when nothing needed to be sent.
 */
export async function promote(kc: KubeConfig, namespace: string, name: string, options: { full?: boolean } = {}): Promise<ActionResult & { patches: PromotePatches }> {
  const rec = new Recorder(kc);
  const ro = await getRollout(rec, namespace, name);
  const patches = promotePatches(ro, options.full === true);
  const object = (await sendPromotePatches(rec, namespace, name, patches)) ?? ro;
  const shown = object.metadata?.name ?? name;
  return { ...rec.done(options.full ? `rollout '${shown}' fully promoted` : `rollout '${shown}' promoted`, object), patches };
}

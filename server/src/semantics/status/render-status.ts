/**
 * `kubectl argo rollouts status` (pkg/kubectl-argo-rollouts/cmd/status/status.go,
 * argo-rollouts.md §4.7): one line per status, and the error the command exits with.
 */
import type { PhaseAndMessage } from './rollout-phase';

/**
 * The line of `status NAME --watch=false`: the phase alone when Healthy or Degraded, otherwise
 * `<phase> - <message>` (even when the message is empty).
 */
export function statusLine(s: PhaseAndMessage): string {
  return s.status === 'Healthy' || s.status === 'Degraded' ? s.status : `${s.status} - ${s.message}`;
}

/** A line printed while watching: `<phase> - <message>`, or the phase alone when there is no message. */
export function watchStatusLine(s: PhaseAndMessage): string {
  return s.message !== '' ? `${s.status} - ${s.message}` : s.status;
}

/** Watching ends at these phases. */
export function isFinalStatus(s: PhaseAndMessage): boolean {
  return s.status === 'Healthy' || s.status === 'Degraded';
}

/** The command's error for a final status: only Degraded fails (printed as `Error: <text>`). */
export function statusError(s: PhaseAndMessage): string | undefined {
  return s.status === 'Degraded' ? `The rollout is in a degraded state with message: ${s.message}` : undefined;
}

/** The error when a watch ends (timeout or interrupt) before the rollout became Healthy or Degraded. */
export const WATCH_TIMEOUT_ERROR = 'Rollout status watch exceeded timeout';

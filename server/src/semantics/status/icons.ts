/**
 * Icons and tags of the Rollouts plugin (pkg/kubectl-argo-rollouts/info/info.go, cmd/get/get.go),
 * argo-rollouts.md §4.2–§4.4 and §4.6. The tree, the CLI and the wave board show the same glyphs.
 */

export const ICON_WAITING = '◷';
export const ICON_PROGRESSING = '◌';
export const ICON_WARNING = '⚠';
export const ICON_UNKNOWN = '?';
export const ICON_OK = '✔';
export const ICON_BAD = '✖';
export const ICON_PAUSED = '॥';
export const ICON_NEUTRAL = '•';
/** What the plugin shows for a status it has no icon for. */
export const ICON_NONE = ' ';

/** Kind glyphs of the `get rollout` tree. */
export const KIND_ICON = {
  Rollout: '⟳',
  Revision: '#',
  ReplicaSet: '⧉',
  Pod: '□',
  Job: '⊞',
  Experiment: 'Σ',
  AnalysisRun: 'α',
} as const;

export type ReplicaSetTag = 'canary' | 'stable' | 'active' | 'preview' | 'ping' | 'pong';

/** Icon of a Rollout phase (`rolloutIcon`). */
export function rolloutIcon(status: string): string {
  switch (status) {
    case 'Progressing':
      return ICON_PROGRESSING;
    case 'Error':
    case 'InvalidSpec':
      return ICON_WARNING;
    case 'Paused':
      return ICON_PAUSED;
    case 'Healthy':
      return ICON_OK;
    case 'Degraded':
      return ICON_BAD;
    case 'Unknown':
      return ICON_UNKNOWN;
    case 'ScaledDown':
      return ICON_NEUTRAL;
  }
  return ICON_NONE;
}

/** Icon of a ReplicaSet health (`replicaSetIcon`). */
export function replicaSetIcon(status: string): string {
  switch (status) {
    case 'Progressing':
      return ICON_PROGRESSING;
    case 'Healthy':
      return ICON_OK;
    case 'ReplicaFailure':
      return ICON_BAD;
    case 'ScaledDown':
      return ICON_NEUTRAL;
  }
  return ICON_NONE;
}

/** Icon of an AnalysisRun, Experiment or measurement phase (`analysisIcon`). */
export function analysisIcon(phase: string): string {
  switch (phase) {
    case 'Successful':
      return ICON_OK;
    case 'Inconclusive':
      return ICON_UNKNOWN;
    case 'Failed':
      return ICON_BAD;
    case 'Error':
      return ICON_WARNING;
    case 'Running':
      return ICON_PROGRESSING;
    case 'Pending':
      return ICON_WAITING;
  }
  return ICON_NONE;
}

/** Icon of a kubectl-style pod status (`podIcon`). */
export function podIcon(status: string): string {
  if (status.startsWith('Init:')) return ICON_PROGRESSING;
  if (status.startsWith('Signal:') || status.startsWith('ExitCode:')) return ICON_BAD;
  if (status.endsWith('Error') || status.startsWith('Err')) return ICON_WARNING;
  switch (status) {
    case 'Pending':
    case 'Terminating':
    case 'ContainerCreating':
      return ICON_PROGRESSING;
    case 'Running':
    case 'Completed':
      return ICON_OK;
    case 'Failed':
    case 'InvalidImageName':
    case 'CrashLoopBackOff':
      return ICON_BAD;
    case 'ImagePullBackOff':
    case 'RegistryUnavailable':
      return ICON_WARNING;
    case 'Unknown':
      return ICON_UNKNOWN;
  }
  return ICON_NONE;
}

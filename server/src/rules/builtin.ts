import type { Severity } from './rule';

export interface BuiltinInfo {
  id: string;
  description: string;
  severity: Severity;
  upstream: string;
}

/**
 * Conditions the engine itself detects while reading files, before any rule runs. They have
 * ids and docs like rules so that they can be configured, suppressed and looked up alike.
 */
export const BUILTIN = {
  syntax: {
    id: 'yaml/syntax',
    description: 'The YAML cannot be parsed.',
    severity: 'error',
    upstream: 'kubectl, Fleet and Argo CD all parse with sigs.k8s.io/yaml and reject the file.',
  },
  goTemplate: {
    id: 'yaml/go-template',
    description: 'The file contains Helm or Go-template markup outside strings; it is only meaningful after rendering and is skipped.',
    severity: 'info',
    upstream: 'Helm renders templates/ before anything is applied; Fleet renders values templates per cluster.',
  },
  aliasLimit: {
    id: 'yaml/alias-limit',
    description: 'The document expands YAML aliases beyond a safe limit (a "billion laughs" document) and is not checked.',
    severity: 'error',
    upstream: 'The Kubernetes API server rejects YAML alias bombs (sigs.k8s.io/yaml limits alias expansion).',
  },
  fileUnreadable: {
    id: 'file/unreadable',
    description: 'The file is binary, not UTF-8, or too large to be a manifest, and is not checked.',
    severity: 'error',
    upstream: 'kubectl and fleet apply fail on files that are not YAML text.',
  },
  unusedSuppression: {
    id: 'fleet-rollouts/unused-suppression',
    description: 'A `# fleet-rollouts-disable-next-line` comment that suppresses nothing.',
    severity: 'warning',
    upstream: 'Housekeeping: stale suppressions hide the next real finding.',
  },
  internalError: {
    id: 'fleet-rollouts/internal-error',
    description: 'A rule failed on this document; the other rules still ran. Please report it.',
    severity: 'info',
    upstream: 'None: a bug in Fleet Rollouts.',
  },
} as const satisfies Record<string, BuiltinInfo>;

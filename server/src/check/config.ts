import type { Severity } from '../rules/rule';

export type SeveritySetting = Severity | 'off';

export interface CheckConfig {
  /** Per rule id: a severity that replaces the rule's default, or `off`. */
  rules: Record<string, SeveritySetting>;
  /** Base URL of docs/rules.md; a rule's anchor is appended. */
  docsUrl: string;
}

export const DEFAULT_DOCS_URL = 'https://github.com/fleet-rollouts/fleet-rollouts/blob/main/docs/rules.md';

export function defaultConfig(): CheckConfig {
  return { rules: {}, docsUrl: DEFAULT_DOCS_URL };
}

const SETTINGS: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

export function isSeveritySetting(v: unknown): v is SeveritySetting {
  return typeof v === 'string' && SETTINGS.includes(v);
}

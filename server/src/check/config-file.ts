import { parse } from 'yaml';
import { isSeveritySetting, type SeveritySetting } from './config';

/** The repository's rule settings file, read by the CLI and the language server alike. */
export const CONFIG_FILE_NAME = '.fleet-rollouts.yaml';

export interface ConfigFile {
  rules: Record<string, SeveritySetting>;
  /** What was wrong with the file, one line each; the rest of the file still applies. */
  problems: string[];
}

/**
 * ```yaml
 * rules:
 *   fleet/max-unavailable-partitions-zero: error
 *   yaml/duplicate-key: off
 * ```
 */
export function parseConfigFile(text: string, knownRules: ReadonlySet<string>): ConfigFile {
  const problems: string[] = [];
  const rules: Record<string, SeveritySetting> = {};
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: false, maxAliasCount: 10 });
  } catch (err) {
    return { rules, problems: [`${CONFIG_FILE_NAME} is not valid YAML: ${(err as Error).message}`] };
  }
  if (data === null || data === undefined) return { rules, problems };
  if (typeof data !== 'object' || Array.isArray(data)) return { rules, problems: [`${CONFIG_FILE_NAME} must be a mapping with a 'rules' key`] };
  for (const key of Object.keys(data)) if (key !== 'rules') problems.push(`${CONFIG_FILE_NAME}: unknown key '${key}' (only 'rules' is read)`);
  const section = (data as Record<string, unknown>).rules;
  if (section === undefined || section === null) return { rules, problems };
  if (typeof section !== 'object' || Array.isArray(section)) return { rules, problems: [...problems, `${CONFIG_FILE_NAME}: 'rules' must map rule ids to a severity`] };
  for (const [id, value] of Object.entries(section)) {
    if (!knownRules.has(id)) problems.push(`${CONFIG_FILE_NAME}: unknown rule '${id}'`);
    else if (!isSeveritySetting(value)) problems.push(`${CONFIG_FILE_NAME}: rule '${id}' must be one of error, warning, info, hint, off (got ${JSON.stringify(value)})`);
    else rules[id] = value;
  }
  return { rules, problems };
}

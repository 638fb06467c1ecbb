import { isSeveritySetting, type SeveritySetting } from '../check/config';

export const SETTINGS_SECTION = 'fleetRollouts';

export interface ServerSettings {
  rules: Record<string, SeveritySetting>;
}

/** The `fleetRollouts` settings section, with anything malformed dropped rather than trusted. */
export function readSettings(raw: unknown): ServerSettings {
  const rules: Record<string, SeveritySetting> = {};
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const configured = section.rules;
  if (configured && typeof configured === 'object') {
    for (const [id, value] of Object.entries(configured)) if (isSeveritySetting(value)) rules[id] = value;
  }
  return { rules };
}

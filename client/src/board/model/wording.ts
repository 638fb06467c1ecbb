/**
 * What the board calls its rows in each mode — Fleet clusters, RollingSync Applications, WavePlan
 * contexts (a context and namespace) — in counts, the list filter and the empty detail pane.
 */
import type { BoardMode } from './types';

const NOUN: Record<BoardMode, { one: string; many: string }> = {
  fleet: { one: 'cluster', many: 'clusters' },
  rollingSync: { one: 'Application', many: 'Applications' },
  directWaves: { one: 'context', many: 'contexts' },
};

/** `cluster` / `clusters`, `context` / `contexts` … for a count of n rows. */
export const rowNoun = (mode: BoardMode, n: number): string => (n === 1 ? NOUN[mode].one : NOUN[mode].many);

/** `1 context`, `2 contexts`. */
export const rowCount = (mode: BoardMode, n: number): string => `${n} ${rowNoun(mode, n)}`;

const FILTER: Record<BoardMode, string> = {
  fleet: 'name, label value, state',
  rollingSync: 'name, label value, status, Rollout',
  directWaves: 'context, namespace, state',
};

export const filterPlaceholder = (mode: BoardMode): string => `Filter ${NOUN[mode].many} (${FILTER[mode]})`;
export const filterLabel = (mode: BoardMode): string => `Filter ${NOUN[mode].many}`;

const DETAIL: Record<BoardMode, string> = {
  fleet: 'its BundleDeployment, partitions, non-ready resources and canary',
  rollingSync: 'its RollingSync step, sync, health and destination',
  directWaves: 'its Rollout, revision, wave and whether the wave released it',
};

/** The detail pane before a row is opened. */
export const emptyDetailHint = (mode: BoardMode): string =>
  `Select ${mode === 'rollingSync' ? 'an' : 'a'} ${NOUN[mode].one} (click, or ↑/↓ and Enter) to see ${DETAIL[mode]}; Escape closes. / filters.`;

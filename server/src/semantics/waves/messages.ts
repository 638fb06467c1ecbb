/**
 * The sentences wave plans are explained with, shared by the language server's rules, the
 * executor and the board, so a user reads the same words in the editor and while the plan runs.
 */

export const MAX_UNAVAILABLE_ZERO = (value: unknown): string =>
  `maxUnavailable ${JSON.stringify(value)}: no context of this wave may be in progress at a time, so the wave can never start and the plan stops here.`;

export const MAX_UNAVAILABLE_MALFORMED = (value: unknown): string =>
  `maxUnavailable ${JSON.stringify(value)} is neither a whole number of contexts nor a percentage like "50%": the executor refuses to run the plan.`;

export const BAKE_MALFORMED = (value: unknown, goError: string): string =>
  `bake ${JSON.stringify(value)} is not a duration (${goError}); write it like "10m" or "1h30m": the executor refuses to run the plan.`;

export const BAKE_NOT_POSITIVE = (value: unknown): string => `bake ${JSON.stringify(value)} is not longer than zero: the gate waits for nothing.`;

export const CONTEXT_IN_TWO_WAVES = (context: string, namespace: string, firstWave: string): string =>
  `Context ${context} (namespace ${namespace}) is already in wave ${firstWave}: the Rollout there is promoted with the earlier wave and this entry never does anything.`;

export const EMPTY_WAVE = (wave: string): string => `Wave ${wave} lists no context: it promotes nothing and the plan skips it, gates and all.`;

export const ANALYSIS_CONTEXT_OUTSIDE_WAVE = (context: string, wave: string): string =>
  `Context ${context} is not in wave ${wave}: the analysis gate runs only in the contexts of its own wave (the executor never contacts a context the plan does not list for that wave).`;

export const RELEASE_NEEDS_CONFIRMATION = (wave: string, targets: Array<{ context: string; namespace: string }>): string =>
  `Wave ${wave} waits for your confirmation to release: ${targets.map((t) => `${t.context}/${t.namespace}`).join(', ')} (Run Wave Plan asks before the first release of a wave).`;

export const NOTHING_PENDING = 'Nothing to roll out: every Rollout of the plan is Healthy at its stable revision.';

export const WAVE_PLAN_KIND_NOTE = 'WavePlan is read by Fleet Rollouts only; it is never applied to a cluster.';

/**
 * The two scalar forms of a wave plan that need more than a type check: `maxUnavailable` (a count
 * of contexts or a percentage of the wave) and a `bake` duration (Go's time.ParseDuration syntax,
 * the one every Argo Rollouts duration uses).
 */
import { parseDurationSeconds } from '../go/duration';
import { BAKE_MALFORMED, BAKE_NOT_POSITIVE, MAX_UNAVAILABLE_MALFORMED, MAX_UNAVAILABLE_ZERO } from './messages';

/** Unset maxUnavailable: the whole wave at once. */
export const DEFAULT_MAX_UNAVAILABLE = '100%';

export type MaxUnavailable = { ok: true; count: number } | { ok: false; zero: boolean; message: string };

/**
 * How many contexts of a wave of `size` may be in progress at once. A percentage rounds down but
 * never below one context (as Fleet reads a non-zero percentage), so "10%" of a 3-context wave is 1.
 */
export function resolveMaxUnavailable(raw: unknown, size: number): MaxUnavailable {
  const value = raw ?? DEFAULT_MAX_UNAVAILABLE;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return { ok: false, zero: false, message: MAX_UNAVAILABLE_MALFORMED(value) };
    if (value === 0) return { ok: false, zero: true, message: MAX_UNAVAILABLE_ZERO(value) };
    return { ok: true, count: value };
  }
  const pct = typeof value === 'string' ? /^([0-9]+)%$/.exec(value.trim()) : null;
  if (!pct) return { ok: false, zero: false, message: MAX_UNAVAILABLE_MALFORMED(value) };
  const percent = parseInt(pct[1], 10);
  if (percent > 100) return { ok: false, zero: false, message: MAX_UNAVAILABLE_MALFORMED(value) };
  if (percent === 0) return { ok: false, zero: true, message: MAX_UNAVAILABLE_ZERO(value) };
  return { ok: true, count: Math.max(1, Math.floor((percent * size) / 100)) };
}

export type BakeDuration = { ok: true; seconds: number } | { ok: false; message: string };

export function parseBake(raw: unknown): BakeDuration {
  if (typeof raw !== 'string') return { ok: false, message: BAKE_MALFORMED(raw, 'not a string') };
  const d = parseDurationSeconds(raw);
  if (d.error !== undefined) return { ok: false, message: BAKE_MALFORMED(raw, d.error) };
  if (d.seconds <= 0) return { ok: false, message: BAKE_NOT_POSITIVE(raw) };
  return { ok: true, seconds: d.seconds };
}

/** `90` → `1m30s` (whole seconds, rounded down: a bake never reads as over before it is). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${rest || (!h && !m) ? `${rest}s` : ''}`;
}

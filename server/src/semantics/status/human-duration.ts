/**
 * Ages as `kubectl` and the Rollouts plugin print them: apimachinery `duration.HumanDuration`
 * (k8s.io/apimachinery v0.34.5 pkg/util/duration), argo-rollouts.md §4.6 "Age".
 */
import { ZERO_TIME_MS, type Timestamp } from './objects';

/** Go's time.Duration bounds in milliseconds: `t.Sub(u)` saturates there instead of overflowing. */
const MAX_DURATION_MS = 9223372036854.775807;
const MIN_DURATION_MS = -9223372036854.775808;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's `t.Sub(u)` in milliseconds (undefined = zero time), saturated like time.Duration. */
export function subMs(t: Timestamp, u: Timestamp): number {
  const d = (t ?? ZERO_TIME_MS) - (u ?? ZERO_TIME_MS);
  return Math.min(MAX_DURATION_MS, Math.max(MIN_DURATION_MS, d));
}

/** `duration.HumanDuration(d)` for a duration in milliseconds: about 2-3 significant figures. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  // A deviation of up to two seconds counts as "now" (clock skew between machines).
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/**
 * The AGE column: `HumanDuration(now - created)`. A missing timestamp is Go's zero time, whose
 * distance to now saturates time.Duration (about 292 years), so it prints `292y` as the plugin does.
 */
export function age(created: Timestamp, now: number): string {
  return humanDuration(subMs(now, created));
}

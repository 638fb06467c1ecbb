/**
 * Pause-duration semantics (argo-rollouts.md §1.4): `RolloutPause.DurationSeconds()`, built on
 * Go's `time.ParseDuration` (../go/duration.ts).
 */
import { parseGoDuration } from '../go/duration';

/** Go's strconv.ParseInt(s, 10, 32): optional sign, ASCII digits, within int32. */
export function parseInt32(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * `RolloutPause.DurationSeconds()` (pkg/apis/rollouts/v1alpha1/types.go): an integer is seconds; a
 * digit string is seconds; otherwise a Go duration truncated to whole seconds (`"500ms"` → 0); an
 * unparsable string is -1; no duration (an indefinite pause) is 0. A Go duration beyond int32
 * seconds converts as amd64 does (to -2147483648). `undefined` for a value of another type (the
 * object does not decode; the schema check reports it).
 */
export function pauseDurationSeconds(duration: unknown): number | undefined {
  if (duration === undefined || duration === null) return 0;
  if (typeof duration === 'number') return Number.isInteger(duration) ? duration : undefined;
  if (typeof duration !== 'string') return undefined;
  const asInt = parseInt32(duration);
  if (asInt !== undefined) return asInt;
  const d = parseGoDuration(duration);
  if (!d.ok) return -1;
  const seconds = Math.trunc(Number(d.ns) / 1e9);
  return seconds < INT32_MIN || seconds > INT32_MAX ? INT32_MIN : seconds;
}

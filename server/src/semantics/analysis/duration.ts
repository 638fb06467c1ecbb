/**
 * Go's time.ParseDuration, with its error texts: metric `interval` / `initialDelay` are
 * DurationStrings parsed with it (argo-rollouts.md §1.4, §1.7).
 */

const UNITS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  'µs': 1e-6, // U+00B5
  'μs': 1e-6, // U+03BC
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Go's quote() in package time: a double-quoted string. */
const quote = (s: string): string => JSON.stringify(s);

export type GoDuration = { seconds: number; error?: undefined } | { seconds?: undefined; error: string };

export function parseGoDuration(orig: string): GoDuration {
  const invalid = (): GoDuration => ({ error: `time: invalid duration ${quote(orig)}` });
  let s = orig;
  let sign = 1;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return { seconds: 0 };
  if (s === '') return invalid();
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid();
    const int = /^[0-9]*/.exec(s)![0];
    s = s.slice(int.length);
    let frac = '';
    if (s[0] === '.') {
      frac = /^[0-9]*/.exec(s.slice(1))![0];
      s = s.slice(1 + frac.length);
      if (int === '' && frac === '') return invalid();
    } else if (int === '') {
      return invalid();
    }
    const unit = /^[^0-9.]*/.exec(s)![0];
    s = s.slice(unit.length);
    if (unit === '') return { error: `time: missing unit in duration ${quote(orig)}` };
    const scale = UNITS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${quote(unit)} in duration ${quote(orig)}` };
    total += parseFloat(`${int || '0'}.${frac || '0'}`) * scale;
    if (total > 9223372036.854775807) return invalid();
  }
  return { seconds: sign * total };
}

/** `90` → `1m30s`, for messages. */
export function formatSeconds(seconds: number): string {
  if (seconds === 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(seconds * 1000) / 1000;
  const h = Math.floor(rest / 3600);
  if (h) parts.push(`${h}h`);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  if (m) parts.push(`${m}m`);
  rest = Math.round((rest - m * 60) * 1000) / 1000;
  if (rest) parts.push(`${rest}s`);
  return parts.join('');
}

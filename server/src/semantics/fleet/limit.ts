import { goQuote } from '../labels/selector';

/** Go's strconv.Atoi: sign and ASCII digits only; failure reads as 0 in Fleet's code. */
function goAtoi(s: string): number {
  return /^[+-]?[0-9]+$/.test(s) ? parseInt(s, 10) : 0;
}

type ParsedFloat = { value: number } | { error: 'invalid syntax' | 'value out of range' };

/**
 * Go's strconv.ParseFloat(s, 64): decimal with optional exponent, hexadecimal with a `p`
 * exponent (underscores allowed between digits there only), and inf/infinity/nan in any case.
 * Finite-looking input that overflows float64 is "value out of range".
 */
function goParseFloat(s: string): ParsedFloat {
  if (/^[+-]?(?:inf|infinity)$/i.test(s)) return { value: s.startsWith('-') ? -Infinity : Infinity };
  if (/^nan$/i.test(s)) return { value: NaN };
  let value: number;
  if (/^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) {
    value = parseFloat(s);
  } else {
    const hex = /^([+-]?)0[xX]((?:_?[0-9a-fA-F])*)(?:\.((?:[0-9a-fA-F]_?)*))?[pP]([+-]?[0-9](?:_?[0-9])*)$/.exec(s);
    if (!hex || (hex[2] === '' && !hex[3])) return { error: 'invalid syntax' };
    const intDigits = hex[2].replace(/_/g, '');
    const fracDigits = (hex[3] ?? '').replace(/_/g, '');
    const mantissa = parseInt(intDigits + fracDigits || '0', 16);
    value = mantissa * Math.pow(2, parseInt(hex[4].replace(/_/g, ''), 10) - 4 * fracDigits.length);
    if (hex[1] === '-') value = -value;
  }
  return Number.isFinite(value) ? { value } : { error: 'value out of range' };
}

export type IntOrString = number | string | null | undefined;

export const invalidMaxUnavailable = (v: string): string => `invalid maxUnavailable, must be int or percentage (ending with %): ${v}`;

/**
 * Fleet's `limit(count, vals...)` (internal/cmd/controller/target/status.go, fleet-argocd.md §2.2):
 * how every int-or-string of a rollout strategy becomes a number of clusters or partitions.
 * Throws with Fleet's own message when Fleet would fail the Bundle.
 */
export function limit(count: number, ...vals: IntOrString[]): number {
  if (count <= 0) return 1;
  const v = vals.find((x) => x !== null && x !== undefined) ?? '100%';
  if (typeof v === 'number') return v > count ? count : v < 0 ? 0 : v;
  const n = goAtoi(v);
  if (n > 0) return n;
  if (!v.endsWith('%')) throw new Error(invalidMaxUnavailable(v));
  const num = v.slice(0, -1);
  const parsed = goParseFloat(num);
  if ('error' in parsed) throw new Error(`failed to parse ${v}: strconv.ParseFloat: parsing ${goQuote(num)}: ${parsed.error}`);
  const p = parsed.value;
  if (p <= 0) return 1;
  // int(float64(count)*p) / 100. A product that does not fit an int64 (NaN, Inf, 1e300) converts
  // to math.MinInt64 on amd64, so Fleet there returns 1 (arm64 saturates instead).
  const product = Math.trunc(count * p);
  if (!(Math.abs(product) < 2 ** 63)) return 1;
  const i = Math.trunc(product / 100);
  return i <= 0 ? 1 : i > count ? count : i;
}

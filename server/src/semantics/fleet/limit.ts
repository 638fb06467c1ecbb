/** Go's strconv.Atoi: sign and ASCII digits only; failure reads as 0 in Fleet's code. */
function goAtoi(s: string): number {
  return /^[+-]?[0-9]+$/.test(s) ? parseInt(s, 10) : 0;
}

/** Go's strconv.ParseFloat for the forms Fleet users write: decimal with optional exponent. */
function goParseFloat(s: string): number | undefined {
  if (!/^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s.replace(/_/g, ''))) {
    if (/^[+-]?(?:inf|infinity|nan)$/i.test(s)) return Number(s.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
    return undefined;
  }
  return parseFloat(s.replace(/_/g, ''));
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
  const p = goParseFloat(num);
  if (p === undefined) throw new Error(`failed to parse ${v}: strconv.ParseFloat: parsing ${JSON.stringify(num)}: invalid syntax`);
  if (p <= 0) return 1;
  const i = Math.trunc(Math.trunc(count * p) / 100);
  return i <= 0 ? 1 : i > count ? count : i;
}

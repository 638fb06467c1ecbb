/** Go's strconv.Atoi: optional sign and ASCII digits only; anything else is an error (here: undefined). */
export function goAtoi(s: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(s) ? parseInt(s, 10) : undefined;
}

/**
 * The number the Rollouts controller reads from maxSurge / maxUnavailable when it checks that
 * both are not zero (validation.go C1, argo-rollouts.md §1.3): a `N%` string gives N, an integer
 * itself, any other string its Atoi value or 0.
 */
export function canaryIntOrPercent(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  const pct = /^([0-9]+)%$/.exec(value);
  if (pct) return parseInt(pct[1], 10);
  return goAtoi(value) ?? 0;
}

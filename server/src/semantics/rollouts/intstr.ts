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

/** IntOrString.IntValue(): an integer itself, a string its Atoi value or 0. */
export function goIntValue(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value !== 'string') return 0;
  return goAtoi(value) ?? 0;
}

/**
 * apimachinery's deprecated intstr.GetValueFromIntOrPercent, which the Rollouts controller uses for
 * replica arithmetic (utils/replicaset resolveFenceposts): an integer is absolute; any string is a
 * percentage once every `%` is removed (so the default `"25"` means 25%), rounded up or down.
 * Undefined when the string is not a number (the controller then treats both fenceposts as 0).
 */
export function scaledIntOrPercent(value: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value !== 'string') return undefined;
  const n = goAtoi(value.replace(/%/g, ''));
  if (n === undefined) return undefined;
  const scaled = (n * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * maxSurge / maxUnavailable as replica counts (fn resolveFenceposts): defaults "25" (i.e. 25%);
 * both 0 after rounding makes maxUnavailable 1; an unparsable value makes both 0.
 */
export function resolveFenceposts(maxSurge: unknown, maxUnavailable: unknown, replicas: number): { surge: number; unavailable: number } {
  const surge = scaledIntOrPercent(maxSurge ?? '25', replicas, true);
  const unavailable = scaledIntOrPercent(maxUnavailable ?? '25', replicas, false);
  if (surge === undefined || unavailable === undefined) return { surge: 0, unavailable: 0 };
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

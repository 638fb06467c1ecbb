import type { Pair, Scalar } from 'yaml';

/** Beyond this many keys a Set is cheaper than comparing every pair. */
const LINEAR_MAX = 12;

/**
 * Whether two pairs of `items[from..to)` (pairs with scalar keys, as the fast parser builds them)
 * have the same key text, compared as yaml/duplicate-key compares them: String(key.value).
 */
export function hasDuplicateKey(items: readonly unknown[], from: number, to: number): boolean {
  const n = to - from;
  if (n < 2) return false;
  const keyOf = (i: number): string => String(((items[i] as Pair).key as Scalar).value);
  if (n <= LINEAR_MAX) {
    const keys: string[] = [];
    for (let i = from; i < to; i++) {
      const k = keyOf(i);
      if (keys.includes(k)) return true;
      keys.push(k);
    }
    return false;
  }
  const seen = new Set<string>();
  for (let i = from; i < to; i++) {
    const k = keyOf(i);
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

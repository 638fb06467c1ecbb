/**
 * Static reasoning about label selectors: which label sets a selector admits, whether two
 * selectors can match the same label set, and whether one implies the other.
 *
 * A selector's requirements are a conjunction, and each requirement constrains one key, so
 * the admitted label sets are a product of per-key sets. Per key the admitted "states" are
 * `absent` plus a set of values that is finite (from In / matchLabels) or co-finite (all
 * strings but those of NotIn). Everything below is exact for that model: satisfiability,
 * intersection and implication are decided per key.
 *
 * Pure functions over `Selector` (see ./selector.ts).
 */
import { formatRequirement, type Requirement, type Selector } from './selector';

/** What one key may look like in a matching label set. */
export interface KeyConstraint {
  /** The value must be one of these (intersection of every In / matchLabels on the key). */
  readonly in?: ReadonlySet<string>;
  /** The value, when present, must not be one of these. */
  readonly notIn: ReadonlySet<string>;
  /** The key must be present (Exists, or implied by In). */
  readonly exists: boolean;
  /** The key must be absent (DoesNotExist). */
  readonly absent: boolean;
}

/** A conjunction of per-key constraints; keys not listed are unconstrained. */
export type Conjunction = ReadonlyMap<string, KeyConstraint>;

const FREE: KeyConstraint = { notIn: new Set(), exists: false, absent: false };

function intersect(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Set([...a].filter((v) => b.has(v)));
}

function combine(a: KeyConstraint, b: KeyConstraint): KeyConstraint {
  return {
    in: intersect(a.in, b.in),
    notIn: new Set([...a.notIn, ...b.notIn]),
    exists: a.exists || b.exists,
    absent: a.absent || b.absent,
  };
}

function fromRequirement(r: Requirement): KeyConstraint {
  switch (r.operator) {
    case 'In':
      return { in: new Set(r.values), notIn: new Set(), exists: true, absent: false };
    case 'NotIn':
      return { notIn: new Set(r.values), exists: false, absent: false };
    case 'Exists':
      return { notIn: new Set(), exists: true, absent: false };
    case 'DoesNotExist':
      return { notIn: new Set(), exists: false, absent: true };
  }
}

/** The conjunction of a selector; `nothing` has none (it admits no label set). */
export function conjunctionOf(selector: Selector): Conjunction | undefined {
  if (selector.kind === 'nothing') return undefined;
  const out = new Map<string, KeyConstraint>();
  if (selector.kind === 'requirements') {
    for (const r of selector.requirements) out.set(r.key, combine(out.get(r.key) ?? FREE, fromRequirement(r)));
  }
  return out;
}

/** Both conjunctions at once (the same label set must satisfy both). */
export function conjoin(a: Conjunction, b: Conjunction): Conjunction {
  const out = new Map(a);
  for (const [k, c] of b) out.set(k, combine(out.get(k) ?? FREE, c));
  return out;
}

/** The values a constraint admits when the key is present: a finite set, or all strings but `except`. */
type ValueSet = { finite: ReadonlySet<string> } | { except: ReadonlySet<string> };

function presentValues(c: KeyConstraint): ValueSet {
  if (c.absent) return { finite: new Set() };
  if (c.in) return { finite: new Set([...c.in].filter((v) => !c.notIn.has(v))) };
  return { except: c.notIn };
}

const absentAllowed = (c: KeyConstraint): boolean => !c.exists && !c.in;

function keySatisfiable(c: KeyConstraint): boolean {
  if (absentAllowed(c)) return true;
  const values = presentValues(c);
  return 'except' in values || values.finite.size > 0;
}

/** Keys whose constraints contradict each other (empty when the conjunction is satisfiable). */
export function conflictingKeys(c: Conjunction): string[] {
  return [...c].filter(([, k]) => !keySatisfiable(k)).map(([key]) => key);
}

export function isSatisfiable(c: Conjunction): boolean {
  return conflictingKeys(c).length === 0;
}

/** Whether some label set matches both selectors. */
export function selectorsIntersect(a: Selector, b: Selector): boolean {
  const ca = conjunctionOf(a);
  const cb = conjunctionOf(b);
  return !!ca && !!cb && isSatisfiable(conjoin(ca, cb));
}

function keyImplies(a: KeyConstraint, b: KeyConstraint): boolean {
  if (absentAllowed(a) && !absentAllowed(b)) return false;
  const va = presentValues(a);
  const vb = presentValues(b);
  if ('finite' in va) {
    if ('finite' in vb) return [...va.finite].every((v) => vb.finite.has(v));
    return [...va.finite].every((v) => !vb.except.has(v));
  }
  // a admits all strings but a finite set: only a co-finite b with a smaller exception set contains it.
  if ('finite' in vb) return false;
  return [...vb.except].every((v) => va.except.has(v));
}

/**
 * Whether every label set satisfying `a` satisfies `b`. Vacuously true when `a` is unsatisfiable;
 * callers that want "a's matches are a non-empty subset" check isSatisfiable(a) too.
 */
export function implies(a: Conjunction, b: Conjunction): boolean {
  if (!isSatisfiable(a)) return true;
  for (const [key, cb] of b) {
    if (!keyImplies(a.get(key) ?? FREE, cb)) return false;
  }
  return true;
}

/** Keys both conjunctions require to be present (In, matchLabels or Exists on both sides). */
export function sharedPresentKeys(a: Conjunction, b: Conjunction): string[] {
  return [...a].filter(([key, ca]) => {
    const cb = b.get(key);
    return !!cb && (ca.exists || !!ca.in) && (cb.exists || !!cb.in);
  }).map(([key]) => key);
}

/**
 * An example label set satisfying a conjunction (undefined when none does): the smallest value
 * of each In set, a value outside NotIn for Exists, nothing for keys that may be absent.
 */
export function witness(c: Conjunction, onlyKeys?: readonly string[]): Record<string, string> | undefined {
  if (!isSatisfiable(c)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, k] of c) {
    if (onlyKeys && !onlyKeys.includes(key)) continue;
    if (absentAllowed(k)) continue;
    const values = presentValues(k);
    if ('finite' in values) {
      out[key] = [...values.finite].sort()[0];
    } else {
      let v = 'any';
      for (let i = 2; values.except.has(v); i++) v = `any-${i}`;
      out[key] = v;
    }
  }
  return out;
}

/** `env=prod, region=eu`, for messages. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** A constraint written back as selector requirements, for messages. */
export function formatKeyConstraint(key: string, c: KeyConstraint): string {
  const parts: string[] = [];
  if (c.absent) parts.push(formatRequirement({ key, operator: 'DoesNotExist', values: [] }));
  if (c.in) parts.push(formatRequirement({ key, operator: 'In', values: [...c.in] }));
  else if (c.exists) parts.push(formatRequirement({ key, operator: 'Exists', values: [] }));
  if (c.notIn.size) parts.push(formatRequirement({ key, operator: 'NotIn', values: [...c.notIn] }));
  return parts.join(' and ');
}

/**
 * Whether every label set satisfies at least one of the conjunctions (their union is total).
 * Decided by case splitting on one key at a time (absent, each value mentioned, any other value);
 * `undefined` when the search exceeds `budget` steps.
 */
export function coversEverything(conjunctions: readonly Conjunction[], budget = 10000): boolean | undefined {
  let steps = 0;
  const search = (list: readonly Conjunction[]): boolean | undefined => {
    if (++steps > budget) return undefined;
    const live = list.filter(isSatisfiable);
    if (live.some((c) => c.size === 0)) return true;
    if (live.length === 0) return false;
    const key = [...live[0].keys()][0];
    const values = new Set<string>();
    for (const c of live) {
      const k = c.get(key);
      if (!k) continue;
      k.in?.forEach((v) => values.add(v));
      k.notIn.forEach((v) => values.add(v));
    }
    let fresh = 'other';
    for (let i = 2; values.has(fresh); i++) fresh = `other-${i}`;
    const cases: Array<string | undefined> = [undefined, ...values, fresh];
    for (const value of cases) {
      const next: Conjunction[] = [];
      for (const c of live) {
        const k = c.get(key);
        if (k && !admits(k, value)) continue;
        const rest = new Map(c);
        rest.delete(key);
        next.push(rest);
      }
      const r = search(next);
      if (r !== true) return r;
    }
    return true;
  };
  return search(conjunctions);
}

/** Whether a key constraint admits the key being absent (undefined) or having `value`. */
function admits(c: KeyConstraint, value: string | undefined): boolean {
  if (value === undefined) return absentAllowed(c);
  if (c.absent) return false;
  if (c.in && !c.in.has(value)) return false;
  return !c.notIn.has(value);
}

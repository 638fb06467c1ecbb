/**
 * Static reasoning about which Applications a RollingSync step can select, when the label values
 * are not all known (fleet-argocd.md §5.3). Each label key ranges over "absent" plus every string;
 * a step's expressions restrict each key independently (buildAppDependencyList semantics):
 *   In V      → present with a value in V
 *   NotIn V   → absent, or present with a value not in V
 *   other op  → absent (an Application that has the key is never selected: invalid operator)
 * What the template can produce restricts each key the same way: a key the template never sets is
 * absent, a literal value is that value, a templated value is any present string, and when the
 * label set is open (templatePatch) an unset key may be anything. Per-key sets make a product that
 * contains every real Application, so "empty" and "contained in" conclusions drawn here are sound.
 */
import { expressionsOf, valuesOf, type MatchExpression, type RolloutStep } from './progressive-sync';
import type { LabelSource } from './generated-apps';

/** A set of possible values of one label key: `absent` or not, plus `only` a finite set or every string `except` a finite set. */
export interface ValueSet {
  absent: boolean;
  only?: ReadonlySet<string>;
  except?: ReadonlySet<string>;
}

const ALL: ValueSet = { absent: true, except: new Set() };
const ABSENT: ValueSet = { absent: true, only: new Set() };
const ANY_PRESENT: ValueSet = { absent: false, except: new Set() };

function values(e: MatchExpression): Set<string> {
  return new Set(valuesOf(e));
}

export function intersect(a: ValueSet, b: ValueSet): ValueSet {
  const absent = a.absent && b.absent;
  if (a.only && b.only) return { absent, only: new Set([...a.only].filter((v) => b.only!.has(v))) };
  if (a.only && b.except) return { absent, only: new Set([...a.only].filter((v) => !b.except!.has(v))) };
  if (a.except && b.only) return intersect(b, a);
  return { absent, except: new Set([...a.except!, ...b.except!]) };
}

export function isEmpty(s: ValueSet): boolean {
  return !s.absent && !!s.only && s.only.size === 0;
}

export function isSubset(a: ValueSet, b: ValueSet): boolean {
  if (a.absent && !b.absent) return false;
  if (a.only) {
    if (b.only) return [...a.only].every((v) => b.only!.has(v));
    return [...a.only].every((v) => !b.except!.has(v));
  }
  // a is co-finite: only a co-finite b can contain it.
  if (b.only) return false;
  return [...b.except!].every((v) => a.except!.has(v));
}

function expressionSet(e: MatchExpression): ValueSet {
  if (e.operator === 'In') return { absent: false, only: values(e) };
  if (e.operator === 'NotIn') return { absent: true, except: values(e) };
  return ABSENT;
}

/** What a step requires of each key it names (keys it does not name are unrestricted). */
export function stepRequirements(step: RolloutStep | null | undefined): Map<string, ValueSet> {
  const out = new Map<string, ValueSet>();
  for (const e of expressionsOf(step)) {
    const key = typeof e.key === 'string' ? e.key : String(e.key ?? '');
    out.set(key, intersect(out.get(key) ?? ALL, expressionSet(e)));
  }
  return out;
}

/** What Applications of a label source can carry under a key. */
export function domainOf(source: LabelSource, key: string): ValueSet {
  const info = source.labels.get(key);
  if (!info) return source.open ? ALL : ABSENT;
  if (info.templated) return ANY_PRESENT;
  return { absent: false, only: new Set([info.literal ?? '']) };
}

export type EmptyCause =
  /** The step's own expressions on the key exclude every value (e.g. `In` with no values). */
  | { kind: 'contradiction'; key: string }
  /** The key is never set on these Applications and the step requires it (`In`). */
  | { kind: 'missing-key'; key: string }
  /** The template sets a literal value the step excludes. */
  | { kind: 'literal-excluded'; key: string; literal: string }
  /** The template sets the key and the step accepts only its absence (unsupported operator). */
  | { kind: 'present-excluded'; key: string };

/** Why the step can select no Application of this source, or undefined when it may select some. */
export function emptyCause(step: RolloutStep | null | undefined, source: LabelSource): EmptyCause | undefined {
  for (const [key, req] of stepRequirements(step)) {
    if (isEmpty(req)) return { kind: 'contradiction', key };
    const dom = domainOf(source, key);
    if (!isEmpty(intersect(req, dom))) continue;
    const info = source.labels.get(key);
    if (!info) return { kind: 'missing-key', key };
    if (!info.templated) return req.absent && (req.only?.size ?? 1) === 0 ? { kind: 'present-excluded', key } : { kind: 'literal-excluded', key, literal: info.literal ?? '' };
    return { kind: 'present-excluded', key };
  }
  return undefined;
}

/** Whether every Application of `source` that step `inner` selects is also selected by step `outer`. */
export function containedIn(inner: RolloutStep | null | undefined, outer: RolloutStep | null | undefined, source: LabelSource): boolean {
  const innerReq = stepRequirements(inner);
  const outerReq = stepRequirements(outer);
  const keys = new Set([...innerReq.keys(), ...outerReq.keys()]);
  // An empty product is contained in anything.
  for (const key of keys) if (isEmpty(intersect(innerReq.get(key) ?? ALL, domainOf(source, key)))) return true;
  for (const [key, req] of outerReq) {
    const reach = intersect(innerReq.get(key) ?? ALL, domainOf(source, key));
    if (!isSubset(reach, req)) return false;
  }
  return true;
}

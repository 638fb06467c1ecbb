/**
 * Static reasoning about ClusterMatcher criteria (fleet-argocd.md §2.3, §2.9 R5–R7, §3.1–3.2),
 * without a cluster inventory: can an entry ever select a cluster, and can two entries (two
 * partitions) select the same cluster.
 *
 * Model: a cluster is selected by an entry when, for one of its groups (or group "" when it has
 * none), every criterion holds. Criteria on the cluster (clusterName, clusterSelector) and on
 * the group (clusterGroup, clusterGroupSelector) are independent unless a ClusterGroup is known
 * from the workspace: then `clusterGroup: g` also means "the cluster's labels satisfy g's
 * selector" and the group's labels are known exactly.
 *
 * Verdicts are conservative: "overlap" only with positive evidence (equal names or groups, one
 * entry implying the other, or a label key both require with a value both admit), "disjoint"
 * only when a key's values contradict; anything else is "unknown".
 */
import { conflictingKeys, conjoin, conjunctionOf, implies, isSatisfiable, sharedPresentKeys, witness, type Conjunction } from '../labels/algebra';
import { isMatchEverything, selectorMatches, trySelector, type Labels, type Selector } from '../labels/selector';
import { hasCriteria, type ClusterCriteria } from './cluster-matcher';

/** A ClusterGroup known from the workspace. */
export interface KnownGroup {
  name: string;
  /** `spec.selector`; `nothing` when absent or null (the group has no members). */
  selector: Selector;
  /** `metadata.labels`, which clusterGroupSelector matches. */
  labels: Labels;
}

/** Looks a ClusterGroup up by name; undefined when unknown or ambiguous. */
export type GroupResolver = (name: string) => KnownGroup | undefined;

const noGroups: GroupResolver = () => undefined;

/** Why an entry can never select a cluster. */
export type NeverMatch =
  | { reason: 'no-criteria' }
  | { reason: 'contradiction'; field: 'clusterSelector' | 'clusterGroupSelector'; keys: string[] }
  | { reason: 'group-without-selector'; group: string }
  | { reason: 'group-contradiction'; group: string; keys: string[] }
  | { reason: 'group-labels'; group: string };

/** The cluster-label constraints of an entry: its clusterSelector and, if known, its group's selector. */
interface Compiled {
  c: ClusterCriteria;
  /** undefined: a selector is invalid (another rule reports it; no verdict). */
  cluster?: Conjunction;
  /** Constraint on the group's labels (clusterGroupSelector), `{}`-like when absent. */
  group?: Conjunction;
  known?: KnownGroup;
  invalid: boolean;
}

function compile(c: ClusterCriteria, resolve: GroupResolver): Compiled {
  const cs = c.clusterSelector ? trySelector(c.clusterSelector) : { kind: 'everything' as const };
  const gs = c.clusterGroupSelector ? trySelector(c.clusterGroupSelector) : { kind: 'everything' as const };
  if (!cs || !gs) return { c, invalid: true };
  let cluster = conjunctionOf(cs)!;
  const group = conjunctionOf(gs)!;
  const known = c.clusterGroup !== undefined ? resolve(c.clusterGroup) : undefined;
  if (known) {
    const sel = conjunctionOf(known.selector);
    if (sel) cluster = conjoin(cluster, sel);
  }
  return { c, cluster, group, known, invalid: false };
}

/** Why an entry with these criteria can never select a cluster, or undefined when it can (or we cannot tell). */
export function neverMatches(c: ClusterCriteria, resolve: GroupResolver = noGroups): NeverMatch | undefined {
  if (!hasCriteria(c)) return { reason: 'no-criteria' };
  const own = compile(c, noGroups);
  if (own.invalid) return undefined;
  const csKeys = conflictingKeys(own.cluster!);
  if (csKeys.length) return { reason: 'contradiction', field: 'clusterSelector', keys: csKeys };
  const gsKeys = conflictingKeys(own.group!);
  if (gsKeys.length) return { reason: 'contradiction', field: 'clusterGroupSelector', keys: gsKeys };
  if (c.clusterGroup === undefined) return undefined;
  const known = resolve(c.clusterGroup);
  if (!known) return undefined;
  if (known.selector.kind === 'nothing') return { reason: 'group-without-selector', group: known.name };
  const withGroup = compile(c, resolve);
  const keys = conflictingKeys(withGroup.cluster!);
  if (keys.length) return { reason: 'group-contradiction', group: known.name, keys };
  if (c.clusterGroupSelector) {
    const gs = trySelector(c.clusterGroupSelector);
    if (gs && !selectorMatches(gs, known.labels)) return { reason: 'group-labels', group: known.name };
  }
  return undefined;
}

export type Overlap =
  /** Every cluster `inner` selects is also selected by the other entry. */
  | { kind: 'contains'; inner: 'a' | 'b' | 'both' }
  /**
   * Both can select the same cluster. For `shared-labels`, `keys` are the label keys both require
   * and `labels` an example of labels both admit, on the cluster or (`on: 'group'`) on its group.
   */
  | { kind: 'intersect'; reason: 'same-cluster-name' | 'same-cluster-group' | 'shared-labels'; keys: string[]; labels: Record<string, string>; on: 'cluster' | 'group' }
  | { kind: 'disjoint'; keys: string[] }
  | { kind: 'unknown' };

/** Whether `b`'s group-level criteria hold for whatever group made `a` select the cluster. */
function groupImplied(a: Compiled, b: Compiled, resolve: GroupResolver): boolean {
  const bc = b.c;
  if (bc.clusterGroup === undefined && bc.clusterGroupSelector === undefined) return true;
  const bGroupEverything = bc.clusterGroupSelector === undefined || isMatchEverything(bc.clusterGroupSelector);
  if (bc.clusterGroup !== undefined && bc.clusterGroup !== a.c.clusterGroup) {
    // b needs the cluster in another group: only provable when a's clusters satisfy that group's selector.
    const other = resolve(bc.clusterGroup);
    const sel = other && conjunctionOf(other.selector);
    if (!other || !sel || !implies(a.cluster!, sel)) return false;
    if (bGroupEverything) return true;
    const gs = trySelector(bc.clusterGroupSelector);
    return !!gs && selectorMatches(gs, other.labels);
  }
  // Same group (or b names none): b's group selector is tested on a's group.
  if (bGroupEverything) return true;
  if (a.known && bc.clusterGroupSelector) {
    const gs = trySelector(bc.clusterGroupSelector);
    if (gs && selectorMatches(gs, a.known.labels)) return true;
  }
  return a.c.clusterGroupSelector !== undefined && implies(a.group!, b.group!);
}

/** Every cluster `a` selects is selected by `b` (and `a` selects some cluster, as far as we can tell). */
function containedIn(a: Compiled, b: Compiled, resolve: GroupResolver): boolean {
  if (!isSatisfiable(a.cluster!) || !isSatisfiable(a.group!)) return false;
  if (a.known && a.known.selector.kind === 'nothing') return false;
  if (b.c.clusterName !== undefined && b.c.clusterName !== a.c.clusterName) return false;
  if (!groupImplied(a, b, resolve)) return false;
  return implies(a.cluster!, b.cluster!);
}

/** Can two entries select the same cluster (fleet-argocd.md §2.3 "a cluster matching several partitions is a member of each")? */
export function criteriaOverlap(ac: ClusterCriteria, bc: ClusterCriteria, resolve: GroupResolver = noGroups): Overlap {
  if (!hasCriteria(ac) || !hasCriteria(bc)) return { kind: 'unknown' };
  const a = compile(ac, resolve);
  const b = compile(bc, resolve);
  if (a.invalid || b.invalid) return { kind: 'unknown' };
  if (neverMatches(ac, resolve) || neverMatches(bc, resolve)) return { kind: 'unknown' };
  const joint = conjoin(a.cluster!, b.cluster!);
  const conflicts = conflictingKeys(joint);
  if (conflicts.length) return { kind: 'disjoint', keys: conflicts };
  const aInB = containedIn(a, b, resolve);
  const bInA = containedIn(b, a, resolve);
  if (aInB || bInA) return { kind: 'contains', inner: aInB && bInA ? 'both' : aInB ? 'a' : 'b' };
  // Positive evidence on the same (cluster, group) pair.
  if (ac.clusterName !== undefined && bc.clusterName !== undefined && ac.clusterName !== bc.clusterName) return { kind: 'unknown' };
  const sameGroup = ac.clusterGroup !== undefined && ac.clusterGroup === bc.clusterGroup;
  if (ac.clusterGroup !== undefined && bc.clusterGroup !== undefined && !sameGroup) return { kind: 'unknown' };
  const groupJoint = conjoin(a.group!, b.group!);
  const groupKeys = ac.clusterGroupSelector && bc.clusterGroupSelector ? sharedPresentKeys(a.group!, b.group!) : [];
  if (!isSatisfiable(groupJoint)) return sameGroup ? { kind: 'disjoint', keys: conflictingKeys(groupJoint) } : { kind: 'unknown' };
  const clusterKeys = ac.clusterSelector && bc.clusterSelector ? sharedPresentKeys(a.cluster!, b.cluster!) : [];
  const labels = witness(joint) ?? {};
  if (ac.clusterName !== undefined && ac.clusterName === bc.clusterName) return { kind: 'intersect', reason: 'same-cluster-name', keys: [], labels, on: 'cluster' };
  if (sameGroup) return { kind: 'intersect', reason: 'same-cluster-group', keys: [], labels, on: 'cluster' };
  if (clusterKeys.length) return { kind: 'intersect', reason: 'shared-labels', keys: clusterKeys, labels: witness(joint, clusterKeys) ?? {}, on: 'cluster' };
  if (groupKeys.length) return { kind: 'intersect', reason: 'shared-labels', keys: groupKeys, labels: witness(groupJoint, groupKeys) ?? {}, on: 'group' };
  return { kind: 'unknown' };
}

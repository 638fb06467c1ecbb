/** A template argument declaration, tagged with where it came from. */
export interface DeclaredArg<Origin> {
  name: string;
  value?: unknown;
  valueFrom?: unknown;
  origin: Origin;
  /** Index in the declaring template's spec.args. */
  index: number;
}

export interface ArgConflict<Origin> {
  name: string;
  first: DeclaredArg<Origin>;
  second: DeclaredArg<Origin>;
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

export interface FlattenedArgs<Origin> {
  args: DeclaredArg<Origin>[];
  conflicts: ArgConflict<Origin>[];
}

/**
 * Merges template args by name as FlattenTemplates does (fn flattenArgs, argo-rollouts.md §1.6.2):
 * a declaration without a value is filled by a later one, an existing value is never replaced by
 * an empty one, and two different values for one name are an error.
 */
export function flattenArgs<Origin>(declared: DeclaredArg<Origin>[]): FlattenedArgs<Origin> {
  const byName = new Map<string, DeclaredArg<Origin>>();
  const conflicts: ArgConflict<Origin>[] = [];
  for (const arg of declared) {
    const seen = byName.get(arg.name);
    if (!seen) {
      byName.set(arg.name, arg);
    } else if (present(seen.value) && present(arg.value) && String(seen.value) !== String(arg.value)) {
      conflicts.push({ name: arg.name, first: seen, second: arg });
    } else if (!present(seen.value) && (present(arg.value) || present(arg.valueFrom))) {
      byName.set(arg.name, arg);
    }
  }
  return { args: [...byName.values()], conflicts };
}

/**
 * Template args that still have neither `value` nor `valueFrom` after the Rollout's args are
 * merged in (fn MergeArgs, §1.6.4). A Rollout arg always carries a value (an omitted `value` is
 * the empty string), so passing the name is enough to resolve it.
 */
export function unresolvedArgs<Origin>(flattened: DeclaredArg<Origin>[], passedNames: ReadonlySet<string>): DeclaredArg<Origin>[] {
  const out: DeclaredArg<Origin>[] = [];
  for (const a of flattened) if (!present(a.value) && !present(a.valueFrom) && !passedNames.has(a.name)) out.push(a);
  return out;
}

/**
 * Resolving the objects a Rollout names (argo-rollouts.md §1.5) in a workspace that may hold several
 * objects of one name (other environments, other examples, base and overlays). Existence is
 * workspace-wide; but what an object says is only held against the Rollout when it sits in the
 * same file (what `kubectl argo rollouts lint` sees) or, failing that, the same directory — an
 * object of the same name elsewhere may well be another environment's.
 */
import type { ManifestObject } from '../../engine/objects';
import type { RuleContext } from '../../rules/rule';

const dirOf = (uri: string) => uri.slice(0, uri.lastIndexOf('/') + 1);

/** Candidates in the Rollout's file, else in its directory, else none. */
export function local(candidates: readonly ManifestObject[], from: ManifestObject): ManifestObject[] {
  const sameFile = candidates.filter((c) => c.uri === from.uri);
  if (sameFile.length) return sameFile;
  const dir = dirOf(from.uri);
  return candidates.filter((c) => dirOf(c.uri) === dir);
}

/** The local objects of a type and name for the Rollout (namespace-aware, dependency recorded). */
export function resolveRef(ctx: RuleContext, typeId: string, name: string, rollout: ManifestObject, namespace = rollout.namespace): ManifestObject[] {
  return local(ctx.find(typeId, name, namespace), rollout);
}

/**
 * Runs `check` on each candidate and returns the problems only when every candidate has one: a
 * reference is wrong only if no object it may mean is right. The first candidate's problems win.
 */
export function whenAllFail<P>(candidates: readonly ManifestObject[], check: (o: ManifestObject) => P[]): { object: ManifestObject; problems: P[] } | undefined {
  let first: { object: ManifestObject; problems: P[] } | undefined;
  for (const c of candidates) {
    const problems = check(c);
    if (problems.length === 0) return undefined;
    first ??= { object: c, problems };
  }
  return first;
}

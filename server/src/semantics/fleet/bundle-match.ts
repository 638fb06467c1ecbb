/**
 * Which Bundle targets apply to a cluster (internal/cmd/controller/target/matcher/bundlematch.go,
 * fleet-argocd.md §3.3).
 *
 * `fleet apply` writes `spec.targets = fleet.yaml targets ++ targetCustomizations ++ GitRepo
 * targets (or overrideTargets)` and `spec.targetRestrictions = GitRepo targets (or
 * overrideTargets)`. With at least one restriction, the first `targets − restrictions` entries
 * are customizations (position rule); without restrictions (plain `fleet apply`, HelmOp)
 * nothing is.
 */
import { ClusterMatcher, type ClusterGroupRef, type ClusterRef } from './cluster-matcher';

/** `determineIsCustomization(index, numCustomizations, numRestrictions)`. */
export function isCustomization(index: number, numCustomizations: number, numRestrictions: number): boolean {
  return numRestrictions > 0 && index < numCustomizations;
}

export interface NamedMatcher<T> {
  target: T;
  matcher: ClusterMatcher;
}

/** Matches through any of the cluster's groups, each target counted once (AllMatches). */
function selects(m: ClusterMatcher, cluster: ClusterRef, groups: readonly ClusterGroupRef[]): boolean {
  return m.matchesCluster(cluster, groups);
}

/** `MatchAllTargetCustomizations`: every customization selecting the cluster, in list order. */
export function allMatchingCustomizations<T>(customizations: readonly NamedMatcher<T>[], cluster: ClusterRef, groups: readonly ClusterGroupRef[]): T[] {
  return customizations.filter((c) => selects(c.matcher, cluster, groups)).map((c) => c.target);
}

/** `MatchTargetCustomizations` (FirstMatch, the default): the first customization selecting the cluster. */
export function firstMatchingCustomization<T>(customizations: readonly NamedMatcher<T>[], cluster: ClusterRef, groups: readonly ClusterGroupRef[]): T | undefined {
  return customizations.find((c) => selects(c.matcher, cluster, groups))?.target;
}

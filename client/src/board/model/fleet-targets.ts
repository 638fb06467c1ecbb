/**
 * Which Clusters a Bundle targets, as Fleet's target builder decides (fleet-argocd.md §3.1,
 * §3.3, `target/builder.go` fn `Targets`, `matcher/bundlematch.go`), from hub snapshots.
 * Only the Bundle's own namespace is considered (BundleNamespaceMappings are not read yet).
 */
import { ClusterMatcher, criteriaOf, type ClusterGroupRef } from '../../../../server/src/semantics/fleet/cluster-matcher';
import { isCustomization } from '../../../../server/src/semantics/fleet/bundle-match';
import { knownGroupOf } from '../../../../server/src/semantics/fleet/targeting';
import { selectorMatches } from '../../../../server/src/semantics/labels/selector';
import type { KnownGroup } from '../../../../server/src/semantics/fleet/criteria-algebra';

/** The slice of a Kubernetes object the model reads. */
export interface HubObject {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; generation?: number };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Entry {
  matcher: ClusterMatcher;
  doNotDeploy: boolean;
}

export interface TargetedCluster {
  cluster: HubObject;
  /** ClusterGroups of the cluster's namespace whose selector matches it (§3.1). */
  groups: ClusterGroupRef[];
}

export interface Targeting {
  targets: TargetedCluster[];
  /** Clusters of the namespace the Bundle does not target (or targets with doNotDeploy). */
  untargeted: number;
  /** `targeting error: …` when a selector is invalid: Fleet then targets nothing. */
  error?: string;
}

/** ClusterGroups of a namespace compiled once (an invalid selector matches nothing). */
export function compileGroups(groups: readonly HubObject[]): Map<string, KnownGroup[]> {
  const byNs = new Map<string, KnownGroup[]>();
  for (const g of groups) {
    const ns = g.metadata.namespace ?? '';
    const list = byNs.get(ns) ?? [];
    list.push(knownGroupOf(g.metadata.name, g));
    byNs.set(ns, list);
  }
  return byNs;
}

export function groupsOfCluster(cluster: HubObject, groups: readonly KnownGroup[]): ClusterGroupRef[] {
  const labels = cluster.metadata.labels ?? {};
  return groups.filter((g) => selectorMatches(g.selector, labels)).map((g) => ({ name: g.name, labels: g.labels }));
}

function entries(list: unknown): Entry[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((raw) => ({ matcher: ClusterMatcher.create(criteriaOf(raw)), doNotDeploy: raw.doNotDeploy === true }));
}

/** Per cluster: the first non-customization target passing the restriction allow-list under the same group. */
export function bundleTargets(bundle: HubObject, clusters: readonly HubObject[], groupsByNs: Map<string, KnownGroup[]>): Targeting {
  const ns = bundle.metadata.namespace ?? '';
  const spec = isRecord(bundle.spec) ? bundle.spec : {};
  let targets: Entry[];
  let restrictions: Entry[];
  try {
    const rawTargets = Array.isArray(spec.targets) && spec.targets.length > 0 ? spec.targets : [{ name: 'default', clusterGroup: 'default' }];
    targets = entries(rawTargets);
    restrictions = entries(spec.targetRestrictions);
  } catch (err) {
    return { targets: [], untargeted: clusters.length, error: `targeting error: ${(err as Error).message}` };
  }
  const numCustom = Math.max(0, targets.length - restrictions.length);
  const customizations = targets.filter((_, i) => isCustomization(i, numCustom, restrictions.length));
  const candidates = targets.filter((_, i) => !isCustomization(i, numCustom, restrictions.length));
  const allMatches = spec.targetCustomizationMode === 'AllMatches';
  const nsGroups = groupsByNs.get(ns) ?? [];
  const out: TargetedCluster[] = [];
  let untargeted = 0;
  for (const cluster of clusters) {
    if ((cluster.metadata.namespace ?? '') !== ns) continue;
    const groups = groupsOfCluster(cluster, nsGroups);
    const tried: Array<{ name: string; labels: Record<string, string> | undefined }> = groups.length ? groups : [{ name: '', labels: undefined }];
    const name = cluster.metadata.name;
    const labels = cluster.metadata.labels ?? {};
    const target = candidates.find((e) =>
      tried.some((g) => (restrictions.length === 0 || restrictions.some((r) => r.matcher.match(name, g.name, g.labels, labels))) && e.matcher.match(name, g.name, g.labels, labels)),
    );
    let skip = !target || target.doNotDeploy;
    if (!skip) {
      const matching = customizations.filter((c) => c.matcher.matchesCluster({ name, labels }, groups));
      skip = allMatches ? matching.some((c) => c.doNotDeploy) : !!matching[0]?.doNotDeploy;
    }
    if (skip) untargeted++;
    else out.push({ cluster, groups });
  }
  // Fleet sorts targets by cluster name in byte order (§2.3).
  out.sort((a, b) => (a.cluster.metadata.name < b.cluster.metadata.name ? -1 : a.cluster.metadata.name > b.cluster.metadata.name ? 1 : 0));
  return { targets: out, untargeted };
}

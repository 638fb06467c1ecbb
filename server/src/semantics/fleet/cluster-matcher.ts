/**
 * Fleet's ClusterMatcher (internal/cmd/controller/target/matcher/clustermatcher.go,
 * fleet-argocd.md §3.2): the four criteria shared by GitRepo targets, fleet.yaml
 * targetCustomizations / targets / overrideTargets, Bundle targets and restrictions, and
 * rollout partitions.
 *
 * A criterion exists only for a non-empty name or a non-nil selector; all existing criteria
 * must hold; no criterion at all matches nothing. A cluster is tested once per ClusterGroup
 * it belongs to (group name and group labels), or once with group "" and no group labels
 * when it belongs to none — so `clusterGroupSelector: {}` also matches a cluster in no group.
 */
import { readLabelSelector, selectorMatches, toSelector, type LabelSelector, type Labels, type Selector } from '../labels/selector';

/** Rancher's display-name label: `clusterName` matches it as well as the Cluster's name. */
export const CLUSTER_DISPLAY_NAME_LABEL = 'management.cattle.io/cluster-display-name';

export const CRITERIA_KEYS = ['clusterName', 'clusterGroup', 'clusterGroupSelector', 'clusterSelector'] as const;

/** The criteria as Go sees them: empty strings and null selectors are absent. */
export interface ClusterCriteria {
  clusterName?: string;
  clusterGroup?: string;
  clusterGroupSelector?: LabelSelector;
  clusterSelector?: LabelSelector;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function nonEmptyString(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Reads the four criteria of a target / partition entry from parsed YAML. */
export function criteriaOf(raw: unknown): ClusterCriteria {
  if (!isRecord(raw)) return {};
  const out: ClusterCriteria = {};
  const name = nonEmptyString(raw.clusterName);
  if (name !== undefined) out.clusterName = name;
  const group = nonEmptyString(raw.clusterGroup);
  if (group !== undefined) out.clusterGroup = group;
  const gs = readLabelSelector(raw.clusterGroupSelector);
  if (gs) out.clusterGroupSelector = gs;
  const cs = readLabelSelector(raw.clusterSelector);
  if (cs) out.clusterSelector = cs;
  return out;
}

/** Which criteria are present, in Fleet's order. */
export function presentCriteria(c: ClusterCriteria): Array<(typeof CRITERIA_KEYS)[number]> {
  return CRITERIA_KEYS.filter((k) => c[k] !== undefined);
}

export function hasCriteria(c: ClusterCriteria): boolean {
  return presentCriteria(c).length > 0;
}

export interface ClusterGroupRef {
  name: string;
  labels: Labels;
}

export interface ClusterRef {
  name: string;
  labels: Labels;
}

/** The compiled criteria. `create` throws SelectorError (apimachinery's message) like NewClusterMatcher. */
export class ClusterMatcher {
  private constructor(
    readonly criteria: ClusterCriteria,
    private readonly groupSelector: Selector | undefined,
    private readonly clusterSelector: Selector | undefined,
  ) {}

  static create(criteria: ClusterCriteria): ClusterMatcher {
    const gs = criteria.clusterGroupSelector ? toSelector(criteria.clusterGroupSelector) : undefined;
    const cs = criteria.clusterSelector ? toSelector(criteria.clusterSelector) : undefined;
    return new ClusterMatcher(criteria, gs, cs);
  }

  /** `Match(clusterName, clusterGroup, clusterGroupLabels, clusterLabels)`. */
  match(clusterName: string, clusterGroup: string, groupLabels: Labels | undefined, clusterLabels: Labels | undefined): boolean {
    const { clusterName: wantName, clusterGroup: wantGroup } = this.criteria;
    if (wantName === undefined && wantGroup === undefined && !this.groupSelector && !this.clusterSelector) return false;
    if (wantName !== undefined && wantName !== clusterName && clusterLabels?.[CLUSTER_DISPLAY_NAME_LABEL] !== wantName) return false;
    if (wantGroup !== undefined && wantGroup !== clusterGroup) return false;
    if (this.groupSelector && !selectorMatches(this.groupSelector, groupLabels)) return false;
    if (this.clusterSelector && !selectorMatches(this.clusterSelector, clusterLabels)) return false;
    return true;
  }

  /**
   * Whether a cluster is selected: through any of its groups, or, for a cluster in no group,
   * with group "" and no group labels (the loop of manualPartition and BundleMatch).
   */
  matchesCluster(cluster: ClusterRef, groups: readonly ClusterGroupRef[]): boolean {
    if (groups.length === 0) return this.match(cluster.name, '', undefined, cluster.labels);
    return groups.some((g) => this.match(cluster.name, g.name, g.labels, cluster.labels));
  }
}

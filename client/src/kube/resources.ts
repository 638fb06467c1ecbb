/** A kind of object to list and watch. */
export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

export const RESOURCES = {
  rollouts: { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts', kind: 'Rollout', namespaced: true },
  analysisRuns: { group: 'argoproj.io', version: 'v1alpha1', plural: 'analysisruns', kind: 'AnalysisRun', namespaced: true },
  experiments: { group: 'argoproj.io', version: 'v1alpha1', plural: 'experiments', kind: 'Experiment', namespaced: true },
  replicaSets: { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  pods: { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  fleetClusters: { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'clusters', kind: 'Cluster', namespaced: true },
  clusterGroups: { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'clustergroups', kind: 'ClusterGroup', namespaced: true },
  gitRepos: { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'gitrepos', kind: 'GitRepo', namespaced: true },
  bundles: { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'bundles', kind: 'Bundle', namespaced: true },
  bundleDeployments: { group: 'fleet.cattle.io', version: 'v1alpha1', plural: 'bundledeployments', kind: 'BundleDeployment', namespaced: true },
  applicationSets: { group: 'argoproj.io', version: 'v1alpha1', plural: 'applicationsets', kind: 'ApplicationSet', namespaced: true },
  applications: { group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', kind: 'Application', namespaced: true },
  /** Listed per namespace and Rollout (wave board drill-down), never watched cluster-wide. */
  events: { group: '', version: 'v1', plural: 'events', kind: 'Event', namespaced: true },
} as const satisfies Record<string, ResourceType>;

/** `/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts` (namespace omitted: all namespaces). */
export function collectionPath(r: ResourceType, namespace?: string, name?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${r.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** `rollouts.argoproj.io`, as kubectl names a resource in messages. */
export function resourceName(r: ResourceType): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: string; ownerReferences?: Array<{ uid: string; kind: string; name: string; controller?: boolean }>; deletionTimestamp?: string; generation?: number };
  spec?: any;
  status?: any;
}

export const objectKey = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

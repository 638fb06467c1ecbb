/**
 * Type ids: `<group>/<Kind>` with the core group empty, so `Cluster` of Fleet and of Cluster API
 * never meet. fleet.yaml is not a Kubernetes object and is recognised by its file name.
 */
export const K = {
  Rollout: 'argoproj.io/Rollout',
  AnalysisTemplate: 'argoproj.io/AnalysisTemplate',
  ClusterAnalysisTemplate: 'argoproj.io/ClusterAnalysisTemplate',
  AnalysisRun: 'argoproj.io/AnalysisRun',
  Experiment: 'argoproj.io/Experiment',
  ApplicationSet: 'argoproj.io/ApplicationSet',
  Application: 'argoproj.io/Application',
  AppProject: 'argoproj.io/AppProject',
  GitRepo: 'fleet.cattle.io/GitRepo',
  Bundle: 'fleet.cattle.io/Bundle',
  BundleDeployment: 'fleet.cattle.io/BundleDeployment',
  FleetCluster: 'fleet.cattle.io/Cluster',
  ClusterGroup: 'fleet.cattle.io/ClusterGroup',
  HelmOp: 'fleet.cattle.io/HelmOp',
  FleetYaml: 'fleet.yaml',
  Service: '/Service',
  Pod: '/Pod',
  PodTemplate: '/PodTemplate',
  ConfigMap: '/ConfigMap',
  Secret: '/Secret',
  Deployment: 'apps/Deployment',
  ReplicaSet: 'apps/ReplicaSet',
  Ingress: 'networking.k8s.io/Ingress',
  VirtualService: 'networking.istio.io/VirtualService',
  DestinationRule: 'networking.istio.io/DestinationRule',
  TrafficSplit: 'split.smi-spec.io/TrafficSplit',
  AmbassadorMapping: 'getambassador.io/Mapping',
  /** The extension's own direct-waves plan (docs/wave-plans.md); never applied to a cluster. */
  WavePlan: 'fleetrollouts.dev/WavePlan',
} as const;

export type KnownKind = (typeof K)[keyof typeof K];

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** `extensions/v1beta1` Ingress and similar legacy groups map to the current type id. */
const LEGACY_GROUPS: Record<string, string> = {
  'extensions/Ingress': K.Ingress,
  'extensions/Deployment': K.Deployment,
  'extensions/ReplicaSet': K.ReplicaSet,
};

export function typeIdOf(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof kind !== 'string' || kind === '') return undefined;
  const group = typeof apiVersion === 'string' ? groupOf(apiVersion) : '';
  const id = `${group}/${kind}`;
  return LEGACY_GROUPS[id] ?? id;
}

export function isFleetYamlPath(uriOrPath: string): boolean {
  return /(^|[\\/])fleet\.ya?ml$/.test(uriOrPath);
}

export function shortKind(typeId: string): string {
  return typeId === K.FleetYaml ? 'fleet.yaml' : typeId.slice(typeId.indexOf('/') + 1);
}

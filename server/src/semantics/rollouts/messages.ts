import { goQuote } from './field-error';

/**
 * Messages of the Argo Rollouts controller, verbatim, named as upstream names them
 * (pkg/apis/rollouts/validation/validation.go and utils/analysis; shared/docs/semantics/argo-rollouts.md §1).
 */
export const MissingFieldMessage = (field: string): string => `Rollout has missing field '${field}'`;
export const InvalidSetWeightMessage = (max: number): string => `SetWeight needs to be between 0 and ${max}`;
export const InvalidCanaryExperimentTemplateWeightWithoutTrafficRouting = 'Experiment template weight cannot be set unless TrafficRouting is enabled';
/** Inline string in ValidateRolloutStrategyCanary (C23a). */
export const InvalidCanaryExperimentTemplateWeightRouter = 'Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time';
export const InvalidSetCanaryScaleTrafficPolicy = 'SetCanaryScale requires TrafficRouting to be set';
export const InvalidSetHeaderRouteTrafficPolicy = 'SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix';
export const InvalidSetMirrorRouteTrafficPolicy = 'SetMirrorRoute requires TrafficRouting, supports Istio and Plugins';
export const InvalidStringMatchMultipleValuePolicy = 'StringMatch match value must have exactly one of the following: exact, regex, prefix';
export const InvalidStringMatchMissedValuePolicy = 'StringMatch value missed, match value must have one of the following: exact, regex, prefix';
export const InvalidSetHeaderRouteALBValuePolicy = "SetHeaderRoute match value invalid. ALB supports 'exact' value only";
export const InvalidDurationMessage = 'Duration needs to be greater than 0';
export const InvalidMaxSurgeMaxUnavailable = 'MaxSurge and MaxUnavailable both can not be zero';
export const InvalidStepMessage = 'Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause';
export const InvalidStrategyMessage = 'Multiple Strategies can not be listed';
export const DuplicatedServicesBlueGreenMessage = 'This rollout uses the same service for the active and preview services, but two different services are required.';
export const DuplicatedServicesCanaryMessage = 'This rollout uses the same service for the stable and canary services, but two different services are required.';
export const InvalidAntiAffinityStrategyMessage = 'AntiAffinity must have exactly one strategy listed';
export const InvalidAntiAffinityWeightMessage = 'AntiAffinity weight must be between 1-100';
export const ScaleDownLimitLargerThanRevisionLimit = "This rollout's revision history limit can not be smaller than the rollout's scale down limit";
export const InvalidTrafficRoutingMessage = 'Canary service and Stable service must to be set to use Traffic Routing';
export const InvalidAnalysisArgsMessage = 'Analyses arguments must refer to valid object metadata supported by downwardAPI';
export const InvalidCanaryScaleDownDelay = 'Canary scaleDownDelaySeconds can only be used with traffic routing';
export const InvalidCanaryDynamicStableScale = 'Canary dynamicStableScale can only be used with traffic routing';
export const InvalidCanaryDynamicStableScaleWithScaleDownDelay = 'Canary dynamicStableScale cannot be used with scaleDownDelaySeconds';
export const InvalidCanaryMaxWeightOnlySupportInNginxAndPlugins = 'Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins';
export const InvalidPingPongProvidedMessage = 'Ping service and Pong service must to be set to use Ping-Pong feature';
export const DuplicatedPingPongServicesMessage = 'This rollout uses the same service for the ping and pong services, but two different services are required.';
export const MissedAlbRootServiceMessage = 'Root service field is required for the configuration with ALB and ping-pong feature enabled';
export const PingPongWithRouterOnlyMessage = 'Ping-pong feature works with the ALB, Istio, and plugin-based traffic routers only';
export const InvalideStepRouteNameNotFoundInManagedRoutes = 'Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes';

/** k8s validation texts used by ValidateRolloutSpec (apimachinery / k8s.io/kubernetes). */
export const NonNegativeMessage = 'must be greater than or equal to 0';
export const ProgressDeadlineMessage = 'must be greater than minReadySeconds';
export const EmptySelectorMessage = 'empty selector is invalid for deployment';
export const SelectorTemplateMismatchMessage = '`selector` does not match template `labels`';
export const WorkloadRefTemplateMessage = 'template must be empty for workload reference rollout';
export const ActiveDeadlineForbiddenMessage = 'activeDeadlineSeconds in ReplicaSet is not Supported';
export const WorkloadNotSupported = (group: string, kind: string): string => `workload of type ${group}/${kind} is not supported`;

/** utils/analysis/helpers.go fn MergeArgs (§1.6.4). */
export const argNotResolved = (name: string): string => `args.${name} was not resolved`;

/** rollout/controller.go fn getRolloutReferencedResources (§1.5 R2, R3). */
export const analysisTemplateNotFound = (name: string): string => `AnalysisTemplate '${name}' not found`;
export const clusterAnalysisTemplateNotFound = (name: string): string => `ClusterAnalysisTemplate '${name}' not found`;

/** §1.5 R4, R5, R7, R9, R11: lookup-phase configuration errors. */
export const NginxIngressBoth = 'Either StableIngress or StableIngresses must be configured. Both are configured.';
export const NginxIngressNeither = 'Either StableIngress or StableIngresses must be configured. Neither are configured.';
export const AlbIngressBoth = 'Either Ingress or Ingresses must be configured. Both are configured.';
export const AlbIngressNeither = 'Either Ingress or Ingresses must be configured. Neither are configured.';
export const IstioVirtualServiceConfig = 'either VirtualService or VirtualServices must be configured';
export const AmbassadorMappingsRequired = 'must provide at least one mapping';
export const AppMeshVirtualServiceRequired = 'must provide virtual-service';

/** Kubernetes NotFound text as a lister prints it: `<resource> "<name>" not found`. */
export const notFound = (resource: string, name: string): string => `${resource} ${goQuote(name)} not found`;

/** validation_references.go (§1.5 V1, V2, V4, V5, V6). */
export const serviceUnmatchLabel = (svc: string, key: string): string => `Service ${goQuote(svc)} has unmatch label ${goQuote(key)} in rollout`;
export const serviceManagedByOther = (svc: string): string => `Service ${goQuote(svc)} is managed by another Rollout`;
export const ingressNoStableBackend = (ingress: string, svc: string): string => `ingress \`${ingress}\` has no rules using service ${svc} backend`;
export const IstioNoRoutes = 'Unable to get any of the HTTP, TCP or TLS routes for the Istio VirtualService';
export const istioInvalidRoutes = (kind: 'HTTP' | 'TLS' | 'TCP', err: string): string => `Istio VirtualService has invalid ${kind} routes. Error: ${err}`;
export const istioUnableToGet = (kind: 'HTTP' | 'TLS' | 'TCP'): string => `Unable to get ${kind} routes for Istio VirtualService`;
export const ambassadorMappingWeight = (name: string): string => `Ambassador mapping ${goQuote(name)} can not define weight`;

/** The managed-by annotation a Rollout writes on the Services it controls. */
export const ManagedByRolloutsKey = 'argo-rollouts.argoproj.io/managed-by-rollouts';
/** Label the controller adds to pods and Service selectors; ignored when comparing selectors. */
export const DefaultRolloutUniqueLabelKey = 'rollouts-pod-template-hash';

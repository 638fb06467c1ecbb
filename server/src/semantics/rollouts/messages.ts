/**
 * Messages of the Argo Rollouts controller, verbatim, named as upstream names them
 * (pkg/apis/rollouts/validation/validation.go and utils/analysis; shared/docs/semantics/argo-rollouts.md §1).
 */
export const InvalidMaxSurgeMaxUnavailable = 'MaxSurge and MaxUnavailable both can not be zero';

/** utils/analysis/helpers.go fn MergeArgs (§1.6.4). */
export const argNotResolved = (name: string): string => `args.${name} was not resolved`;

/** rollout/controller.go fn getRolloutReferencedResources (§1.5 R2, R3). */
export const analysisTemplateNotFound = (name: string): string => `AnalysisTemplate '${name}' not found`;
export const clusterAnalysisTemplateNotFound = (name: string): string => `ClusterAnalysisTemplate '${name}' not found`;

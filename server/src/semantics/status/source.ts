/**
 * Where the objects of a Rollout come from: a directory of saved objects today, a kubeconfig
 * context (list+watch caches) later. Commands and views depend only on this interface.
 */
import type { RolloutObjects } from './rollout-info';
import type { KubeObject } from './objects';

/** The objects `get experiment` needs: the Experiment and what its namespace holds. */
export interface ExperimentObjects {
  experiment: KubeObject;
  replicaSets: readonly KubeObject[];
  pods: readonly KubeObject[];
  analysisRuns: readonly KubeObject[];
}

/**
 * The API server's NotFound, worded as the plugin's listers word it: `rollout.argoproj.io "x" not
 * found`, `experiment.argoproj.io "x" not found`, `deployment.apps "x" not found`.
 */
export class NotFoundError extends Error {
  constructor(
    /** `<resource>.<group>` as a lister's GroupResource prints it. */
    readonly resource: string,
    readonly objectName: string,
  ) {
    super(`${resource} "${objectName}" not found`);
  }
}

/** A request that cannot be answered as asked (e.g. a name in several namespaces of a dump). */
export class AmbiguousError extends Error {}

/**
 * The source itself failed (cluster unreachable, credentials rejected, unknown context): printed
 * `Error: <message>` with exit status 1, as the plugin reports its client's errors.
 */
export class SourceError extends Error {}

export const ROLLOUT_RESOURCE = 'rollout.argoproj.io';
export const EXPERIMENT_RESOURCE = 'experiment.argoproj.io';
export const DEPLOYMENT_RESOURCE = 'deployment.apps';

export interface ObjectSource {
  /** For messages and block titles: a context name, or the directory read. */
  readonly label: string;
  /**
   * The Rollout `name` in `namespace` (the source's default namespace when undefined) with the
   * ReplicaSets, Pods, Experiments and AnalysisRuns of that namespace and the workloadRef
   * Deployment. Throws NotFoundError when the Rollout or its workloadRef Deployment is missing.
   */
  rolloutObjects(name: string, namespace?: string): Promise<RolloutObjects>;
  /** The Experiment `name` and the objects of its namespace; throws NotFoundError. */
  experimentObjects(name: string, namespace?: string): Promise<ExperimentObjects>;
  /**
   * Calls `onChange` whenever something the source reads may have changed (the caller re-reads);
   * returns a function that stops watching. A source that never changes returns a no-op.
   */
  watch(onChange: () => void): () => void;
}

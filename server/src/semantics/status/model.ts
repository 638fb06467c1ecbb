/**
 * The status model: what `rolloutStatus()` returns and every view renders (the `get rollout` text,
 * the VS Code tree, the wave board). It mirrors the plugin's `RolloutInfo` protobuf
 * (pkg/apiclient/rollout) field for field where the plugin prints or sorts by a field, with
 * camelCase names, numbers for counts and epoch milliseconds for times.
 *
 * The model holds no "now": ages and scale-down delays are computed when rendering, so one model
 * can be redrawn every second. Everything is plain data (JSON-serialisable) so it can cross to a
 * webview.
 */
import type { ReplicaSetTag } from './icons';
import type { Timestamp } from './objects';

/** Identity shared by every row of the tree. */
export interface ObjectInfo {
  name: string;
  namespace: string;
  uid: string;
  /** `metadata.creationTimestamp`; undefined when missing (the plugin then prints the zero time's age). */
  creationTimestamp: Timestamp;
}

export interface ContainerInfo {
  name: string;
  image: string;
}

/** An image running in the rollout, with the tags the header's `Images:` block prints after it. */
export interface ImageInfo {
  image: string;
  /** `canary`, `stable`, `active`, `preview`, `ping`, `pong`, or `Σ:<experiment template>`. */
  tags: string[];
}

/** A kubectl-style pod row (`newPodInfo`, argo-rollouts.md §4.3). */
export interface PodInfo extends ObjectInfo {
  /** `Running`, `Pending`, `ImagePullBackOff`, `Init:0/2`, `ExitCode:1`, `Terminating`, … */
  status: string;
  icon: string;
  /** `<ready containers>/<containers>`. */
  ready: string;
  restarts: number;
}

/** A ReplicaSet owned by the Rollout or by one of its Experiments (argo-rollouts.md §4.3). */
export interface ReplicaSetInfo extends ObjectInfo {
  /** `Healthy`, `Progressing`, `ReplicaFailure` or `ScaledDown`. */
  status: string;
  icon: string;
  /** Annotation `rollout.argoproj.io/revision`; 0 when missing or not a number. */
  revision: number;
  /** Annotation `experiment.argoproj.io/template-name` (experiment ReplicaSets). */
  template: string;
  /** Annotation `scale-down-deadline` (RFC 3339), "" when absent; see `scaleDownDelay()`. */
  scaleDownDeadline: string;
  /** `status.replicas`. */
  replicas: number;
  /** `status.availableReplicas`. */
  available: number;
  /** Role flags; only set for ReplicaSets of a Rollout (never for experiment ReplicaSets). */
  stable: boolean;
  canary: boolean;
  active: boolean;
  preview: boolean;
  ping: boolean;
  pong: boolean;
  /** `rollouts-pod-template-hash` label, "" when missing. */
  podTemplateHash: string;
  images: string[];
  initContainerImages: string[];
  /** Pods owned by this ReplicaSet, oldest first (then by name). */
  pods: PodInfo[];
}

/** A Job started by a Job-provider measurement. */
export interface JobInfo {
  name: string;
  namespace: string;
  /** The measurement phase. */
  status: string;
  icon: string;
  metricName: string;
  /** The measurement's `startedAt`: the Job row's AGE. */
  startedAt: Timestamp;
}

/** A measurement of a provider other than Job (the dashboard shows these). */
export interface MeasurementInfo {
  metricName: string;
  value: string;
  status: string;
  startedAt: Timestamp;
}

/** A metric of the run's spec, for a summary next to the run. */
export interface MetricSummary {
  name: string;
  successCondition: string;
  /** `IntOrString.IntVal`: 0 when the field is absent or a string (e.g. an unresolved `{{args.x}}`). */
  count: number;
  failureLimit: number;
  inconclusiveLimit: number;
}

/** An AnalysisRun owned by the Rollout or an Experiment (argo-rollouts.md §4.4). */
export interface AnalysisRunInfo extends ObjectInfo {
  /** `status.phase`: Pending, Running, Successful, Failed, Error, Inconclusive (or "" before the first reconcile). */
  status: string;
  /** `status.message` of the run (not shown by `get rollout`). */
  message: string;
  icon: string;
  revision: number;
  /** Sums of `status.metricResults[*].successful/failed/inconclusive/error`. */
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  jobs: JobInfo[];
  nonJobMeasurements: MeasurementInfo[];
  metrics: MetricSummary[];
}

/** An Experiment owned by the Rollout (argo-rollouts.md §4.4). */
export interface ExperimentInfo extends ObjectInfo {
  status: string;
  message: string;
  icon: string;
  revision: number;
  replicaSets: ReplicaSetInfo[];
  analysisRuns: AnalysisRunInfo[];
}

/** The objects of one revision, in the order the tree lists them. */
export interface RevisionInfo {
  revision: number;
  replicaSets: ReplicaSetInfo[];
  experiments: ExperimentInfo[];
  analysisRuns: AnalysisRunInfo[];
}

/** Everything `kubectl argo rollouts get rollout` knows about one Rollout (`NewRolloutInfo`, §4.2). */
export interface RolloutInfo extends ObjectInfo {
  generation: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Phase from `getRolloutPhase()`: Healthy, Progressing, Paused, Degraded (or a controller's own string). */
  status: string;
  /** "" when healthy; e.g. `CanaryPauseStep`, `more replicas need to be updated`, `RolloutAborted: …`. */
  message: string;
  icon: string;
  strategy: 'Canary' | 'BlueGreen' | '';
  /**
   * `<currentStepIndex>/<number of steps>` for a canary with steps and a current index, else "".
   * N is the 0-based index of the step being executed; N == M means all steps are done.
   */
  step: string;
  /** `status.currentStepIndex` as stored (canary), undefined when unset. */
  currentStepIndex: number | undefined;
  /** The canary steps as the plugin names them (`setWeight: 20`, `pause: 10s`, `analysis`, …). */
  steps: string[];
  /** Canary only (else ""): the desired weight of the current step, as a decimal string. */
  setWeight: string;
  /** Canary only (else ""): the weight actually routed or the share of available canary pods. */
  actualWeight: string;
  /** `spec.replicas` (default 1). */
  desired: number;
  /** `status.replicas`. */
  current: number;
  updated: number;
  ready: number;
  available: number;
  /** From the workloadRef Deployment's template when the Rollout uses one, else `spec.template`. */
  containers: ContainerInfo[];
  initContainers: ContainerInfo[];
  /** `status.restartedAt`; undefined = never restarted. */
  restartedAt: Timestamp;
  /** `status.observedGeneration` as stored. */
  observedGeneration: string;
  /** ReplicaSets owned by the Rollout: revision descending, then name. */
  replicaSets: ReplicaSetInfo[];
  /** Experiments owned by the Rollout, newest revision first. */
  experiments: ExperimentInfo[];
  /** AnalysisRuns owned by the Rollout: revision descending, then creation, then name descending. */
  analysisRuns: AnalysisRunInfo[];
  /** The `Images:` block of the header (`info.Images`). */
  images: ImageInfo[];
  /** Revisions of all ReplicaSets, Experiments and AnalysisRuns above, highest first, with their objects. */
  revisions: RevisionInfo[];
}

export type { ReplicaSetTag };

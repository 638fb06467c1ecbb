/**
 * The wave board's per-cluster drill-down (issue 8): what the extension sends the webview about
 * the Argo Rollouts of one Fleet cluster, as plain JSON. Built from the kubeconfig context whose
 * name is the cluster's name (only when the user watches that context). No `vscode`, no DOM.
 */

/** Where a step stands: before the current index, at it, or after it (argo-rollouts.md §4.2 `Step`). */
export type StepState = 'done' | 'current' | 'pending';

export type StepKind = 'setWeight' | 'pause' | 'analysis' | 'experiment' | 'setCanaryScale' | 'other';

export interface TimelineStep {
  index: number;
  kind: StepKind;
  /** The plugin's name of the step (`setWeight: 20`, `pause: 24h`, `analysis`). */
  label: string;
  state: StepState;
  /** setWeight steps: the weight it sets. */
  weight?: number;
  /** Extra words for the current step: "paused (CanaryPauseStep)", "analysis Failed", template names… */
  detail: string;
}

export interface Timeline {
  steps: TimelineStep[];
  /** `status.currentStepIndex` as the controller stored it (0-based), undefined when unset. */
  currentStepIndex: number | undefined;
  /** Every step done (index == number of steps). */
  complete: boolean;
  /** `status.abort`: the canary was rolled back; the current step is where it stopped. */
  aborted: boolean;
  /** Aborted: the step it stopped at (the controller has reset the index to 0), when a step AnalysisRun says. */
  stoppedAt?: number;
  /** The plugin's `SetWeight` and `ActualWeight` (argo-rollouts.md §4.2), as numbers. */
  setWeight: number;
  actualWeight: number;
}

export interface WeightSample {
  /** ms since the epoch. */
  t: number;
  setWeight: number;
  actualWeight: number;
}

/**
 * A threshold a condition draws on a chart: a comparison of the measured value with a constant.
 * `failsWhen` is the side on which the measurement fails the condition: above (or at) the value,
 * or below it.
 */
export interface Threshold {
  condition: 'success' | 'failure';
  op: '<' | '<=' | '>' | '>=';
  value: number;
  failsWhen: 'above' | 'below';
}

export interface MeasurementPoint {
  /** `finishedAt`, else `startedAt`, in ms since the epoch. */
  t: number;
  /** The first number of the value (`[0.137]` → 0.137), undefined when not numeric. */
  value: number | undefined;
  raw: string;
  /** Successful, Failed, Inconclusive, Error, Running. */
  phase: string;
}

export interface MetricView {
  name: string;
  phase: string;
  successCondition: string;
  failureCondition: string;
  /** Threshold lines of both conditions; empty when neither is a simple comparison. */
  thresholds: Threshold[];
  /** False when a condition had parts that are not drawn (the lines are then a hint only). */
  thresholdsExact: boolean;
  failureLimit: number;
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  measurements: MeasurementPoint[];
  message: string;
}

export interface AnalysisRunView {
  name: string;
  phase: string;
  message: string;
  revision: number;
  /** ms since the epoch; 0 when unknown. */
  created: number;
  metrics: MetricView[];
}

export interface EventView {
  type: string;
  reason: string;
  message: string;
  count: number;
  /** ms since the epoch of the last occurrence. */
  last: number;
}

export interface RolloutDrilldown {
  namespace: string;
  name: string;
  /** The plugin's phase and message (argo-rollouts.md §4.1). */
  status: string;
  message: string;
  strategy: string;
  /** `1/6` as the plugin prints it, "" when unset. */
  step: string;
  timeline: Timeline | undefined;
  weights: WeightSample[];
  /** Newest first, at most a few. */
  analysisRuns: AnalysisRunView[];
  events: EventView[];
  /** Why the events are missing (forbidden, unreachable), "" when listed. */
  eventsProblem: string;
}

export interface ClusterDrilldown {
  cluster: string;
  /** The kubeconfig context used, undefined when there is none to use. */
  context: string | undefined;
  /** Why nothing is shown: no context of that name, context not watched, still listing, list error. */
  problem: string;
  rollouts: RolloutDrilldown[];
  /** ms since the epoch the data were assembled at. */
  at: number;
}

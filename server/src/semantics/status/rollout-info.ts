/**
 * `NewRolloutInfo` of pkg/kubectl-argo-rollouts/info/rollout_info.go (argo-rollouts.md §4.2–§4.4):
 * one Rollout and the objects of its namespace turned into the status model of `model.ts`.
 */
import { analysisRunInfos, experimentImages, experimentInfos } from './analysis-info';
import { rolloutIcon } from './icons';
import { mergeImage, replicaSetImages } from './images';
import type { AnalysisRunInfo, ContainerInfo, ExperimentInfo, ImageInfo, ReplicaSetInfo, RevisionInfo, RolloutInfo } from './model';
import { asString, at, boolAt, creationOf, intAt, isObject, listAt, mapAt, nameOf, namespaceOf, optIntAt, stringMapAt, strAt, timeAt, uidOf, type KubeObject } from './objects';
import { replicaSetInfos, rolloutRoles } from './replicaset-info';
import { getRolloutPhase, type PhaseOptions } from './rollout-phase';

/**
 * The inputs of the status algorithm: a Rollout and what the plugin's informers see in its
 * namespace. The lists may hold objects of other rollouts: ownership (owner reference UIDs)
 * decides what belongs to this one, as upstream.
 */
export interface RolloutObjects {
  rollout: KubeObject;
  replicaSets: readonly KubeObject[];
  pods: readonly KubeObject[];
  experiments: readonly KubeObject[];
  analysisRuns: readonly KubeObject[];
  /**
   * The Deployment named by `spec.workloadRef.name` (the plugin looks up a Deployment whatever
   * `workloadRef.kind` says); its pod template supplies the containers.
   */
  workloadRef?: KubeObject;
}

/** `weightutil.MaxTrafficWeight`: `trafficRouting.maxTrafficWeight`, default 100. */
export function maxTrafficWeight(ro: KubeObject): number {
  return optIntAt(ro, 'spec', 'strategy', 'canary', 'trafficRouting', 'maxTrafficWeight') ?? 100;
}

function canarySteps(ro: KubeObject): unknown[] {
  return listAt(ro, 'spec', 'strategy', 'canary', 'steps');
}

/**
 * `replicasetutil.GetCurrentCanaryStep`: the index of the step being executed (0 when
 * `status.currentStepIndex` is unset) when it points at a step; undefined for a rollout without
 * canary steps or past its last step.
 */
export function currentCanaryStepIndex(ro: KubeObject): number | undefined {
  if (!mapAt(ro, 'spec', 'strategy', 'canary')) return undefined;
  const steps = canarySteps(ro);
  if (steps.length === 0) return undefined;
  const index = optIntAt(ro, 'status', 'currentStepIndex') ?? 0;
  if (index >= steps.length || index < 0) return undefined;
  return index;
}

/** `replicasetutil.GetCurrentSetWeight`: the desired canary weight at the current step. */
export function currentSetWeight(ro: KubeObject): number {
  if (boolAt(ro, 'status', 'abort')) return 0;
  const index = currentCanaryStepIndex(ro);
  if (index === undefined) return maxTrafficWeight(ro);
  const steps = canarySteps(ro);
  for (let i = index; i >= 0; i--) {
    const w = optIntAt(steps[i], 'setWeight');
    if (w !== undefined) return w;
  }
  return 0;
}

/** `IntOrString.String()`. */
function intOrString(v: unknown): string {
  return typeof v === 'number' ? String(Math.trunc(v)) : asString(v);
}

/** `rolloututil.CanaryStepString`: how the plugin and dashboard name a canary step. */
export function canaryStepString(step: unknown): string {
  const setWeight = optIntAt(step, 'setWeight');
  if (setWeight !== undefined) return `setWeight: ${setWeight}`;
  const pause = mapAt(step, 'pause');
  if (pause) {
    const duration = at(pause, 'duration');
    return duration === undefined || duration === null ? 'pause' : `pause: ${intOrString(duration)}`;
  }
  if (mapAt(step, 'experiment')) return 'experiment';
  if (mapAt(step, 'analysis')) return 'analysis';
  const scale = mapAt(step, 'setCanaryScale');
  if (scale) {
    const weight = optIntAt(scale, 'weight');
    if (weight !== undefined) return `setCanaryScale{weight: ${weight}}`;
    if (boolAt(scale, 'matchTrafficWeight')) return 'setCanaryScale{matchTrafficWeight: true}';
    const replicas = optIntAt(scale, 'replicas');
    if (replicas !== undefined) return `setCanaryScale{replicas: ${replicas}}`;
  }
  const plugin = mapAt(step, 'plugin');
  if (plugin) return `plugin: ${strAt(plugin, 'name')}`;
  const header = mapAt(step, 'setHeaderRoute');
  if (header) return `setHeaderRoute: ${strAt(header, 'name')}`;
  const mirror = mapAt(step, 'setMirrorRoute');
  if (mirror) return `setMirrorRoute: ${strAt(mirror, 'name')}`;
  return 'invalid';
}

function containers(template: unknown, field: 'containers' | 'initContainers'): ContainerInfo[] {
  return listAt(template, 'spec', field).map((c) => ({ name: strAt(c, 'name'), image: strAt(c, 'image') }));
}

/** `info.Images`: the ReplicaSets' images with role tags, then the experiments' images. */
export function rolloutImages(replicaSets: readonly ReplicaSetInfo[], experiments: readonly ExperimentInfo[]): ImageInfo[] {
  let images = replicaSetImages(replicaSets);
  for (const exp of experiments) {
    for (const image of experimentImages(exp)) images = mergeImage(image, images);
  }
  return images;
}

/** `info.Revisions` with `ReplicaSetsByRevision`, `ExperimentsByRevision`, `AnalysisRunsByRevision`. */
export function revisionsOf(replicaSets: readonly ReplicaSetInfo[], experiments: readonly ExperimentInfo[], analysisRuns: readonly AnalysisRunInfo[]): RevisionInfo[] {
  const numbers = new Set<number>();
  for (const x of [...replicaSets, ...experiments, ...analysisRuns]) numbers.add(x.revision);
  return [...numbers]
    .sort((a, b) => b - a)
    .map((revision) => ({
      revision,
      replicaSets: replicaSets.filter((r) => r.revision === revision),
      experiments: experiments.filter((e) => e.revision === revision),
      analysisRuns: analysisRuns.filter((a) => a.revision === revision),
    }));
}

/** Go int32 arithmetic for `(available * maxWeight) / availableReplicas`. */
function int32Share(available: number, maxWeight: number, total: number): number {
  const product = Math.imul(available | 0, maxWeight | 0);
  return Math.trunc(product / (total | 0)) | 0;
}

/** `NewRolloutInfo`: the status model of one Rollout. */
export function newRolloutInfo(objects: RolloutObjects, options: PhaseOptions = {}): RolloutInfo {
  const ro = objects.rollout;
  const uid = uidOf(ro);
  const replicaSets = replicaSetInfos(uid, rolloutRoles(ro), objects.replicaSets, objects.pods);
  const experiments = experimentInfos(uid, objects.experiments, objects.replicaSets, objects.analysisRuns, objects.pods);
  const analysisRuns = analysisRunInfos(uid, objects.analysisRuns);

  let strategy: RolloutInfo['strategy'] = '';
  let step = '';
  let steps: string[] = [];
  let setWeight = '';
  let actualWeight = '';
  const canary = mapAt(ro, 'spec', 'strategy', 'canary');
  const currentStepIndex = canary ? optIntAt(ro, 'status', 'currentStepIndex') : undefined;
  if (canary) {
    strategy = 'Canary';
    const stepList = canarySteps(ro);
    steps = stepList.map(canaryStepString);
    if (currentStepIndex !== undefined && stepList.length > 0) step = `${currentStepIndex}/${stepList.length}`;
    // The desired weight, not the weight currently routed.
    setWeight = String(currentSetWeight(ro));
    actualWeight = '0';
    const availableReplicas = intAt(ro, 'status', 'availableReplicas');
    if (currentCanaryStepIndex(ro) === undefined) {
      actualWeight = String(maxTrafficWeight(ro));
    } else if (availableReplicas > 0) {
      if (!mapAt(canary, 'trafficRouting')) {
        for (const rs of replicaSets) {
          if (rs.canary) actualWeight = String(int32Share(rs.available, maxTrafficWeight(ro), availableReplicas));
        }
      } else if (mapAt(ro, 'status', 'canary', 'weights')) {
        actualWeight = String(intAt(ro, 'status', 'canary', 'weights', 'canary', 'weight'));
      } else {
        actualWeight = setWeight;
      }
    }
  } else if (mapAt(ro, 'spec', 'strategy', 'blueGreen')) {
    strategy = 'BlueGreen';
  }

  const { status, message } = getRolloutPhase(ro, options);
  const template = objects.workloadRef ? at(objects.workloadRef, 'spec', 'template') : at(ro, 'spec', 'template');

  return {
    name: nameOf(ro),
    namespace: namespaceOf(ro),
    uid,
    creationTimestamp: creationOf(ro),
    generation: intAt(ro, 'metadata', 'generation'),
    labels: stringMapAt(ro, 'metadata', 'labels'),
    annotations: stringMapAt(ro, 'metadata', 'annotations'),
    status,
    message,
    icon: rolloutIcon(status),
    strategy,
    step,
    currentStepIndex,
    steps,
    setWeight,
    actualWeight,
    desired: optIntAt(ro, 'spec', 'replicas') ?? 1,
    current: intAt(ro, 'status', 'replicas'),
    updated: intAt(ro, 'status', 'updatedReplicas'),
    ready: intAt(ro, 'status', 'readyReplicas'),
    available: intAt(ro, 'status', 'availableReplicas'),
    containers: containers(isObject(template) ? template : undefined, 'containers'),
    initContainers: containers(isObject(template) ? template : undefined, 'initContainers'),
    restartedAt: timeAt(ro, 'status', 'restartedAt'),
    observedGeneration: strAt(ro, 'status', 'observedGeneration'),
    replicaSets,
    experiments,
    analysisRuns,
    images: rolloutImages(replicaSets, experiments),
    revisions: revisionsOf(replicaSets, experiments, analysisRuns),
  };
}

/**
 * ReplicaSet and pod rows: `GetReplicaSetInfo`, `getReplicaSetHealth`, `addPodInfos` and
 * `newPodInfo` of pkg/kubectl-argo-rollouts/info (argo-rollouts.md §4.3).
 */
import { podIcon, replicaSetIcon } from './icons';
import type { PodInfo, ReplicaSetInfo } from './model';
import {
  annotationOf,
  asInt,
  at,
  boolAt,
  compareGoStrings,
  creationOf,
  intAt,
  labelOf,
  listAt,
  mapAt,
  nameOf,
  namespaceOf,
  optIntAt,
  ownerAmong,
  strAt,
  timeBefore,
  timeEqual,
  uidOf,
  type KubeObject,
} from './objects';

export const REVISION_ANNOTATION = 'rollout.argoproj.io/revision';
export const EXPERIMENT_TEMPLATE_ANNOTATION = 'experiment.argoproj.io/template-name';
export const SCALE_DOWN_DEADLINE_ANNOTATION = 'scale-down-deadline';
export const POD_TEMPLATE_HASH_LABEL = 'rollouts-pod-template-hash';
/** `k8s.io/kubernetes/pkg/util/node.NodeUnreachablePodReason`. */
const NODE_LOST = 'NodeLost';

/** `parseRevision`: Atoi of the revision annotation, 0 when missing or not a number. */
export function parseRevision(obj: unknown): number {
  const v = annotationOf(obj, REVISION_ANNOTATION);
  if (v === undefined || !/^[+-]?[0-9]+$/.test(v)) return 0;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : 0;
}

/** `getReplicaSetHealth`. */
export function replicaSetHealth(rs: KubeObject): string {
  const specReplicas = optIntAt(rs, 'spec', 'replicas');
  if (intAt(rs, 'metadata', 'generation') <= intAt(rs, 'status', 'observedGeneration')) {
    const failure = listAt(rs, 'status', 'conditions').find((c) => strAt(c, 'type') === 'ReplicaFailure');
    if (failure !== undefined && strAt(failure, 'status') === 'True') return 'ReplicaFailure';
    if (specReplicas !== undefined && intAt(rs, 'status', 'availableReplicas') < specReplicas) return 'Progressing';
  } else {
    return 'Progressing';
  }
  if (specReplicas === 0) return 'ScaledDown';
  return 'Healthy';
}

/** The role a Rollout gives the ReplicaSets it owns; experiment ReplicaSets have none. */
export interface RolloutRoles {
  canary: boolean;
  blueGreen: boolean;
  pingPong: boolean;
  stableRS: string;
  currentPodHash: string;
  activeSelector: string;
  previewSelector: string;
  /** `status.canary.stablePingPong == "ping"`. */
  stableIsPing: boolean;
}

export function rolloutRoles(ro: KubeObject): RolloutRoles {
  const canary = mapAt(ro, 'spec', 'strategy', 'canary');
  return {
    canary: canary !== undefined,
    blueGreen: mapAt(ro, 'spec', 'strategy', 'blueGreen') !== undefined,
    pingPong: canary !== undefined && mapAt(canary, 'pingPong') !== undefined,
    stableRS: strAt(ro, 'status', 'stableRS'),
    currentPodHash: strAt(ro, 'status', 'currentPodHash'),
    activeSelector: strAt(ro, 'status', 'blueGreen', 'activeSelector'),
    previewSelector: strAt(ro, 'status', 'blueGreen', 'previewSelector'),
    stableIsPing: strAt(ro, 'status', 'canary', 'stablePingPong') === 'ping',
  };
}

function containerImages(rs: KubeObject, field: 'containers' | 'initContainers'): string[] {
  return listAt(rs, 'spec', 'template', 'spec', field).map((c) => strAt(c, 'image'));
}

/**
 * `GetReplicaSetInfo(ownerUID, ro, …)`: the ReplicaSets with an owner reference to `ownerUid`,
 * flagged by `roles` (undefined for an Experiment's ReplicaSets), sorted by revision descending
 * then name, each with its pods.
 */
export function replicaSetInfos(ownerUid: string, roles: RolloutRoles | undefined, allReplicaSets: readonly KubeObject[], allPods: readonly KubeObject[]): ReplicaSetInfo[] {
  const infos: ReplicaSetInfo[] = [];
  for (const rs of allReplicaSets) {
    if (ownerAmong(rs, [ownerUid]) === undefined) continue;
    const status = replicaSetHealth(rs);
    const hash = labelOf(rs, POD_TEMPLATE_HASH_LABEL);
    const info: ReplicaSetInfo = {
      name: nameOf(rs),
      namespace: namespaceOf(rs),
      uid: uidOf(rs),
      creationTimestamp: creationOf(rs),
      status,
      icon: replicaSetIcon(status),
      revision: parseRevision(rs),
      template: annotationOf(rs, EXPERIMENT_TEMPLATE_ANNOTATION) ?? '',
      scaleDownDeadline: annotationOf(rs, SCALE_DOWN_DEADLINE_ANNOTATION) ?? '',
      replicas: intAt(rs, 'status', 'replicas'),
      available: intAt(rs, 'status', 'availableReplicas'),
      stable: false,
      canary: false,
      active: false,
      preview: false,
      ping: false,
      pong: false,
      podTemplateHash: hash,
      images: containerImages(rs, 'containers'),
      initContainerImages: containerImages(rs, 'initContainers'),
      pods: [],
    };
    if (roles) {
      // Hashes compare as plain strings: a ReplicaSet without the label matches an empty stableRS.
      if (roles.canary) {
        if (roles.stableRS === hash) {
          info.stable = true;
          if (roles.pingPong) {
            info.ping = roles.stableIsPing;
            info.pong = !roles.stableIsPing;
          }
        } else if (roles.currentPodHash === hash) {
          info.canary = true;
          if (roles.pingPong) {
            info.ping = !roles.stableIsPing;
            info.pong = roles.stableIsPing;
          }
        }
      }
      if (roles.blueGreen) {
        if (roles.stableRS === hash) info.stable = true;
        if (roles.activeSelector === hash) info.active = true;
        else if (roles.previewSelector === hash) info.preview = true;
      }
    }
    infos.push(info);
  }
  // Upstream's comparator also compares creation timestamps but discards the result: revision, then name.
  infos.sort((a, b) => (a.revision !== b.revision ? b.revision - a.revision : compareGoStrings(a.name, b.name)));
  addPods(infos, allPods);
  return infos;
}

/** `addPodInfos`: each pod goes under the first of its owners that is one of the ReplicaSets. */
function addPods(infos: ReplicaSetInfo[], allPods: readonly KubeObject[]): void {
  const uids = infos.map((i) => i.uid);
  const indexOf = new Map<string, number>();
  infos.forEach((info, i) => indexOf.set(info.uid, i));
  for (const pod of allPods) {
    const owner = ownerAmong(pod, uids);
    if (owner === undefined) continue;
    infos[indexOf.get(owner)!].pods.push(podInfo(pod));
  }
  for (const info of infos) {
    info.pods.sort((a, b) => {
      if (!timeEqual(a.creationTimestamp, b.creationTimestamp)) return timeBefore(a.creationTimestamp, b.creationTimestamp) ? -1 : 1;
      return compareGoStrings(a.name, b.name);
    });
  }
}

/** `newPodInfo`: the STATUS column of `kubectl get pods`, ready containers and restarts. */
export function podInfo(pod: KubeObject): PodInfo {
  const initSpecs = listAt(pod, 'spec', 'initContainers');
  // Sidecars: init containers with restartPolicy Always.
  const restartable = new Map<string, boolean>();
  for (const c of initSpecs) restartable.set(strAt(c, 'name'), strAt(c, 'restartPolicy') === 'Always');

  const totalContainers = listAt(pod, 'spec', 'containers').length;
  let readyContainers = 0;
  let restarts = 0;
  let reason = strAt(pod, 'status', 'phase');
  if (strAt(pod, 'status', 'reason') !== '') reason = strAt(pod, 'status', 'reason');

  let initializing = false;
  const initStatuses = listAt(pod, 'status', 'initContainerStatuses');
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += intAt(c, 'restartCount');
    const terminated = mapAt(c, 'state', 'terminated');
    const waiting = mapAt(c, 'state', 'waiting');
    if (terminated && intAt(terminated, 'exitCode') === 0) continue;
    if (terminated) {
      // Initialization failed.
      const r = strAt(terminated, 'reason');
      if (r === '') {
        const signal = intAt(terminated, 'signal');
        reason = signal !== 0 ? `Init:Signal:${signal}` : `Init:ExitCode:${intAt(terminated, 'exitCode')}`;
      } else {
        reason = `Init:${r}`;
      }
      initializing = true;
    } else if (restartable.get(strAt(c, 'name')) && at(c, 'started') === true) {
      // A started sidecar: fine when ready; otherwise stop looking (without marking initialization).
      if (boolAt(c, 'ready')) continue;
    } else if (waiting && strAt(waiting, 'reason') !== '' && strAt(waiting, 'reason') !== 'PodInitializing') {
      reason = `Init:${strAt(waiting, 'reason')}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
      initializing = true;
    }
    break;
  }

  if (!initializing) {
    restarts = 0;
    let hasRunning = false;
    const statuses = listAt(pod, 'status', 'containerStatuses');
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += intAt(c, 'restartCount');
      const waiting = mapAt(c, 'state', 'waiting');
      const terminated = mapAt(c, 'state', 'terminated');
      if (waiting && strAt(waiting, 'reason') !== '') {
        reason = strAt(waiting, 'reason');
      } else if (terminated && strAt(terminated, 'reason') !== '') {
        reason = strAt(terminated, 'reason');
      } else if (terminated) {
        const signal = intAt(terminated, 'signal');
        reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${intAt(terminated, 'exitCode')}`;
      } else if (boolAt(c, 'ready') && mapAt(c, 'state', 'running')) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container completed while another still runs is Running.
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }

  const deleting = at(pod, 'metadata', 'deletionTimestamp');
  if (deleting !== undefined && deleting !== null) {
    reason = strAt(pod, 'status', 'reason') === NODE_LOST ? 'Unknown' : 'Terminating';
  }

  return {
    name: nameOf(pod),
    namespace: namespaceOf(pod),
    uid: uidOf(pod),
    creationTimestamp: creationOf(pod),
    status: reason,
    icon: podIcon(reason),
    ready: `${readyContainers}/${totalContainers}`,
    restarts: asInt(restarts),
  };
}

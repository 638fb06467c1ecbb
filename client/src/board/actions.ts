/**
 * Wave board actions on a Fleet hub: pause, unpause and force update, sent as the exact JSON merge
 * patches of fleet-argocd.md §4.5, to one pinned context only. No `vscode` here: the panel asks
 * for confirmation first and passes the KubeConfig from `session.configFor(context)`.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from '../kube/request';
import { collectionPath, RESOURCES, resourceName, type ResourceType } from '../kube/resources';
import type { BoardAction } from './model/protocol';

export interface FleetObjectRef {
  kind: 'Bundle' | 'GitRepo' | 'Cluster';
  namespace: string;
  name: string;
}

const TYPES: Record<FleetObjectRef['kind'], ResourceType> = { Bundle: RESOURCES.bundles, GitRepo: RESOURCES.gitRepos, Cluster: RESOURCES.fleetClusters };

export interface PlannedPatch {
  ref: FleetObjectRef;
  /** PATCH path on the API server. */
  path: string;
  contentType: 'application/merge-patch+json';
  /** The merge patch, as sent. */
  body: { spec: { paused: boolean } } | { spec: { forceSyncGeneration: number } };
  /** `kubectl -n fleet-default patch bundles.fleet.cattle.io x --type merge -p '…'`, for the confirmation and the log. */
  kubectl: string;
}

/**
 * The request of an action. Force update needs the object's current `spec.forceSyncGeneration`
 * (read just before, so the new value is current+1 as §4.5 says).
 */
export function planAction(action: BoardAction, ref: FleetObjectRef, currentForceSyncGeneration?: number): PlannedPatch {
  if (action === 'forceUpdate' && ref.kind === 'Cluster') throw new Error('force update applies to a Bundle or a GitRepo, not a Cluster');
  const type = TYPES[ref.kind];
  const body: PlannedPatch['body'] =
    action === 'forceUpdate' ? { spec: { forceSyncGeneration: (currentForceSyncGeneration ?? 0) + 1 } } : { spec: { paused: action === 'pause' } };
  return {
    ref,
    path: collectionPath(type, ref.namespace, ref.name),
    contentType: 'application/merge-patch+json',
    body,
    kubectl: `kubectl -n ${ref.namespace} patch ${resourceName(type)} ${ref.name} --type merge -p '${JSON.stringify(body)}'`,
  };
}

/** `spec.forceSyncGeneration` of the object now (0 when unset). */
export async function currentForceSyncGeneration(kc: KubeConfig, ref: FleetObjectRef): Promise<number> {
  const type = TYPES[ref.kind];
  const res = await kubeRequest<{ spec?: { forceSyncGeneration?: unknown } }>(kc, {
    method: 'GET',
    path: collectionPath(type, ref.namespace, ref.name),
    verb: 'get',
    resource: `${resourceName(type)} ${ref.name} in ${ref.namespace}`,
  });
  const v = res.body?.spec?.forceSyncGeneration;
  return typeof v === 'number' && Number.isInteger(v) ? v : 0;
}

/** Sends a planned patch with the pinned config (it can only reach its own context). */
export async function sendPatch(kc: KubeConfig, plan: PlannedPatch): Promise<void> {
  await kubeRequest(kc, {
    method: 'PATCH',
    path: plan.path,
    body: JSON.stringify(plan.body),
    contentType: plan.contentType,
    verb: 'patch',
    resource: `${resourceName(TYPES[plan.ref.kind])} ${plan.ref.name} in ${plan.ref.namespace}`,
  });
}

/** Plans (reading the generation for a force update) and sends one action. */
export async function runAction(kc: KubeConfig, action: BoardAction, ref: FleetObjectRef): Promise<PlannedPatch> {
  const gen = action === 'forceUpdate' ? await currentForceSyncGeneration(kc, ref) : undefined;
  const plan = planAction(action, ref, gen);
  await sendPatch(kc, plan);
  return plan;
}

export const ACTION_TITLES: Record<BoardAction, string> = { pause: 'Pause', unpause: 'Resume', forceUpdate: 'Force update' };

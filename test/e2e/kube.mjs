// What the clusters say, read straight from the API servers of the sandbox (its admin kubeconfig),
// so the journeys check the effect of an action where it happens, not only in the UI.
import * as k8s from '@kubernetes/client-node';
import { sandbox } from './journey.mjs';

function api(context) {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sandbox().kubeconfig);
  kc.setCurrentContext(context);
  return kc.makeApiClient(k8s.CustomObjectsApi);
}

export function getRollout(context, namespace, name) {
  return api(context).getNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace, plural: 'rollouts', name });
}

export function getBundle(name, namespace = 'fleet-default') {
  return api('hub').getNamespacedCustomObject({ group: 'fleet.cattle.io', version: 'v1alpha1', namespace, plural: 'bundles', name });
}

/** Names of the hub's Fleet clusters that carry all the given labels. */
export async function fleetClusterNames(labels, namespace = 'fleet-default') {
  const labelSelector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  const list = await api('hub').listNamespacedCustomObject({ group: 'fleet.cattle.io', version: 'v1alpha1', namespace, plural: 'clusters', labelSelector });
  return list.items.map((c) => c.metadata.name).sort();
}

/**
 * `kubectl argo rollouts set image NAME CONTAINER=IMAGE` (SetImage of cmd/set/set_image.go): GET the
 * Rollout (dynamic client); with `spec.workloadRef`, GET the **Deployment** of that name (whatever
 * kind the ref names, as the plugin does) and PUT it back with the image replaced, else PUT the
 * Rollout. The body is the whole object as the dynamic client writes it (Go's encoding of a map:
 * keys sorted, HTML-safe escapes, a trailing newline). A 409 Conflict re-GETs and retries, 5
 * attempts in all.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { RESOURCES, type KubeObject, type ResourceType } from '../kube/resources';
import { describeTarget, getRollout, goJSON, JSON_CONTENT, objectPath, Recorder, ActionError, type ActionResult } from './request';

export const SET_IMAGE_ATTEMPTS = 5;
const DEPLOYMENTS: ResourceType = { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true };

/** A copy with `image` set on every container named `container` (`*`: all) of the pod template; undefined when none matched. */
export function withImage(obj: KubeObject, container: string, image: string): KubeObject | undefined {
  const copy = structuredClone(obj);
  const podSpec = copy.spec?.template?.spec;
  let found = false;
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = podSpec?.[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (c && typeof c === 'object' && (c.name === container || container === '*')) {
        c.image = image;
        found = true;
      }
    }
  }
  return found ? copy : undefined;
}

/** The PUT body the dynamic client sends for an object. */
export function unstructuredBody(obj: KubeObject): string {
  return `${goJSON(obj, true)}\n`;
}

export async function setImage(kc: KubeConfig, namespace: string, name: string, container: string, image: string): Promise<ActionResult & { attempts: number }> {
  const rec = new Recorder(kc);
  let last: ActionError | undefined;
  for (let attempt = 1; attempt <= SET_IMAGE_ATTEMPTS; attempt++) {
    try {
      const updated = await setImageOnce(rec, namespace, name, container, image);
      return { ...rec.done(`${String(updated.kind ?? 'rollout').toLowerCase()} "${updated.metadata?.name ?? name}" image updated`, updated), attempts: attempt };
    } catch (err) {
      if (err instanceof ActionError && err.kind === 'conflict') {
        last = err;
        continue;
      }
      throw err;
    }
  }
  // The plugin would go on to print a nil object here (a panic); report the last conflict instead.
  throw rec.fail(`${last!.message} (gave up after ${SET_IMAGE_ATTEMPTS} attempts)`, last!.cause);
}

async function setImageOnce(rec: Recorder, namespace: string, name: string, container: string, image: string): Promise<KubeObject> {
  const ro = await getRollout(rec, namespace, name);
  let target = ro;
  let resource: ResourceType = RESOURCES.rollouts as ResourceType;
  let targetName = name;
  const ref = ro.spec?.workloadRef;
  if (ref !== undefined && ref !== null) {
    if (typeof ref.name !== 'string') throw rec.fail(`spec.workloadRef.name is not a string: ${JSON.stringify(ref.name)}`);
    resource = DEPLOYMENTS;
    targetName = ref.name;
    target = await rec.send<KubeObject>({ method: 'GET', path: objectPath(resource, namespace, targetName), verb: 'get', resource: describeTarget(resource, namespace, targetName) });
  }
  const changed = withImage(target, container, image);
  if (!changed) throw rec.fail(`unable to find container named "${container}"`);
  return rec.send<KubeObject>({ method: 'PUT', path: objectPath(resource, namespace, targetName), contentType: JSON_CONTENT, body: unstructuredBody(changed), verb: 'update', resource: describeTarget(resource, namespace, targetName) });
}

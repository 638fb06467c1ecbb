/**
 * `kubectl argo rollouts undo NAME [--to-revision=N]` (RunUndoRollout of cmd/undo/undo.go): GET the
 * Rollout, LIST the ReplicaSets matching its selector, keep those it controls (owner reference with
 * its UID and `controller: true`), pick the revision (annotation `rollout.argoproj.io/revision`;
 * default: the second highest), and unless the Rollout's template already matches, send the JSON
 * patch `[{"op":"replace","path":"/spec/template","value":<template>}]` to the Rollout — or to the
 * object of `spec.workloadRef` (Deployment, ReplicaSet or PodTemplate).
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { RESOURCES, type KubeObject, type ResourceType } from '../kube/resources';
import { describeTarget, getRollout, goJSON, JSON_PATCH, objectPath, Recorder, ActionError, type ActionResult } from './request';

export const REVISION_ANNOTATION = 'rollout.argoproj.io/revision';
export const POD_TEMPLATE_HASH_LABEL = 'rollouts-pod-template-hash';

const WORKLOAD_KINDS: Record<string, ResourceType> = {
  Deployment: { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  ReplicaSet: RESOURCES.replicaSets as ResourceType,
  PodTemplate: { group: '', version: 'v1', plural: 'podtemplates', kind: 'PodTemplate', namespaced: true },
};

interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/**
 * `metav1.LabelSelectorAsSelector(selector).String()`: requirements sorted by key, `k=v` for
 * matchLabels, `k in (a,b)`, `k notin (a,b)`, `k`, `!k` for expressions (values sorted).
 */
export function selectorString(selector: { matchLabels?: Record<string, string>; matchExpressions?: SelectorRequirement[] } | undefined): string {
  const reqs: Array<{ key: string; text: string }> = [];
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of selector?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])];
    const list = values.length === 1 ? values[0] : values.sort().join(',');
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${list})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${list})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        throw new Error(`"${e.operator}" is not a valid label selector operator`);
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** Go's `url.QueryEscape`. */
export function goQueryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `revision(rs)`: the annotation as an int64; missing → 0; unparsable → undefined (skipped). */
function revisionOf(rs: KubeObject): number | undefined {
  const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : undefined;
}

/** `rolloutRevision`: the ReplicaSet of `toRevision`, or (0) the one with the second-highest revision. */
export function pickRevision(replicaSets: readonly KubeObject[], rolloutName: string, toRevision: number): KubeObject {
  let latest: KubeObject | undefined;
  let latestRev = -1;
  let previous: KubeObject | undefined;
  let previousRev = -1;
  for (const rs of replicaSets) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latestRev < v) {
        previousRev = latestRev;
        previous = latest;
        latestRev = v;
        latest = rs;
      } else if (previousRev < v) {
        previousRev = v;
        previous = rs;
      }
    } else if (toRevision === v) {
      return rs;
    }
  }
  if (toRevision > 0) throw new Error(`unable to find specified revision ${toRevision} in history`);
  if (!previous) throw new Error(`no revision found for rollout "${rolloutName}"`);
  return previous;
}

/**
 * `apiequality.Semantic.DeepDerivative(a, b)` on decoded JSON: fields empty or unset in `a` are
 * ignored, everything set in `a` must equal `b` (lists: `a` a prefix of `b`).
 */
export function deepDerivative(a: unknown, b: unknown): boolean {
  if (b === undefined) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    if (a.length === 0) return true;
    if (a.length > b.length) return false;
    return a.every((x, i) => deepDerivative(x, b[i]));
  }
  if (typeof a === 'object') {
    if (typeof b !== 'object' || Array.isArray(b)) return false;
    const keys = Object.keys(a as object);
    if (keys.length === 0) return true;
    if (keys.length > Object.keys(b as object).length) return false;
    return keys.every((k) => deepDerivative((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  if (typeof a !== typeof b) return false;
  if (typeof a === 'string') return a === '' || a === b;
  return a === b;
}

function withoutHashLabel(template: any): any {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    // Go's omitempty drops an empty map.
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

/** `equalIgnoreHash`: does the Rollout's template already match the ReplicaSet's? */
export function templateMatches(ro: KubeObject, rs: KubeObject): boolean {
  const roTemplate = ro.spec?.template;
  if (roTemplate === undefined || roTemplate === null || typeof roTemplate !== 'object') return false;
  const a = structuredClone(roTemplate);
  if (a.metadata?.labels) delete a.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  const b = structuredClone(rs.spec?.template ?? {});
  if (b.metadata?.labels) delete b.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  return deepDerivative(a, b);
}

/**
 * The JSON patch body. The template is written in the order the API server wrote it (the struct
 * field order Go's json.Marshal also uses for the typed ReplicaSet the plugin decoded), with Go's
 * escaping; without the pod-template-hash label.
 */
export function undoPatchBody(rs: KubeObject): string {
  return `[{"op":"replace","path":"/spec/template","value":${goJSON(withoutHashLabel(rs.spec?.template), false)}}]`;
}

const isControlledBy = (rs: KubeObject, ro: KubeObject): boolean => (rs.metadata.ownerReferences ?? []).some((ref) => ref.controller === true && ref.uid === ro.metadata.uid);

export async function undo(kc: KubeConfig, namespace: string, name: string, options: { toRevision?: number } = {}): Promise<ActionResult & { revision?: number; skipped: boolean }> {
  const toRevision = options.toRevision ?? 0;
  const rec = new Recorder(kc);
  const ro = await getRollout(rec, namespace, name);
  const selector = selectorString(ro.spec?.selector);
  const listPath = objectPath(RESOURCES.replicaSets as ResourceType, namespace, '').replace(/\/$/, '') + (selector ? `?labelSelector=${goQueryEscape(selector)}` : '');
  let list: { items?: KubeObject[] };
  try {
    list = await rec.send({ method: 'GET', path: listPath, verb: 'list', resource: `replicasets.apps in namespace "${namespace}"` });
  } catch (err) {
    throw rec.fail(`failed to retrieve replica sets from rollout ${name}: ${(err as Error).message}`, (err as ActionError).cause);
  }
  const owned = (list.items ?? []).filter((rs) => isControlledBy(rs, ro));
  let rs: KubeObject;
  try {
    rs = pickRevision(owned, ro.metadata.name, toRevision);
  } catch (err) {
    throw rec.fail((err as Error).message);
  }
  const revision = revisionOf(rs);
  if (templateMatches(ro, rs)) {
    return { ...rec.done(`skipped rollback (current template already matches revision ${toRevision})`, ro), revision, skipped: true };
  }
  const body = undoPatchBody(rs);
  const ref = ro.spec?.workloadRef;
  let resource: ResourceType = RESOURCES.rollouts as ResourceType;
  let target = name;
  if (ref !== undefined && ref !== null) {
    const kind = WORKLOAD_KINDS[ref.kind as string];
    if (!kind) throw rec.fail(`failed restoring revision ${toRevision}: workload of type ${ref.kind} is not supported`);
    resource = kind;
    target = ref.name;
  }
  let object: KubeObject;
  try {
    object = await rec.send<KubeObject>({ method: 'PATCH', path: objectPath(resource, namespace, target), contentType: JSON_PATCH, body, verb: 'patch', resource: describeTarget(resource, namespace, target) });
  } catch (err) {
    const cause = (err as ActionError).cause;
    throw rec.fail(`failed restoring revision ${toRevision}: ${(err as Error).message}`, cause);
  }
  return { ...rec.done(`rollout '${ro.metadata.name}' undo`, object), revision, skipped: false };
}

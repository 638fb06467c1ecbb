// Writes to the sandbox clusters for the journeys that set up their own objects (start-rollout,
// direct-waves, rolling-sync-board): namespaces, Rollouts, server-side applies, status patches,
// and putting the clusters back as seeded so the journeys after them see the demo seed unchanged.
// Everything goes straight to the API servers with the sandbox's admin kubeconfig (no kubectl
// needed on the machine): server-side apply as an operator or CI would, merge patches on /status
// as the controllers would.
import https from 'node:https';
import * as k8s from '@kubernetes/client-node';
import { sandbox } from '../../journey.mjs';
import { waitFor } from '../../ui.mjs';

/** Plurals of the kinds the journeys write (there is no discovery here on purpose: a typo fails loudly). */
const PLURALS = {
  Namespace: 'namespaces',
  Rollout: 'rollouts',
  AnalysisTemplate: 'analysistemplates',
  Application: 'applications',
  ApplicationSet: 'applicationsets',
  CustomResourceDefinition: 'customresourcedefinitions',
  Service: 'services',
};
const CLUSTER_SCOPED = new Set(['Namespace', 'CustomResourceDefinition']);

/** The URL path of a collection or an object: `/api/v1/...` for the core group, `/apis/group/version/...` otherwise. */
export function resourcePath({ apiVersion, kind, namespace, name }) {
  const plural = PLURALS[kind];
  if (!plural) throw new Error(`sandbox.mjs: no plural known for kind ${kind}`);
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const ns = CLUSTER_SCOPED.has(kind) ? '' : `/namespaces/${namespace ?? 'default'}`;
  return `${base}${ns}/${plural}${name ? `/${name}` : ''}`;
}

/** One request to a sandbox context; resolves to the parsed JSON body, rejects with the status and message. */
export async function request(context, method, path, body, contentType = 'application/json') {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sandbox().kubeconfig);
  kc.setCurrentContext(context);
  const opts = {};
  await kc.applyToHTTPSOptions(opts);
  const url = new URL(kc.getCurrentCluster().server + path);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { ...opts, method, headers: { ...(opts.headers ?? {}), accept: 'application/json', ...(payload ? { 'content-type': contentType } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        const json = text ? JSON.parse(text) : undefined;
        if (res.statusCode >= 300) {
          const err = new Error(`${method} ${path} on ${context}: ${res.statusCode} ${json?.message ?? text}`);
          err.code = res.statusCode;
          reject(err);
        } else resolve(json);
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Server-side apply of one object (or a list) as field manager `manager`, taking over conflicting fields. */
export async function apply(context, obj, manager = 'e2e-journey') {
  for (const item of Array.isArray(obj) ? obj : [obj]) {
    const path = resourcePath({ apiVersion: item.apiVersion, kind: item.kind, namespace: item.metadata.namespace, name: item.metadata.name });
    await request(context, 'PATCH', `${path}?fieldManager=${encodeURIComponent(manager)}&force=true`, item, 'application/apply-patch+yaml');
  }
}

/** JSON merge patch on an object's /status subresource, as its controller would write it. */
export function patchStatus(context, ref, status) {
  return request(context, 'PATCH', `${resourcePath(ref)}/status`, { status }, 'application/merge-patch+json');
}

/** Deletes an object; a missing one is fine. */
export async function remove(context, ref) {
  await request(context, 'DELETE', resourcePath(ref)).catch((err) => {
    if (err.code !== 404) throw err;
  });
}

export async function createNamespace(context, name) {
  await apply(context, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'e2e.fleetrollouts.dev/journey': 'true' } } });
}

function customObjects(context) {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sandbox().kubeconfig);
  kc.setCurrentContext(context);
  return kc.makeApiClient(k8s.CustomObjectsApi);
}

/** An argoproj.io/v1alpha1 object (plural: rollouts, analysistemplates, …), or undefined when it does not exist. */
export async function getArgo(context, namespace, plural, name) {
  try {
    return await customObjects(context).getNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace, plural, name });
  } catch (err) {
    if (err?.code === 404) return undefined;
    throw err;
  }
}

/** Field managers of an object's managedFields. */
export const managers = (obj) => (obj?.metadata?.managedFields ?? []).map((f) => f.manager);

/** A Rollout's status in one line, for failure messages. */
export function rolloutLine(ro) {
  if (!ro) return 'no Rollout';
  const s = ro.status ?? {};
  return `phase ${s.phase} · step ${s.currentStepIndex} · pauseConditions ${JSON.stringify((s.pauseConditions ?? []).map((p) => p.reason))} · controllerPause ${s.controllerPause} · currentPodHash ${s.currentPodHash} · stableRS ${s.stableRS} · message ${s.message ?? ''}`;
}

/** Waits until `cond(rollout)` holds; the error says what the Rollout looked like last. */
export async function waitForRollout(context, namespace, name, cond, ms, what) {
  let last;
  await waitFor(async () => cond((last = await getArgo(context, namespace, 'rollouts', name))), ms, what).catch((err) => {
    err.message += `\n${context}/${namespace}/${name}: ${rolloutLine(last)}`;
    throw err;
  });
  return last;
}

/** Paused by the controller at step `index` (a `pause: {}`) of the revision being rolled out. */
export const pausedAt = (index) => (ro) => ro?.status?.currentStepIndex === index && ro.status.phase === 'Paused' && (ro.status.pauseConditions ?? []).some((p) => p.reason === 'CanaryPauseStep') && ro.status.currentPodHash !== ro.status.stableRS;

export const healthy = (ro) => ro?.status?.phase === 'Healthy' && ro.status.currentPodHash === ro.status.stableRS && String(ro.status.observedGeneration) === String(ro.metadata.generation);

/**
 * Deletes a namespace and everything in it, and waits until its Rollouts are gone (the Rollouts
 * view counts them). Used in `after`, so the journeys that follow see only the demo seed.
 */
export async function deleteNamespace(context, name) {
  const rollouts = resourcePath({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', namespace: name });
  await request(context, 'DELETE', rollouts).catch((err) => {
    if (err.code !== 404) throw err;
  });
  await waitFor(async () => ((await request(context, 'GET', rollouts).catch(() => ({ items: [] }))).items ?? []).length === 0, 60000, `the Rollouts of ${context}/${name} to be deleted`);
  await remove(context, { apiVersion: 'v1', kind: 'Namespace', name });
}

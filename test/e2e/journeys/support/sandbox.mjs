// Writes to the sandbox clusters for the journeys that set up their own objects (start-rollout,
// direct-waves, rolling-sync-board): namespaces, Rollouts, server-side applies, status patches,
// and putting the clusters back as seeded so the journeys after them see the demo seed unchanged.
// Reads go through the API (client-node); writes through kubectl, as an operator or CI would.
import { execFileSync } from 'node:child_process';
import * as k8s from '@kubernetes/client-node';
import { sandbox } from '../../journey.mjs';
import { waitFor } from '../../ui.mjs';

/** kubectl against one sandbox context (admin kubeconfig); `input` goes to stdin. */
export function kubectl(context, args, input) {
  return execFileSync('kubectl', ['--context', context, ...args], { encoding: 'utf8', input, env: { ...process.env, KUBECONFIG: sandbox().kubeconfig }, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Server-side apply of one object (or a list) as field manager `manager`. */
export function apply(context, obj, manager = 'e2e-journey') {
  const items = Array.isArray(obj) ? obj : [obj];
  kubectl(context, ['apply', '--server-side', '--force-conflicts', '--field-manager', manager, '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
}

export function createNamespace(context, name) {
  apply(context, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'e2e.fleetrollouts.dev/journey': 'true' } } });
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
  kubectl(context, ['delete', 'rollouts.argoproj.io', '--all', '-n', name, '--ignore-not-found', '--wait=true', '--timeout=60s']);
  kubectl(context, ['delete', 'namespace', name, '--ignore-not-found', '--wait=false']);
}

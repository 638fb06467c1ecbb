/**
 * What "start" shows before it applies: the live object and the server's dry-run result as YAML
 * a person can diff, with the fields the API server maintains itself left out (they would make
 * every diff noisy and say nothing about what the apply changes), and a one-paragraph summary
 * per context for the confirmation.
 */
import { yaml } from '../yaml-on-demand';
import type { KubeObject } from '../kube/resources';
import type { StartResult } from './apply';

const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object without status and server-maintained metadata; `undefined` (no live object) → ''. */
export function diffableYaml(obj: KubeObject | undefined): string {
  if (!obj) return '';
  const copy = structuredClone(obj) as KubeObject;
  delete copy.status;
  const meta = copy.metadata as Record<string, unknown> | undefined;
  if (meta) {
    for (const key of SERVER_METADATA) delete meta[key];
    const annotations = meta.annotations as Record<string, string> | undefined;
    if (annotations) {
      delete annotations[LAST_APPLIED];
      if (Object.keys(annotations).length === 0) delete meta.annotations;
    }
  }
  return yaml().stringify(copy, { lineWidth: 0 });
}

/** True when applying changes nothing the user wrote (the dry run equals the live object). */
export function applyChangesNothing(result: Pick<StartResult, 'live' | 'applied'>): boolean {
  const next = result.applied[result.applied.length - 1];
  return !!result.live && diffableYaml(result.live) === diffableYaml(next);
}

/** One line per context for the confirmation: where it lands and where the update begins. */
export function startSummary(context: string, namespace: string, result: Pick<StartResult, 'live' | 'applied' | 'plan'>): string {
  const templates = result.applied.slice(0, -1).map((o) => `${o.kind} ${o.metadata?.name}`);
  const also = templates.length ? ` (with ${templates.join(', ')})` : '';
  const unchanged = applyChangesNothing(result) ? 'unchanged — ' : '';
  return `${context}/${namespace}${also}: ${unchanged}${result.plan.description}`;
}

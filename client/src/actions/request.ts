/**
 * The plumbing every action shares: requests to the one pinned context, each recorded exactly as
 * sent (method, path, content type, body bytes) so a UI can show it and tests can compare it with
 * what `kubectl argo rollouts` sends; errors keep the requests made before the failure.
 *
 * Pure Node (no `vscode`): the extension, the CLI and the tests use it.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeError } from '../kube/errors';
import { kubeRequest } from '../kube/request';
import { collectionPath, RESOURCES, type KubeObject, type ResourceType } from '../kube/resources';

/** Content types of the patches the plugin sends (`types.MergePatchType`, `types.JSONPatchType`) and of server-side apply. */
export const MERGE_PATCH = 'application/merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';
export const JSON_CONTENT = 'application/json';

export interface SentRequest {
  method: 'GET' | 'PATCH' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  /** Only for requests with a body. */
  contentType?: string;
  body?: string;
  /** The HTTP status the server answered (0 when there was no answer). */
  status: number;
}

export interface ActionResult {
  /** The context every request went to. */
  context: string;
  requests: SentRequest[];
  /** The line the plugin prints (`rollout 'checkout' promoted`). */
  message: string;
  /** The object the last write returned, when there was one. */
  object?: KubeObject;
}

/** An action that failed: the message to show, why (the cluster's error when there was one) and what was sent. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly requests: SentRequest[],
    override readonly cause?: KubeError,
  ) {
    super(message);
    this.name = 'ActionError';
  }

  /** The cluster's error kind (`forbidden`, `notFound`, `conflict`, …), or `invalid` for errors of the action itself. */
  get kind(): KubeError['kind'] {
    return this.cause?.kind ?? 'invalid';
  }
}

/** Records the requests of one action against one pinned context. */
export class Recorder {
  readonly requests: SentRequest[] = [];

  constructor(readonly kc: KubeConfig) {}

  get context(): string {
    return this.kc.getCurrentContext();
  }

  async send<T = unknown>(req: { method: SentRequest['method']; path: string; contentType?: string; body?: string; verb: string; resource: string }): Promise<T> {
    const sent: SentRequest = { method: req.method, path: req.path, status: 0 };
    if (req.body !== undefined) {
      sent.contentType = req.contentType ?? JSON_CONTENT;
      sent.body = req.body;
    }
    this.requests.push(sent);
    try {
      const res = await kubeRequest<T>(this.kc, { method: req.method, path: req.path, body: req.body, contentType: sent.contentType, verb: req.verb, resource: req.resource });
      sent.status = res.status;
      return res.body;
    } catch (err) {
      if (err instanceof KubeError) {
        sent.status = err.status ?? 0;
        throw this.fail(err.message, err);
      }
      throw err;
    }
  }

  fail(message: string, cause?: KubeError): ActionError {
    return new ActionError(message, this.requests, cause);
  }

  done(message: string, object?: KubeObject): ActionResult {
    return { context: this.context, requests: this.requests, message, object };
  }
}

/** `/apis/argoproj.io/v1alpha1/namespaces/NS/rollouts/NAME[/status]` */
export function rolloutPath(namespace: string, name: string, subresource?: 'status'): string {
  return objectPath(RESOURCES.rollouts, namespace, name, subresource);
}

export function objectPath(resource: ResourceType, namespace: string, name: string, subresource?: string): string {
  return collectionPath(resource, namespace, name) + (subresource ? `/${subresource}` : '');
}

/** How messages name an object: `rollouts.argoproj.io/status "checkout" in namespace "payments"`. */
export function describeTarget(resource: ResourceType, namespace: string, name: string, subresource?: string): string {
  const plural = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
  return `${plural}${subresource ? `/${subresource}` : ''} "${name}" in namespace "${namespace}"`;
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ActionError && err.cause?.kind === 'notFound' && err.cause.status === 404;
}

/**
 * A merge patch of a Rollout's status the way the plugin sends it (`AbortRollout`, `RetryRollout`,
 * `PromoteRollout`): to the `/status` subresource; when that is 404 Not Found the cluster runs a
 * Rollouts CRD without the status subresource (before v0.10), so `fallback` goes to the main
 * resource instead. A missing Rollout is 404 on both: the second error is the one reported.
 */
export async function patchStatusWithFallback(rec: Recorder, namespace: string, name: string, statusBody: string, fallbackBody: string | undefined): Promise<{ object?: KubeObject; fellBack: boolean }> {
  try {
    const object = await rec.send<KubeObject>({ method: 'PATCH', path: rolloutPath(namespace, name, 'status'), contentType: MERGE_PATCH, body: statusBody, verb: 'patch', resource: describeTarget(RESOURCES.rollouts, namespace, name, 'status') });
    return { object, fellBack: false };
  } catch (err) {
    if (!isNotFound(err)) throw err;
    if (fallbackBody === undefined) return { fellBack: true };
    const object = await rec.send<KubeObject>({ method: 'PATCH', path: rolloutPath(namespace, name), contentType: MERGE_PATCH, body: fallbackBody, verb: 'patch', resource: describeTarget(RESOURCES.rollouts, namespace, name) });
    return { object, fellBack: true };
  }
}

export async function patchRollout(rec: Recorder, namespace: string, name: string, body: string, contentType = MERGE_PATCH): Promise<KubeObject> {
  return rec.send<KubeObject>({ method: 'PATCH', path: rolloutPath(namespace, name), contentType, body, verb: 'patch', resource: describeTarget(RESOURCES.rollouts, namespace, name) });
}

export async function getRollout(rec: Recorder, namespace: string, name: string): Promise<KubeObject> {
  return rec.send<KubeObject>({ method: 'GET', path: rolloutPath(namespace, name), verb: 'get', resource: describeTarget(RESOURCES.rollouts, namespace, name) });
}

const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** A JSON string as Go's encoding/json writes it (HTML-safe escaping of <, >, & and U+2028/2029). */
function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]);
}

function byteOrder(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}

/**
 * JSON as Go's `json.Marshal` writes it. `sortKeys`: maps are written with sorted keys (how Go
 * writes a `map[string]any`, e.g. an unstructured object); otherwise keys keep their order (for
 * typed structs that came from the API server, which wrote them in struct field order).
 */
export function goJSON(value: unknown, sortKeys: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((v) => goJSON(v, sortKeys)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (sortKeys) entries.sort(([a], [b]) => byteOrder(a, b));
    return `{${entries.map(([k, v]) => `${goString(k)}:${goJSON(v, sortKeys)}`).join(',')}}`;
  }
  return 'null';
}

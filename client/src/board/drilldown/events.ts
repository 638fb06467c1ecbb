/**
 * Recent Kubernetes Events of one Rollout: a list of `events` in its namespace filtered on the
 * server by `involvedObject` (kind, name), repeated while the drill-down is open. Only the pinned
 * context's config is used, so nothing else is contacted.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest } from '../../kube/request';
import { collectionPath, RESOURCES } from '../../kube/resources';
import { at, intAt, strAt, timeAt } from '../../../../server/src/semantics/status/objects';
import type { EventView } from './types';

export const MAX_EVENTS = 15;

/** The last time an Event happened: series, lastTimestamp, eventTime, firstTimestamp, creation. */
function lastSeen(ev: unknown): number {
  return timeAt(ev, 'series', 'lastObservedTime') ?? timeAt(ev, 'lastTimestamp') ?? timeAt(ev, 'eventTime') ?? timeAt(ev, 'firstTimestamp') ?? timeAt(ev, 'metadata', 'creationTimestamp') ?? 0;
}

/** Events as the pane lists them: newest first, at most MAX_EVENTS. */
export function eventViews(items: readonly unknown[]): EventView[] {
  return items
    .map((ev) => ({
      type: strAt(ev, 'type') || 'Normal',
      reason: strAt(ev, 'reason'),
      message: strAt(ev, 'message').trim(),
      count: Math.max(1, intAt(ev, 'series', 'count') || intAt(ev, 'count')),
      last: lastSeen(ev),
    }))
    .sort((a, b) => b.last - a.last)
    .slice(0, MAX_EVENTS);
}

/** `GET /api/v1/namespaces/NS/events?fieldSelector=involvedObject.kind=Rollout,involvedObject.name=NAME`. */
export function rolloutEventsPath(namespace: string, name: string): string {
  const selector = `involvedObject.kind=Rollout,involvedObject.name=${name}`;
  return `${collectionPath(RESOURCES.events, namespace)}?fieldSelector=${encodeURIComponent(selector)}`;
}

export async function listRolloutEvents(kc: KubeConfig, namespace: string, name: string, signal?: AbortSignal): Promise<EventView[]> {
  const res = await kubeRequest<{ items?: unknown[] }>(kc, { method: 'GET', path: rolloutEventsPath(namespace, name), verb: 'list', resource: `events of rollout ${name} in ${namespace}`, signal, timeoutMs: 15000 });
  const items = at(res.body, 'items');
  return eventViews(Array.isArray(items) ? items : []);
}

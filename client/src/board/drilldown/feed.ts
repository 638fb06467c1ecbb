/**
 * Extension side of the drill-down, without `vscode`: keeps the weight history of the board's
 * clusters that have a watched context of the same name (sampled on every Rollout informer
 * update while the board is open), and for the one cluster the user opened, assembles its
 * drill-down from the session's informers, lists its Rollouts' Events every EVENTS_EVERY_MS, and
 * hands the result to `post` (coalesced). Contexts the user does not watch are never contacted:
 * the session gives no informer for them, and Events are listed only for a context it watches.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../../kube/resources';
import type { ResourceKey, SessionChange } from '../../kube/session';
import { buildRolloutDrilldowns, contextForCluster, sampleWeights, type ContextObjects, type EventsEntry } from './build';
import { listRolloutEvents } from './events';
import type { ClusterDrilldown } from './types';
import { rolloutKey, WeightHistory } from './weight-history';

/** What the feed needs of a ClusterSession (the real one satisfies it). */
export interface DrilldownSession {
  contexts(): Array<{ name: string }>;
  watched(): string[];
  informer(context: string, resource: ResourceKey): { state: string; lastSyncAt?: number; error?: { message: string } } | undefined;
  list(context: string, resource: ResourceKey): KubeObject[];
  configFor(context: string): KubeConfig;
  onDidChange(listener: (change: SessionChange) => void): { dispose(): void };
}

const SAMPLED: ResourceKey[] = ['rollouts', 'replicaSets'];
const OPENED: ResourceKey[] = ['rollouts', 'replicaSets', 'analysisRuns'];
export const EVENTS_EVERY_MS = 10_000;
const POST_QUIET_MS = 100;
/** Events are listed for at most this many Rollouts of the opened cluster. */
const MAX_EVENT_LISTS = 12;

export interface DrilldownFeedOptions {
  history?: WeightHistory;
  eventsEveryMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export class DrilldownFeed {
  readonly history: WeightHistory;
  private sampled = new Set<string>();
  private opened: string | undefined;
  private readonly events = new Map<string, EventsEntry>();
  private readonly subscription: { dispose(): void };
  private eventsTimer: NodeJS.Timeout | undefined;
  private postTimer: NodeJS.Timeout | undefined;
  private eventsAbort: AbortController | undefined;
  private readonly now: () => number;
  private disposed = false;

  constructor(
    private readonly session: DrilldownSession,
    private readonly post: (data: ClusterDrilldown) => void,
    private readonly options: DrilldownFeedOptions = {},
  ) {
    this.history = options.history ?? new WeightHistory();
    this.now = options.now ?? Date.now;
    this.subscription = session.onDidChange((c) => this.onChange(c));
  }

  /** The board's clusters: those with a watched context of the same name get their weights sampled. */
  setClusters(names: readonly string[]): void {
    const watched = new Set(this.session.watched());
    const next = new Set(names.filter((n) => watched.has(n)));
    for (const context of next) {
      if (this.sampled.has(context)) continue;
      for (const r of SAMPLED) this.session.informer(context, r);
      this.sample(context);
    }
    this.sampled = next;
  }

  /** The cluster whose drill-down is open (posts it now and on every change), or none. */
  open(cluster: string | undefined): void {
    if (cluster === this.opened) {
      if (cluster) this.schedulePost(0);
      return;
    }
    this.opened = cluster;
    this.stopEvents();
    if (!cluster) return;
    const ctx = this.contextOf(cluster);
    if (ctx) {
      for (const r of OPENED) this.session.informer(ctx, r);
      void this.pollEvents();
    }
    this.schedulePost(0);
  }

  get openCluster(): string | undefined {
    return this.opened;
  }

  /** The drill-down of a cluster as the caches hold it now. */
  snapshot(cluster: string): ClusterDrilldown {
    const at = this.now();
    const where = contextForCluster(cluster, this.session.contexts().map((c) => c.name), this.session.watched());
    if ('problem' in where) return { cluster, context: undefined, problem: where.problem, rollouts: [], at };
    const context = where.context;
    const infs = OPENED.map((r) => this.session.informer(context, r));
    const failing = infs.find((i) => i?.state === 'error');
    const listed = infs.every((i) => i && (i.state === 'synced' || (i.lastSyncAt ?? 0) > 0));
    const objects = this.objects(context, OPENED);
    const rollouts = buildRolloutDrilldowns(context, objects, this.history, this.events, at);
    let problem = '';
    if (failing) problem = `Cannot list on ${context}: ${failing.error?.message ?? 'error'}`;
    else if (!listed) problem = `Listing Rollouts on ${context}…`;
    else if (rollouts.length === 0) problem = `No Argo Rollout on ${context}.`;
    return { cluster, context, problem, rollouts, at };
  }

  private contextOf(cluster: string): string | undefined {
    const where = contextForCluster(cluster, this.session.contexts().map((c) => c.name), this.session.watched());
    return 'context' in where ? where.context : undefined;
  }

  private objects(context: string, resources: readonly ResourceKey[]): ContextObjects {
    const get = (r: ResourceKey) => (resources.includes(r) ? this.session.list(context, r) : []);
    return { rollouts: get('rollouts'), replicaSets: get('replicaSets'), analysisRuns: get('analysisRuns') };
  }

  private sample(context: string): void {
    sampleWeights(context, this.objects(context, SAMPLED), this.history, this.now());
  }

  private onChange(change: SessionChange): void {
    if (this.disposed) return;
    if (this.sampled.has(change.context) && SAMPLED.includes(change.resource)) this.sample(change.context);
    if (this.opened && change.context === this.contextOf(this.opened) && OPENED.includes(change.resource)) this.schedulePost(POST_QUIET_MS);
  }

  private schedulePost(ms: number): void {
    if (this.postTimer) clearTimeout(this.postTimer);
    this.postTimer = setTimeout(() => {
      this.postTimer = undefined;
      if (this.opened && !this.disposed) this.post(this.snapshot(this.opened));
    }, ms);
  }

  private stopEvents(): void {
    if (this.eventsTimer) clearTimeout(this.eventsTimer);
    this.eventsTimer = undefined;
    this.eventsAbort?.abort();
    this.eventsAbort = undefined;
  }

  /** Lists the opened cluster's Rollout Events, then again after EVENTS_EVERY_MS while it stays open. */
  private async pollEvents(): Promise<void> {
    const cluster = this.opened;
    const context = cluster && this.contextOf(cluster);
    if (!cluster || !context) return;
    const abort = new AbortController();
    this.eventsAbort = abort;
    const rollouts = this.session.list(context, 'rollouts').slice(0, MAX_EVENT_LISTS);
    if (rollouts.length > 0) {
      const kc = this.session.configFor(context);
      await Promise.all(
        rollouts.map(async (ro) => {
          const ns = ro.metadata.namespace ?? '';
          const key = rolloutKey(context, ns, ro.metadata.name);
          try {
            this.events.set(key, { events: await listRolloutEvents(kc, ns, ro.metadata.name, abort.signal), problem: '' });
          } catch (err) {
            if (abort.signal.aborted) return;
            this.events.set(key, { events: this.events.get(key)?.events ?? [], problem: (err as Error).message });
            this.options.log?.(`wave board drill-down: events of ${key}: ${(err as Error).message}`);
          }
        }),
      );
      if (abort.signal.aborted || this.disposed) return;
      this.schedulePost(0);
    }
    if (this.opened !== cluster || this.disposed) return;
    // Before the first list of Rollouts there is nothing to ask for: try again soon.
    const wait = rollouts.length > 0 ? (this.options.eventsEveryMs ?? EVENTS_EVERY_MS) : 500;
    this.eventsTimer = setTimeout(() => void this.pollEvents(), wait);
  }

  dispose(): void {
    this.disposed = true;
    this.stopEvents();
    if (this.postTimer) clearTimeout(this.postTimer);
    this.subscription.dispose();
  }
}

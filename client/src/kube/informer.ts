import type { KubeConfig } from '@kubernetes/client-node';
import { Backoff, coalesce } from './backoff';
import { KubeError } from './errors';
import { kubeRequest, kubeStream } from './request';
import { collectionPath, objectKey, resourceName, type KubeObject, type ResourceType } from './resources';

export type InformerState = 'starting' | 'synced' | 'reconnecting' | 'error' | 'stopped';

export interface InformerOptions {
  namespace?: string;
  /** Repaint at most this often: a burst of events becomes one change. */
  coalesceMs?: number;
  /** A watch request lasts at most this long before it is renewed from the last resourceVersion. */
  watchTimeoutSeconds?: number;
  backoff?: Backoff;
  onChange?: () => void;
  onError?: (err: KubeError) => void;
  /** Seconds between retries when the resource type does not exist on the cluster (CRD not installed). */
  missingTypeRetryMs?: number;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; message?: string; reason?: string };
}

const LIST_PAGE = 500;

/**
 * A cache of one resource type in one context, kept current with list+watch as client-go's
 * reflector does: resume from the last resourceVersion (bookmarks keep it fresh), relist on 410
 * Gone, back off with jitter on errors, and report state changes. Objects are replaced, never
 * mutated, so a snapshot handed to a view stays consistent.
 */
export class Informer<T extends KubeObject = KubeObject> {
  state: InformerState = 'starting';
  error: KubeError | undefined;
  /** When the cache last matched the server (list finished or an event arrived). */
  lastSyncAt: number | undefined;
  private items = new Map<string, T>();
  private resourceVersion: string | undefined;
  private abort: AbortController | undefined;
  private stopped = false;
  private readonly backoff: Backoff;
  private readonly notify: () => void;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly kc: KubeConfig,
    readonly resource: ResourceType,
    private readonly options: InformerOptions = {},
  ) {
    this.backoff = options.backoff ?? new Backoff();
    this.notify = coalesce(() => options.onChange?.(), options.coalesceMs ?? 50);
  }

  get context(): string {
    return this.kc.getCurrentContext();
  }

  snapshot(): T[] {
    return [...this.items.values()];
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(`${namespace ?? ''}/${name}`);
  }

  start(): void {
    if (!this.loop) this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    this.abort?.abort();
    await this.loop?.catch(() => undefined);
  }

  /** Forces a relist now (after an action, or when the user asks to refresh). */
  relist(): void {
    this.resourceVersion = undefined;
    this.abort?.abort();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.resourceVersion === undefined) await this.list();
        await this.watch();
        this.backoff.reset();
      } catch (err) {
        if (this.stopped) return;
        const e = err instanceof KubeError ? err : new KubeError('server', `${this.context}: ${(err as Error).message}`);
        if (e.kind === 'cancelled') continue;
        if (e.kind === 'gone') {
          this.resourceVersion = undefined;
          continue;
        }
        this.setError(e);
        await this.sleep(e.kind === 'notFound' ? (this.options.missingTypeRetryMs ?? 60000) : this.backoff.next());
      }
    }
  }

  private setError(e: KubeError): void {
    const what = e.kind === 'notFound' ? new KubeError('notFound', `${this.context}: ${resourceName(this.resource)} is not installed on this cluster (the ${this.resource.kind} CRD is missing)`, e.status) : e;
    this.error = what;
    this.state = this.items.size > 0 || this.lastSyncAt ? 'reconnecting' : 'error';
    this.options.onError?.(what);
    this.notify();
  }

  private async list(): Promise<void> {
    const fresh = new Map<string, T>();
    let cont: string | undefined;
    let rv: string | undefined;
    do {
      const q = new URLSearchParams({ limit: String(LIST_PAGE) });
      if (cont) q.set('continue', cont);
      const res = await kubeRequest<{ metadata?: { resourceVersion?: string; continue?: string }; items?: T[] }>(this.kc, {
        method: 'GET',
        path: `${collectionPath(this.resource, this.options.namespace)}?${q}`,
        verb: 'list',
        resource: resourceName(this.resource),
      });
      for (const item of res.body.items ?? []) {
        // Lists leave apiVersion/kind off the items; views want them.
        const typed = { ...item, apiVersion: this.resource.group ? `${this.resource.group}/${this.resource.version}` : this.resource.version, kind: this.resource.kind } as T;
        fresh.set(objectKey(typed), typed);
      }
      cont = res.body.metadata?.continue || undefined;
      rv = res.body.metadata?.resourceVersion;
    } while (cont && !this.stopped);
    this.items = fresh;
    this.resourceVersion = rv;
    this.markSynced();
  }

  private markSynced(): void {
    this.error = undefined;
    this.state = 'synced';
    this.lastSyncAt = Date.now();
    this.notify();
  }

  private async watch(): Promise<void> {
    const q = new URLSearchParams({ watch: '1', allowWatchBookmarks: 'true', timeoutSeconds: String(this.options.watchTimeoutSeconds ?? 300) });
    if (this.resourceVersion) q.set('resourceVersion', this.resourceVersion);
    this.abort = new AbortController();
    let gone = false;
    await kubeStream(
      this.kc,
      `${collectionPath(this.resource, this.options.namespace)}?${q}`,
      (line) => {
        const ev = line as WatchEvent;
        if (ev.type === 'ERROR') {
          if (ev.object?.code === 410) gone = true;
          this.abort?.abort();
          return;
        }
        const obj = ev.object;
        if (!obj?.metadata) return;
        if (obj.metadata.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
        if (ev.type === 'BOOKMARK') return;
        const typed = { ...obj, apiVersion: obj.apiVersion ?? this.resource.version, kind: obj.kind ?? this.resource.kind } as T;
        if (ev.type === 'DELETED') this.items.delete(objectKey(typed));
        else this.items.set(objectKey(typed), typed);
        if (this.state !== 'synced') this.markSynced();
        else this.notify();
      },
      { signal: this.abort.signal, verb: 'watch', resource: resourceName(this.resource), idleTimeoutMs: ((this.options.watchTimeoutSeconds ?? 300) + 30) * 1000 },
    ).catch((err: unknown) => {
      if (gone || (err instanceof KubeError && err.kind === 'cancelled') || this.abort?.signal.aborted) return;
      throw err;
    });
    if (gone) throw new KubeError('gone', `${this.context}: watch of ${resourceName(this.resource)} expired`);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.abort = new AbortController();
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

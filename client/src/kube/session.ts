import type { KubeConfig } from '@kubernetes/client-node';
import { configForContext, contextsOf, loadKubeConfig, type KubeContextInfo } from './kubeconfig';
import { Informer } from './informer';
import type { KubeError } from './errors';
import { RESOURCES, type KubeObject, type ResourceType } from './resources';

export type ResourceKey = keyof typeof RESOURCES;

export interface SessionChange {
  context: string;
  resource: ResourceKey;
}

export interface ContextHealth {
  context: string;
  /** Per resource: synced, reconnecting or failing, with the error a user should read. */
  resources: Array<{ resource: ResourceKey; state: Informer['state']; error?: KubeError; lastSyncAt?: number }>;
}

/**
 * The clusters the user chose to watch and one informer per (context, resource) they look at.
 * Nothing contacts a cluster until its context is watched and a view asks for a resource; an
 * unwatched context is never touched. Pure Node: the VS Code glue lives elsewhere.
 */
export class ClusterSession {
  private kubeconfig: KubeConfig;
  private loaded: ReturnType<typeof loadKubeConfig>;
  private watchedContexts = new Set<string>();
  private readonly informers = new Map<string, Informer>();
  private readonly listeners = new Set<(change: SessionChange) => void>();

  constructor(private readonly options: { kubeconfigPath?: string; env?: NodeJS.ProcessEnv; namespace?: (context: string) => string | undefined } = {}) {
    this.loaded = loadKubeConfig(options.kubeconfigPath, options.env);
    this.kubeconfig = this.loaded.config;
  }

  /** Re-reads the kubeconfig files (they changed, or the setting did); keeps watching what still exists. */
  reload(kubeconfigPath?: string): void {
    this.loaded = loadKubeConfig(kubeconfigPath ?? this.options.kubeconfigPath, this.options.env);
    this.kubeconfig = this.loaded.config;
    const names = new Set(this.contexts().map((c) => c.name));
    for (const key of [...this.informers.keys()]) {
      const context = key.split('\u0000')[0];
      void this.informers.get(key)!.stop();
      this.informers.delete(key);
      if (!names.has(context)) this.watchedContexts.delete(context);
    }
  }

  get files(): string[] {
    return this.loaded.files;
  }

  get problems(): string[] {
    return this.loaded.problems;
  }

  contexts(): KubeContextInfo[] {
    return contextsOf(this.kubeconfig);
  }

  get currentContext(): string | undefined {
    return this.kubeconfig.currentContext || undefined;
  }

  watched(): string[] {
    return [...this.watchedContexts];
  }

  setWatched(contexts: readonly string[]): void {
    const known = new Set(this.contexts().map((c) => c.name));
    const next = new Set(contexts.filter((c) => known.has(c)));
    for (const [key, informer] of [...this.informers]) {
      const context = key.split('\u0000')[0];
      if (!next.has(context)) {
        void informer.stop();
        this.informers.delete(key);
      }
    }
    this.watchedContexts = next;
  }

  /** A config that can only ever talk to `context`. */
  configFor(context: string): KubeConfig {
    return configForContext(this.kubeconfig, context);
  }

  /** The informer of a watched context, started on first use. Undefined for contexts not watched. */
  informer<T extends KubeObject = KubeObject>(context: string, resource: ResourceKey): Informer<T> | undefined {
    if (!this.watchedContexts.has(context)) return undefined;
    const key = `${context}\u0000${resource}`;
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.configFor(context), RESOURCES[resource] as ResourceType, { onChange: () => this.emit({ context, resource }) });
      this.informers.set(key, inf);
      inf.start();
    }
    return inf as Informer<T>;
  }

  /** Objects of a resource in a watched context (empty until listed). */
  list<T extends KubeObject = KubeObject>(context: string, resource: ResourceKey): T[] {
    return this.informer<T>(context, resource)?.snapshot() ?? [];
  }

  /** After an action: refresh what it touched at once instead of waiting for the watch. */
  relist(context: string, resource: ResourceKey): void {
    this.informers.get(`${context}\u0000${resource}`)?.relist();
  }

  health(context: string): ContextHealth {
    const resources: ContextHealth['resources'] = [];
    for (const [key, inf] of this.informers) {
      const [ctx, resource] = key.split('\u0000');
      if (ctx === context) resources.push({ resource: resource as ResourceKey, state: inf.state, error: inf.error, lastSyncAt: inf.lastSyncAt });
    }
    return { context, resources };
  }

  onDidChange(listener: (change: SessionChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(change: SessionChange): void {
    for (const l of this.listeners) l(change);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
    this.informers.clear();
    this.listeners.clear();
  }
}

/**
 * The live `ObjectSource` of `fleet-rollouts get|status --context CTX`: one kubeconfig context,
 * read with the extension's own Kubernetes client (client/src/kube). Every request lists the
 * namespace afresh (what the plugin's informers would hold); `watch` polls every second.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { configForContext, contextsOf, loadKubeConfig } from '../kube/kubeconfig';
import { kubeRequest } from '../kube/request';
import { collectionPath, RESOURCES, resourceName, type ResourceType } from '../kube/resources';
import { KubeError } from '../kube/errors';
import {
  DEPLOYMENT_RESOURCE,
  EXPERIMENT_RESOURCE,
  NotFoundError,
  ROLLOUT_RESOURCE,
  SourceError,
  type ExperimentObjects,
  type ObjectSource,
  type RolloutObjects,
} from '../../../server/src/semantics/status';
import type { KubeObject } from '../../../server/src/semantics/status/objects';
import type { Io } from '../../../server/src/cli/get-command';

const DEPLOYMENTS: ResourceType = { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true };

/** How often `watch` asks the caller to read again. */
export const POLL_MS = 1000;
const RETRIES_429 = 6;

export class LiveSource implements ObjectSource {
  constructor(
    /** The context's name (block titles, messages). */
    readonly label: string,
    private readonly kc: KubeConfig,
    /** The context's namespace (`default` when it names none), used when -n is absent. */
    private readonly defaultNamespace: string,
  ) {}

  /** A GET, retried a few times on 429 (an API server still starting says so, as under load). */
  private async request<T>(path: string, verb: string, resource: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await kubeRequest<T>(this.kc, { method: 'GET', path, verb, resource })).body;
      } catch (err) {
        if (!(err instanceof KubeError && err.status === 429) || attempt >= RETRIES_429) throw err;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  private async get(r: ResourceType, namespace: string, name: string, notFound: string): Promise<KubeObject> {
    try {
      return await this.request<KubeObject>(collectionPath(r, namespace, name), 'get', `${resourceName(r)} ${name} in ${namespace}`);
    } catch (err) {
      if (err instanceof KubeError && err.kind === 'notFound') throw new NotFoundError(notFound, name);
      throw asSourceError(err);
    }
  }

  private async list(r: ResourceType, namespace: string): Promise<KubeObject[]> {
    try {
      const body = await this.request<{ items?: KubeObject[] }>(collectionPath(r, namespace), 'list', `${resourceName(r)} in ${namespace}`);
      // A list's items carry no kind/apiVersion; the status code does not need them, but a
      // reader of the objects might.
      const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
      return (body.items ?? []).map((o) => ({ apiVersion, kind: r.kind, ...o }));
    } catch (err) {
      // A kind the cluster does not serve (no Experiments CRD, say) has no objects.
      if (err instanceof KubeError && err.kind === 'notFound') return [];
      throw asSourceError(err);
    }
  }

  async rolloutObjects(name: string, namespace?: string): Promise<RolloutObjects> {
    const ns = namespace ?? this.defaultNamespace;
    const [rollout, replicaSets, pods, experiments, analysisRuns] = await Promise.all([
      this.get(RESOURCES.rollouts, ns, name, ROLLOUT_RESOURCE),
      this.list(RESOURCES.replicaSets, ns),
      this.list(RESOURCES.pods, ns),
      this.list(RESOURCES.experiments, ns),
      this.list(RESOURCES.analysisRuns, ns),
    ]);
    let workloadRef: KubeObject | undefined;
    const ref = (rollout.spec as { workloadRef?: { name?: unknown } } | undefined)?.workloadRef;
    if (ref) {
      // Like the plugin: a Deployment of that name, whatever workloadRef.kind says.
      workloadRef = await this.get(DEPLOYMENTS, ns, typeof ref.name === 'string' ? ref.name : '', DEPLOYMENT_RESOURCE);
    }
    return { rollout, replicaSets, pods, experiments, analysisRuns, workloadRef };
  }

  async experimentObjects(name: string, namespace?: string): Promise<ExperimentObjects> {
    const ns = namespace ?? this.defaultNamespace;
    const [experiment, replicaSets, pods, analysisRuns] = await Promise.all([
      this.get(RESOURCES.experiments, ns, name, EXPERIMENT_RESOURCE),
      this.list(RESOURCES.replicaSets, ns),
      this.list(RESOURCES.pods, ns),
      this.list(RESOURCES.analysisRuns, ns),
    ]);
    return { experiment, replicaSets, pods, analysisRuns };
  }

  /** Polls: the caller reads again every second (live objects change without telling a poller). */
  watch(onChange: () => void): () => void {
    const timer = setInterval(onChange, POLL_MS);
    return () => clearInterval(timer);
  }
}

function asSourceError(err: unknown): unknown {
  return err instanceof KubeError ? new SourceError(err.message) : err;
}

/**
 * The source of one context of the kubeconfig kubectl would read (KUBECONFIG, else
 * ~/.kube/config); `undefined` is the current context.
 */
export function liveSource(context: string | undefined, _io?: Io, env: NodeJS.ProcessEnv = process.env): LiveSource {
  const loaded = loadKubeConfig(undefined, env);
  const name = context ?? loaded.config.getCurrentContext();
  if (!name) {
    const where = loaded.files.length > 0 ? loaded.files.join(', ') : loaded.problems.join('; ') || 'no kubeconfig';
    throw new SourceError(`no current kubeconfig context (${where}): choose one with --context, or read saved objects with --from DIR`);
  }
  let kc: KubeConfig;
  try {
    kc = configForContext(loaded.config, name);
  } catch (err) {
    throw new SourceError((err as Error).message);
  }
  const info = contextsOf(loaded.config).find((c) => c.name === name);
  return new LiveSource(name, kc, info?.namespace ?? 'default');
}

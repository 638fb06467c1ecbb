import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * @kubernetes/client-node is most of the client bundle's weight: load it when a kubeconfig is first
 * read, not when the extension activates.
 */
function newKubeConfig(): KubeConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { KubeConfig: Ctor } = require('@kubernetes/client-node') as typeof import('@kubernetes/client-node');
  return new Ctor();
}

export interface KubeContextInfo {
  name: string;
  cluster: string;
  user: string;
  /** The context's namespace, `default` when it names none (as kubectl does). */
  namespace: string;
  server?: string;
}

export interface LoadedKubeConfig {
  config: KubeConfig;
  /** The files read, in precedence order. */
  files: string[];
  /** Files named but missing or unreadable, with why; kubectl skips missing ones too. */
  problems: string[];
}

/** The files kubectl would read: an explicit path, else $KUBECONFIG (several, first wins), else ~/.kube/config. */
export function kubeconfigFiles(override: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (override && override.trim()) return override.split(path.delimiter).filter(Boolean).map(expandHome);
  if (env.KUBECONFIG && env.KUBECONFIG.trim()) return env.KUBECONFIG.split(path.delimiter).filter(Boolean).map(expandHome);
  return [path.join(os.homedir(), '.kube', 'config')];
}

function expandHome(p: string): string {
  return p.startsWith('~') ? path.join(os.homedir(), p.slice(1)) : p;
}

/**
 * Loads and merges kubeconfig files as kubectl does: for clusters, users and contexts of the same
 * name the first file wins; current-context comes from the first file that sets one. Relative
 * certificate paths are resolved against the file that names them.
 */
export function loadKubeConfig(override?: string, env: NodeJS.ProcessEnv = process.env): LoadedKubeConfig {
  const files = kubeconfigFiles(override, env);
  const merged = newKubeConfig();
  const read: string[] = [];
  const problems: string[] = [];
  const clusters = new Map<string, unknown>();
  const users = new Map<string, unknown>();
  const contexts = new Map<string, unknown>();
  let current = '';
  for (const file of files) {
    if (!fs.existsSync(file)) {
      problems.push(`${file}: not found`);
      continue;
    }
    const kc = newKubeConfig();
    try {
      kc.loadFromFile(file);
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
      continue;
    }
    read.push(file);
    for (const c of kc.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!current && kc.currentContext) current = kc.currentContext;
  }
  merged.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext: current });
  return { config: merged, files: read, problems };
}

export function contextsOf(kc: KubeConfig): KubeContextInfo[] {
  return kc.contexts.map((c) => ({ name: c.name, cluster: c.cluster, user: c.user, namespace: c.namespace || 'default', server: kc.getCluster(c.cluster)?.server }));
}

/** A copy of the config pinned to one context, so requests can never go to another. */
export function configForContext(kc: KubeConfig, context: string): KubeConfig {
  if (!kc.getContextObject(context)) throw new Error(`context "${context}" does not exist in the kubeconfig`);
  const pinned = newKubeConfig();
  pinned.loadFromOptions({ clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: context });
  return pinned;
}

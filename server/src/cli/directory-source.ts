/**
 * `--from DIR` of `fleet-rollouts get|status`: Rollouts, their ReplicaSets, Pods, Experiments and
 * AnalysisRuns read from saved manifests (`kubectl get -o yaml` dumps), as an ObjectSource.
 */
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { decodeManifestBytes } from '../engine/text/decode';
import { SourceFile } from '../engine/source-file';
import { objectsOfChunk } from '../engine/objects';
import { manifestFiles } from './walk';
import {
  AmbiguousError,
  DEPLOYMENT_RESOURCE,
  EXPERIMENT_RESOURCE,
  NotFoundError,
  ROLLOUT_RESOURCE,
  type ExperimentObjects,
  type ObjectSource,
  type RolloutObjects,
} from '../semantics/status';
import { mapAt, nameOf, namespaceOf, strAt, type KubeObject } from '../semantics/status/objects';

const KINDS = {
  Rollout: /^argoproj\.io\//,
  Experiment: /^argoproj\.io\//,
  AnalysisRun: /^argoproj\.io\//,
  ReplicaSet: /^(apps|extensions)\//,
  Deployment: /^(apps|extensions)\//,
  Pod: /^v1$/,
} as const;
type Kind = keyof typeof KINDS;

type Loaded = Record<Kind, KubeObject[]>;

/**
 * Saved objects in a directory, read again on every request so a watch sees rewritten files.
 * An object without `metadata.namespace` (a hand-written manifest) belongs to whichever
 * namespace is asked for. When the same object appears twice, the later file wins.
 */
export class DirectorySource implements ObjectSource {
  private quiet = false;
  private loadedSignature: string | undefined;

  constructor(
    readonly label: string,
    private readonly report: (s: string) => void = () => {},
  ) {}

  private warn(s: string): void {
    if (!this.quiet) this.report(s);
  }

  private load(): Loaded {
    // Taken before reading, so a watch started later still sees changes made since.
    this.loadedSignature = this.signature();
    const byKey = new Map<string, { kind: Kind; obj: KubeObject }>();
    let anonymous = 0;
    for (const f of manifestFiles(this.label)) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(f.absolute);
      } catch (err) {
        this.warn(`fleet-rollouts: cannot read ${f.display}: ${(err as Error).message}\n`);
        continue;
      }
      const decoded = decodeManifestBytes(bytes);
      if (decoded.notice) {
        this.warn(`fleet-rollouts: ${f.display}: ${decoded.notice.message}\n`);
        continue;
      }
      const uri = pathToFileURL(f.absolute).href;
      const file = new SourceFile(uri, decoded.text);
      file.chunks.forEach((chunk, c) => {
        const problem = chunk.parsed.problems[0];
        if (problem) {
          const line = chunk.toFilePosition(problem.start).line + 1;
          this.warn(`fleet-rollouts: ${f.display}:${line}: ${problem.message}\n`);
        }
        for (const o of objectsOfChunk(uri, chunk, c === 0)) {
          const kind = o.kind as Kind | undefined;
          if (!kind || !(kind in KINDS)) continue;
          if (o.apiVersion !== undefined && !KINDS[kind].test(o.apiVersion)) continue;
          const value = o.value;
          if (!value) continue;
          const name = nameOf(value);
          const key = name ? `${kind}|${namespaceOf(value)}|${name}` : `${kind}|#${anonymous++}`;
          byKey.set(key, { kind, obj: value });
        }
      });
    }
    const out: Loaded = { Rollout: [], Experiment: [], AnalysisRun: [], ReplicaSet: [], Deployment: [], Pod: [] };
    for (const { kind, obj } of byKey.values()) out[kind].push(obj);
    return out;
  }

  /** The object `name` of a kind in `namespace` (any namespace of the dump when undefined). */
  private pick(objects: KubeObject[], resource: string, name: string, namespace: string | undefined): { obj: KubeObject; namespace: string } {
    const named = objects.filter((o) => nameOf(o) === name && (namespace === undefined || namespaceOf(o) === namespace || namespaceOf(o) === ''));
    if (named.length === 0) throw new NotFoundError(resource, name);
    if (namespace !== undefined) return { obj: named[named.length - 1], namespace };
    const namespaces = [...new Set(named.map(namespaceOf).filter((n) => n !== ''))];
    if (namespaces.length > 1) throw new AmbiguousError(`${resource} "${name}" is in several namespaces of ${this.label} (${namespaces.sort().join(', ')}): choose one with -n`);
    const obj = named.find((o) => namespaceOf(o) !== '') ?? named[named.length - 1];
    return { obj, namespace: namespaces[0] ?? 'default' };
  }

  private scoped(objects: KubeObject[], namespace: string): KubeObject[] {
    return objects.filter((o) => namespaceOf(o) === namespace || namespaceOf(o) === '').map((o) => withNamespace(o, namespace));
  }

  async rolloutObjects(name: string, namespace?: string): Promise<RolloutObjects> {
    const all = this.load();
    const { obj, namespace: ns } = this.pick(all.Rollout, ROLLOUT_RESOURCE, name, namespace);
    const rollout = withNamespace(obj, ns);
    let workloadRef: KubeObject | undefined;
    const ref = mapAt(rollout, 'spec', 'workloadRef');
    if (ref) {
      // Like the plugin: a Deployment of that name, whatever workloadRef.kind says.
      const refName = strAt(ref, 'name');
      workloadRef = this.scoped(all.Deployment, ns).find((d) => nameOf(d) === refName);
      if (!workloadRef) throw new NotFoundError(DEPLOYMENT_RESOURCE, refName);
    }
    return {
      rollout,
      replicaSets: this.scoped(all.ReplicaSet, ns),
      pods: this.scoped(all.Pod, ns),
      experiments: this.scoped(all.Experiment, ns),
      analysisRuns: this.scoped(all.AnalysisRun, ns),
      workloadRef,
    };
  }

  async experimentObjects(name: string, namespace?: string): Promise<ExperimentObjects> {
    const all = this.load();
    const { obj, namespace: ns } = this.pick(all.Experiment, EXPERIMENT_RESOURCE, name, namespace);
    return {
      experiment: withNamespace(obj, ns),
      replicaSets: this.scoped(all.ReplicaSet, ns),
      pods: this.scoped(all.Pod, ns),
      analysisRuns: this.scoped(all.AnalysisRun, ns),
    };
  }

  /** Names, sizes and modification times of the files read. */
  private signature(): string {
    try {
      return manifestFiles(this.label)
        .map((f) => {
          const st = fs.statSync(f.absolute, { throwIfNoEntry: false });
          return `${f.absolute}:${st?.size}:${st?.mtimeMs}`;
        })
        .join('\n');
    } catch {
      return '';
    }
  }

  /**
   * Polls the directory (names, sizes, modification times) every 500 ms and reports a change once
   * it has held still for one poll, so a file caught half-written is not rendered. Problems in
   * files are reported by the first read only, not on every redraw.
   */
  watch(onChange: () => void): () => void {
    this.quiet = true;
    let reported = this.loadedSignature ?? this.signature();
    let previous = reported;
    const timer = setInterval(() => {
      const now = this.signature();
      if (now === previous && now !== reported) {
        reported = now;
        onChange();
      }
      previous = now;
    }, 500);
    return () => clearInterval(timer);
  }
}

function withNamespace(o: KubeObject, namespace: string): KubeObject {
  if (namespaceOf(o) !== '') return o;
  const metadata = mapAt(o, 'metadata') ?? {};
  return { ...o, metadata: { ...metadata, namespace } };
}

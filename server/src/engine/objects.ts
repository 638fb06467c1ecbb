import { isMap, isSeq, type Document, type YAMLMap } from 'yaml';
import type { Chunk } from './source-file';
import { K, isFleetYamlPath, typeIdOf } from './kinds';
import { mapAt, scalarAt, type PathSeg } from './yaml-nodes';

/** toJS stops after this many alias expansions: billion-laughs documents fail fast. */
const MAX_ALIAS_COUNT = 100;

/** A Kubernetes object (or a fleet.yaml) found in a document of a file. */
export class ManifestObject {
  private converted = false;
  private valueCache: Record<string, unknown> | undefined;
  private valueProblem: string | undefined;
  /** The node tree; dropped by releaseTree() and found again (re-parsed) on the next use. */
  private tree: { doc: Document.Parsed; root: YAMLMap } | undefined;

  constructor(
    /** Unique for this parse of this chunk; a re-parse gives new ids. */
    readonly id: string,
    readonly uri: string,
    readonly chunk: Chunk,
    doc: Document.Parsed,
    root: YAMLMap,
    /** Index of `doc` among the chunk's documents. */
    readonly docIndex: number,
    /** Where `root` sits inside the document: [] for a plain object, ['items', i] inside a List. */
    readonly basePath: PathSeg[],
    readonly typeId: string | undefined,
    readonly apiVersion: string | undefined,
    readonly kind: string | undefined,
    readonly name: string | undefined,
    readonly namespace: string | undefined,
  ) {
    this.tree = { doc, root };
  }

  get doc(): Document.Parsed {
    return (this.tree ??= this.findTree()).doc;
  }

  get root(): YAMLMap {
    return (this.tree ??= this.findTree()).root;
  }

  /** Lets the node tree go (see Chunk.releaseTree); `value` and the index fields stay. */
  releaseTree(): void {
    this.tree = undefined;
  }

  /** The same place in the chunk's (re-)parsed documents: parsing the same text gives the same shape. */
  private findTree(): { doc: Document.Parsed; root: YAMLMap } {
    const doc = this.chunk.parsed.docs[this.docIndex];
    const contents = doc.contents as YAMLMap;
    const root = this.basePath.length === 0 ? contents : ((contents.get('items', true) as unknown as { items: YAMLMap[] }).items[this.basePath[1] as number]);
    return { doc, root };
  }

  /** The object as plain data, or undefined when it cannot be converted (see valueError). */
  get value(): Record<string, unknown> | undefined {
    this.convert();
    return this.valueCache;
  }

  get valueError(): string | undefined {
    this.convert();
    return this.valueProblem;
  }

  private convert(): void {
    if (this.converted) return;
    this.converted = true;
    try {
      const js = this.root.toJS(this.doc, { maxAliasCount: MAX_ALIAS_COUNT });
      this.valueCache = js && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : undefined;
    } catch (err) {
      this.valueProblem = (err as Error).message;
    }
  }

  /** `Rollout payments/checkout`, for messages. */
  get label(): string {
    const name = this.name ?? '(unnamed)';
    const kind = this.typeId === K.FleetYaml ? 'fleet.yaml' : (this.kind ?? 'object');
    return this.namespace ? `${kind} ${this.namespace}/${name}` : `${kind} ${name}`;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function objectFrom(id: string, uri: string, chunk: Chunk, doc: Document.Parsed, docIndex: number, root: YAMLMap, basePath: PathSeg[], fleetYaml: boolean): ManifestObject {
  if (fleetYaml) {
    return new ManifestObject(id, uri, chunk, doc, root, docIndex, basePath, K.FleetYaml, undefined, undefined, str(scalarAt(root, 'name')), undefined);
  }
  const apiVersion = str(scalarAt(root, 'apiVersion'));
  const kind = str(scalarAt(root, 'kind'));
  const metadata = mapAt(root, 'metadata');
  return new ManifestObject(id, uri, chunk, doc, root, docIndex, basePath, typeIdOf(apiVersion, kind), apiVersion, kind, str(scalarAt(metadata, 'name')), str(scalarAt(metadata, 'namespace')));
}

/**
 * The objects of one chunk. fleet.yaml holds one options object (its first document, as Fleet
 * reads it); a `kind: List` contributes each of its items, as `kubectl get -o yaml` writes them.
 */
export function objectsOfChunk(uri: string, chunk: Chunk, firstChunkOfFile: boolean): ManifestObject[] {
  const parsed = chunk.parsed;
  if (parsed.templated) return [];
  const fleetYaml = isFleetYamlPath(uri);
  const out: ManifestObject[] = [];
  parsed.docs.forEach((doc, d) => {
    const root = doc.contents;
    if (!isMap(root)) return;
    if (fleetYaml) {
      if (firstChunkOfFile && d === 0) out.push(objectFrom(`${chunk.id}:${d}`, uri, chunk, doc, d, root, [], true));
      return;
    }
    const kind = scalarAt(root, 'kind');
    const items = typeof kind === 'string' && kind.endsWith('List') ? root.get('items', true) : undefined;
    if (isSeq(items)) {
      items.items.forEach((item, i) => {
        if (isMap(item)) out.push(objectFrom(`${chunk.id}:${d}:${i}`, uri, chunk, doc, d, item, ['items', i], false));
      });
      return;
    }
    out.push(objectFrom(`${chunk.id}:${d}`, uri, chunk, doc, d, root, [], false));
  });
  return out;
}

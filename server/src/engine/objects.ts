import { isMap, isSeq, type Document, type YAMLMap } from 'yaml';
import type { Chunk } from './source-file';
import { K, isFleetYamlPath, typeIdOf } from './kinds';
import { mapAt, scalarAt, type PathSeg } from './yaml-nodes';
import { mayHaveDuplicateKeys, type PlainDocument } from './parse/fast-yaml';

/** toJS stops after this many alias expansions: billion-laughs documents fail fast. */
const MAX_ALIAS_COUNT = 100;

/** The object's node tree, or its data read without one (see Chunk.readPlain). */
export type ObjectSource = { tree: { doc: Document.Parsed; root: YAMLMap } } | { plain: Record<string, unknown> };

/** A Kubernetes object (or a fleet.yaml) found in a document of a file. */
export class ManifestObject {
  private converted = false;
  private valueCache: Record<string, unknown> | undefined;
  private valueProblem: string | undefined;
  /** The node tree; dropped by releaseTree() and found again (re-parsed) on the next use. */
  private tree: { doc: Document.Parsed; root: YAMLMap } | undefined;
  /**
   * Read without a tree, which only a clean parse without repeated keys is (see objectsOfChunk);
   * the tree, when something asks for it, comes from parsing the chunk again.
   */
  private readonly plain: boolean;

  constructor(
    /** Unique for this parse of this chunk; a re-parse gives new ids. */
    readonly id: string,
    readonly uri: string,
    readonly chunk: Chunk,
    source: ObjectSource,
    /** Index of the document among the chunk's documents. */
    readonly docIndex: number,
    /** Where the object sits inside the document: [] for a plain object, ['items', i] inside a List. */
    readonly basePath: PathSeg[],
    readonly typeId: string | undefined,
    readonly apiVersion: string | undefined,
    readonly kind: string | undefined,
    readonly name: string | undefined,
    readonly namespace: string | undefined,
  ) {
    if ('plain' in source) {
      this.plain = true;
      this.converted = true;
      this.valueCache = source.plain;
    } else {
      this.plain = false;
      this.tree = source.tree;
    }
  }

  get doc(): Document.Parsed {
    return (this.tree ??= this.findTree()).doc;
  }

  get root(): YAMLMap {
    return (this.tree ??= this.findTree()).root;
  }

  /** The document has YAML errors (only a tree parse can have them). */
  get hasSyntaxErrors(): boolean {
    return !this.plain && this.doc.errors.length > 0;
  }

  /** False only when a parse saw no mapping of the document repeat a key. */
  get mayHaveDuplicateKeys(): boolean {
    return !this.plain && mayHaveDuplicateKeys(this.doc);
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

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What the index needs of an object: its type and names, from the tree or from its data. */
interface Identity {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

function identityOfTree(root: YAMLMap, fleetYaml: boolean): Identity {
  if (fleetYaml) return { name: str(scalarAt(root, 'name')) };
  const metadata = mapAt(root, 'metadata');
  return { apiVersion: str(scalarAt(root, 'apiVersion')), kind: str(scalarAt(root, 'kind')), name: str(scalarAt(metadata, 'name')), namespace: str(scalarAt(metadata, 'namespace')) };
}

function identityOfValue(value: Record<string, unknown>, fleetYaml: boolean): Identity {
  if (fleetYaml) return { name: str(value.name) };
  const metadata = isPlainMap(value.metadata) ? value.metadata : undefined;
  return { apiVersion: str(value.apiVersion), kind: str(value.kind), name: str(metadata?.name), namespace: str(metadata?.namespace) };
}

function objectFrom(id: string, uri: string, chunk: Chunk, source: ObjectSource, docIndex: number, basePath: PathSeg[], fleetYaml: boolean): ManifestObject {
  const who = 'tree' in source ? identityOfTree(source.tree.root, fleetYaml) : identityOfValue(source.plain, fleetYaml);
  const typeId = fleetYaml ? K.FleetYaml : typeIdOf(who.apiVersion, who.kind);
  return new ManifestObject(id, uri, chunk, source, docIndex, basePath, typeId, who.apiVersion, who.kind, who.name, who.namespace);
}

const hasDuplicateKeys = (d: PlainDocument): boolean => d.duplicateKeys;

/**
 * The objects of one chunk. fleet.yaml holds one options object (its first document, as Fleet
 * reads it); a `kind: List` contributes each of its items, as `kubectl get -o yaml` writes them.
 * Read without node trees where the fast parser can (see Chunk.readPlain), else from the trees.
 */
export function objectsOfChunk(uri: string, chunk: Chunk, firstChunkOfFile: boolean): ManifestObject[] {
  const fleetYaml = isFleetYamlPath(uri);
  const plain = chunk.readPlain();
  // With a repeated key, the tree (first occurrence) and the data (last) could disagree on kind or name.
  if (plain && !plain.some(hasDuplicateKeys)) return objectsOfPlain(uri, chunk, plain, firstChunkOfFile, fleetYaml);
  const parsed = chunk.parsed;
  if (parsed.templated) return [];
  const out: ManifestObject[] = [];
  parsed.docs.forEach((doc, d) => {
    const root = doc.contents;
    if (!isMap(root)) return;
    if (fleetYaml) {
      if (firstChunkOfFile && d === 0) out.push(objectFrom(`${chunk.id}:${d}`, uri, chunk, { tree: { doc, root } }, d, [], true));
      return;
    }
    const kind = scalarAt(root, 'kind');
    const items = typeof kind === 'string' && kind.endsWith('List') ? root.get('items', true) : undefined;
    if (isSeq(items)) {
      items.items.forEach((item, i) => {
        if (isMap(item)) out.push(objectFrom(`${chunk.id}:${d}:${i}`, uri, chunk, { tree: { doc, root: item } }, d, ['items', i], false));
      });
      return;
    }
    out.push(objectFrom(`${chunk.id}:${d}`, uri, chunk, { tree: { doc, root } }, d, [], false));
  });
  return out;
}

/** objectsOfChunk for data read without trees: the same objects, ids and paths. */
function objectsOfPlain(uri: string, chunk: Chunk, docs: PlainDocument[], firstChunkOfFile: boolean, fleetYaml: boolean): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (let d = 0; d < docs.length; d++) {
    const value = docs[d].value;
    if (!isPlainMap(value)) continue;
    if (fleetYaml) {
      if (firstChunkOfFile && d === 0) out.push(objectFrom(`${chunk.id}:${d}`, uri, chunk, { plain: value }, d, [], true));
      continue;
    }
    const kind = value.kind;
    const items: unknown = typeof kind === 'string' && kind.endsWith('List') ? value.items : undefined;
    if (Array.isArray(items)) {
      for (let i = 0; i < items.length; i++) {
        const item: unknown = items[i];
        if (isPlainMap(item)) out.push(objectFrom(`${chunk.id}:${d}:${i}`, uri, chunk, { plain: item }, d, ['items', i], false));
      }
      continue;
    }
    out.push(objectFrom(`${chunk.id}:${d}`, uri, chunk, { plain: value }, d, [], false));
  }
  return out;
}

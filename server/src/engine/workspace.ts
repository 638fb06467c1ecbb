import { SourceFile, type Chunk, type ChunkChange, type FileNotice, type TextEdit } from './source-file';
import { ManifestObject, objectsOfChunk } from './objects';
import { K, isFleetYamlPath } from './kinds';
import type { Inventory } from './inventory';

/** What one file change did to the set of objects: the checker invalidates from this. */
export interface WorkspaceChange {
  uri: string;
  removed: ManifestObject[];
  added: ManifestObject[];
}

export function refKey(typeId: string, name: string): string {
  return `${typeId}|${name}`;
}

/**
 * Every file the engine knows, and an index of every named object across them. Updating a file
 * re-parses only the chunks an edit touched; the index is adjusted object by object.
 */
export class Workspace {
  /** Live Fleet clusters from a connected hub; undefined when no hub is watched. */
  inventory: Inventory | undefined;
  private readonly files = new Map<string, SourceFile>();
  private readonly objectsByChunk = new Map<Chunk, ManifestObject[]>();
  private readonly byType = new Map<string, Map<string, ManifestObject[]>>();

  file(uri: string): SourceFile | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  setFile(uri: string, text: string, version = 0, notice?: FileNotice): WorkspaceChange {
    const existing = this.files.get(uri);
    if (!existing) {
      const file = new SourceFile(uri, text, version);
      file.notice = notice;
      this.files.set(uri, file);
      return this.apply(file, { removed: [], added: file.chunks });
    }
    existing.notice = notice;
    return this.apply(existing, existing.setText(text, version));
  }

  editFile(uri: string, edits: TextEdit[], version: number): WorkspaceChange {
    const file = this.files.get(uri);
    if (!file) throw new Error(`editFile: ${uri} is not open`);
    return this.apply(file, file.applyEdits(edits, version));
  }

  removeFile(uri: string): WorkspaceChange {
    const file = this.files.get(uri);
    if (!file) return { uri, removed: [], added: [] };
    this.files.delete(uri);
    return this.apply(file, { removed: file.chunks, added: [] });
  }

  objectsOfFile(uri: string): ManifestObject[] {
    const file = this.files.get(uri);
    if (!file) return [];
    return file.chunks.flatMap((c) => this.objectsByChunk.get(c) ?? []);
  }

  /** Drops every parsed node tree (see Chunk.releaseTree); each comes back on its next use. */
  releaseTrees(): void {
    for (const file of this.files.values()) {
      for (const chunk of file.chunks) {
        chunk.releaseTree();
        for (const o of this.objectsByChunk.get(chunk) ?? []) o.releaseTree();
      }
    }
  }

  objectsOfChunk(chunk: Chunk): ManifestObject[] {
    return this.objectsByChunk.get(chunk) ?? [];
  }

  /** Objects of a type with a name; a namespace narrows only when both sides state one. */
  find(typeId: string, name: string, namespace?: string): ManifestObject[] {
    const found = this.byType.get(typeId)?.get(name) ?? [];
    if (!namespace) return found;
    // Loops rather than filter/flat with a closure: these run for every lookup of every rule.
    const inNamespace: ManifestObject[] = [];
    for (const o of found) if (!o.namespace || o.namespace === namespace) inNamespace.push(o);
    return inNamespace;
  }

  all(typeId: string): ManifestObject[] {
    const out: ManifestObject[] = [];
    const named = this.byType.get(typeId);
    if (named) for (const list of named.values()) for (const o of list) out.push(o);
    return out;
  }

  private apply(file: SourceFile, change: ChunkChange): WorkspaceChange {
    const removed: ManifestObject[] = [];
    const added: ManifestObject[] = [];
    const removedChunks = new Set(change.removed);
    let addedChunks = change.added;
    // Only the first document of a fleet.yaml counts, so any change re-reads the whole (small) file.
    if (isFleetYamlPath(file.uri) && this.files.has(file.uri)) {
      for (const c of file.chunks) removedChunks.add(c);
      addedChunks = file.chunks.slice(0, 1);
    }
    for (const chunk of removedChunks) {
      const objects = this.objectsByChunk.get(chunk);
      if (!objects) continue;
      this.objectsByChunk.delete(chunk);
      for (const o of objects) this.unindex(o);
      removed.push(...objects);
    }
    for (const chunk of addedChunks) {
      if (this.objectsByChunk.has(chunk)) continue;
      const objects = objectsOfChunk(file.uri, chunk, chunk === file.chunks[0]);
      this.objectsByChunk.set(chunk, objects);
      for (const o of objects) this.index(o);
      added.push(...objects);
    }
    return { uri: file.uri, removed, added };
  }

  /** fleet.yaml files are indexed even without `name:`, so rules can find the bundle a file belongs to. */
  private static indexName(o: ManifestObject): string | undefined {
    return o.name ?? (o.typeId === K.FleetYaml ? '' : undefined);
  }

  private index(o: ManifestObject): void {
    const name = Workspace.indexName(o);
    if (!o.typeId || name === undefined) return;
    let named = this.byType.get(o.typeId);
    if (!named) this.byType.set(o.typeId, (named = new Map()));
    const list = named.get(name);
    if (list) list.push(o);
    else named.set(name, [o]);
  }

  private unindex(o: ManifestObject): void {
    const name = Workspace.indexName(o);
    if (!o.typeId || name === undefined) return;
    const named = this.byType.get(o.typeId);
    const list = named?.get(name);
    if (!named || !list) return;
    const i = list.indexOf(o);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) named.delete(name);
  }
}

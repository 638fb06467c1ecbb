import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ManifestObject } from '../engine/objects';
import type { Chunk } from '../engine/source-file';
import type { Position } from '../engine/text/line-index';
import type { Workspace } from '../engine/workspace';
import type { PathSeg } from '../engine/yaml-nodes';

/** What sits under the cursor: the object, the path to the node, and whether it is a key. */
export interface Cursor {
  chunk: Chunk;
  /** Offset of the cursor inside the chunk text. */
  offset: number;
  object?: ManifestObject;
  path: PathSeg[];
  onKey: boolean;
  /** The scalar (key or value) under the cursor, if any. */
  scalar?: Node;
}

const inside = (node: Node | null | undefined, offset: number): boolean => !!node?.range && offset >= node.range[0] && offset <= node.range[1];

export function cursorAt(workspace: Workspace, uri: string, position: Position): Cursor | undefined {
  const file = workspace.file(uri);
  if (!file || file.chunks.length === 0) return undefined;
  const chunk = file.chunks[file.chunkIndexAtLine(position.line)];
  const offset = chunk.lines.offsetAt({ line: position.line - chunk.startLine, character: position.character });
  const objects = workspace.objectsOfChunk(chunk);
  const object = objects.find((o) => inside(o.root, offset)) ?? (objects.length === 1 ? objects[0] : undefined);
  if (!object) return { chunk, offset, path: [], onKey: false };
  const path: PathSeg[] = [];
  let node: unknown = object.root;
  for (let depth = 0; depth < 256; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (inside(p.key as Node, offset) || inside(p.value as Node, offset)));
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      if (inside(pair.key as Node, offset)) return { chunk, offset, object, path, onKey: true, scalar: pair.key as Node };
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => inside(item as Node, offset));
      if (i === -1) break;
      path.push(i);
      node = node.items[i];
    } else {
      return { chunk, offset, object, path, onKey: false, scalar: isScalar(node) ? (node as Node) : undefined };
    }
  }
  return { chunk, offset, object, path, onKey: false };
}

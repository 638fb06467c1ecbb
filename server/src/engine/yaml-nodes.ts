import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export type PathSeg = string | number;

export interface Located {
  /** The node at the path, or the deepest existing ancestor when the path does not exist. */
  node: Node;
  /** The key node of the pair holding `node`, when `node` is a mapping value. */
  key?: Node;
  /** How many path segments were matched; equals path.length when the path exists. */
  matched: number;
}

/** Follows aliases a bounded number of times; alias chains cannot loop forever. */
export function deref(doc: Document, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 16 && isAlias(current); hops++) current = current.resolve(doc);
  return current;
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item as Pair;
  }
  return undefined;
}

export function locate(doc: Document, root: Node, path: readonly PathSeg[]): Located {
  let node: Node = root;
  let key: Node | undefined;
  let matched = 0;
  for (const seg of path) {
    const current = deref(doc, node);
    if (typeof seg === 'number' && isSeq(current)) {
      const item = current.items[seg];
      if (item === undefined || item === null) break;
      node = item as Node;
      key = undefined;
    } else if (typeof seg === 'string' && isMap(current)) {
      const pair = pairOf(current, seg);
      if (!pair) break;
      key = pair.key as Node;
      // `key:` with no value has a null value node; point at the key then.
      node = (pair.value as Node | null) ?? key;
    } else {
      break;
    }
    matched++;
  }
  return { node, key, matched };
}

/** Scalar string value of a mapping key, without converting the whole node. */
export function scalarAt(map: unknown, key: string): unknown {
  if (!isMap(map)) return undefined;
  const pair = pairOf(map, key);
  return pair && isScalar(pair.value) ? pair.value.value : undefined;
}

export function mapAt(map: unknown, key: string): YAMLMap | undefined {
  if (!isMap(map)) return undefined;
  const value = pairOf(map, key)?.value;
  return isMap(value) ? value : undefined;
}

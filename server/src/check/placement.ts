import { isCollection, isPair, isScalar, type Node } from 'yaml';
import { scalarValueOffsets } from './scalar-map';
import type { ManifestObject } from '../engine/objects';
import { locate, pairOf } from '../engine/yaml-nodes';
import type { Target } from '../rules/rule';

/**
 * Places by path, per object: they depend only on the object's (immutable) chunk, and editor
 * features ask for the same places on every request, which then needs no node tree.
 */
const placedByPath = new WeakMap<ManifestObject, Map<string, [number, number]>>();

/** Offsets inside the object's chunk that a finding about `target` should underline. */
export function placeTarget(object: ManifestObject, target: Target): [number, number] {
  if (target.node) return placeUncached(object, target);
  const key = `${target.onKey ? 'k' : ''}${target.span ? `${target.span[0]}-${target.span[1]}` : ''}|${JSON.stringify(target.path ?? [])}`;
  let placed = placedByPath.get(object);
  if (!placed) placedByPath.set(object, (placed = new Map()));
  let at = placed.get(key);
  if (!at) placed.set(key, (at = placeUncached(object, target)));
  return [at[0], at[1]];
}

function placeUncached(object: ManifestObject, target: Target): [number, number] {
  if (target.node?.range) return rangeOf(target.node)!;
  const path = target.path ?? [];
  if (path.length === 0) return rangeOf(headlineNode(object)) ?? [0, 1];
  const loc = locate(object.doc, object.root, path);
  const missing = loc.matched < path.length;
  // Point at the key for unknown keys, for a missing child (the parent key), and for block
  // collections, where the value would underline many lines.
  const preferKey = target.onKey || missing || (isCollection(loc.node) && !(loc.node as { flow?: boolean }).flow);
  if (target.span && !missing && !target.onKey && isScalar(loc.node)) {
    const offsets = scalarValueOffsets(object.chunk.text, loc.node);
    const [from, to] = target.span;
    if (offsets && from >= 0 && from < offsets.length) {
      const last = Math.min(Math.max(to, from + 1), offsets.length) - 1;
      return [offsets[from], Math.max(offsets[last] + 1, offsets[from] + 1)];
    }
  }
  const node = preferKey && loc.key ? loc.key : loc.matched === 0 ? headlineNode(object) : loc.node;
  const range = rangeOf(node) ?? rangeOf(headlineNode(object)) ?? [0, 1];
  // A block collection with no key of its own (a list item) is underlined on its first line only.
  if (isCollection(node) && !(node as { flow?: boolean }).flow) return clipToLine(object.chunk.text, range);
  return range;
}

function clipToLine(text: string, [start, end]: [number, number]): [number, number] {
  const nl = text.indexOf('\n', start);
  const lineEnd = nl === -1 ? end : Math.min(end, text[nl - 1] === '\r' ? nl - 1 : nl);
  return [start, Math.max(lineEnd, start + 1)];
}

function headlineNode(object: ManifestObject): Node {
  const kind = pairOf(object.root, 'kind');
  if (kind && kind.key) return kind.key as Node;
  const first = object.root.items.find(isPair);
  return (first?.key as Node | undefined) ?? object.root;
}

function rangeOf(node: Node | undefined): [number, number] | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return [r[0], Math.max(r[1], r[0] + 1)];
}

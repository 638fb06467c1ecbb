import { isMap, isScalar, isSeq, stringify, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ManifestObject } from '../engine/objects';
import type { Range } from '../engine/text/line-index';
import { deref, locate, type PathSeg } from '../engine/yaml-nodes';
import type { Fix, FixEdit } from '../rules/rule';

export interface FileTextEdit {
  uri: string;
  range: Range;
  newText: string;
}

interface ChunkEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Chunk edits of each fix: they depend only on the target's chunk, whose text never changes, so
 * diagnostics asked for again (every pull) need neither the work nor the chunk's node tree.
 */
const chunkEditsOfFix = new WeakMap<Fix, { target: ManifestObject; edits: ChunkEdit[] | null }>();

/** The text edits that carry out a fix, or undefined when the file's shape does not allow it safely. */
export function fixTextEdits(object: ManifestObject, fix: Fix): FileTextEdit[] | undefined {
  const target = fix.object ?? object;
  let memo = chunkEditsOfFix.get(fix);
  if (memo?.target !== target) {
    memo = { target, edits: chunkEdits(target, fix) };
    chunkEditsOfFix.set(fix, memo);
  }
  return memo.edits?.map((e) => ({ uri: target.uri, range: target.chunk.toFileRange(e.start, e.end), newText: e.text }));
}

function chunkEdits(target: ManifestObject, fix: Fix): ChunkEdit[] | null {
  const edits: ChunkEdit[] = [];
  for (const edit of fix.edits) {
    const e = chunkEdit(target, edit);
    if (!e) return null;
    edits.push(e);
  }
  edits.sort((a, b) => a.start - b.start);
  for (let i = 1; i < edits.length; i++) if (edits[i].start < edits[i - 1].end) return null;
  return edits;
}

function chunkEdit(o: ManifestObject, edit: FixEdit): ChunkEdit | undefined {
  const text = o.chunk.text;
  const loc = locate(o.doc, o.root, edit.path);
  const found = loc.matched === edit.path.length;
  switch (edit.op) {
    case 'renameKey': {
      if (!found || !loc.key?.range) return undefined;
      return { start: loc.key.range[0], end: loc.key.range[1], text: inline(edit.to) };
    }
    case 'replaceValue': {
      const node = deref(o.doc, loc.node) as Node;
      if (!found || !node?.range || node === loc.key) return undefined;
      if (!isScalar(node) && !(node as { flow?: boolean }).flow) return undefined;
      // An empty value (`key:` or `key: # note`) must not glue the new value to the colon or the comment.
      const before = text[node.range[0] - 1] === ':' ? ' ' : '';
      const after = text[node.range[1]] === '#' ? ' ' : '';
      return { start: node.range[0], end: node.range[1], text: `${before}${inline(edit.value)}${after}` };
    }
    case 'setKey': {
      const map = deref(o.doc, loc.node);
      if (!found || !isMap(map) || !map.range) return undefined;
      return map.flow ? appendToFlow(text, map, `${inline(edit.key)}: ${inline(edit.value)}`, '}') : appendToBlockMap(text, map, edit.key, edit.value);
    }
    case 'appendItem': {
      const seq = deref(o.doc, loc.node);
      if (!found || !isSeq(seq) || !seq.range) return undefined;
      return seq.flow ? appendToFlow(text, seq, inline(edit.value), ']') : appendToBlockSeq(text, seq, edit.value);
    }
    case 'remove':
      return found ? removeAt(o, edit.path) : undefined;
  }
}

/** A value as it reads inside a line: scalars quoted only when YAML needs it, collections in flow style. */
function inline(value: unknown): string {
  if (value !== null && typeof value === 'object') return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
  return stringify(value, { lineWidth: 0 }).trim();
}

function indentLines(block: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return block
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const column = (text: string, at: number) => at - lineStart(text, at);

/** Where text appended after a block collection goes, and whether a newline must lead it. */
function afterBlock(text: string, end: number): { at: number; lead: boolean } {
  let at = end;
  // Keep trailing blank lines and comments of the next node out of the way: stop after the last content line.
  while (at > 0 && (text[at - 1] === '\n' || text[at - 1] === '\r' || text[at - 1] === ' ')) at--;
  const nl = text.indexOf('\n', at);
  return nl === -1 ? { at: text.length, lead: true } : { at: nl + 1, lead: false };
}

function appendToBlockMap(text: string, map: YAMLMap, key: string, value: unknown): ChunkEdit | undefined {
  const first = map.items[0] as Pair<Node, Node> | undefined;
  const last = map.items[map.items.length - 1] as Pair<Node, Node> | undefined;
  if (!first?.key?.range || !last) return undefined;
  const indent = column(text, first.key.range[0]);
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? last.key?.range?.[1];
  if (lastEnd === undefined) return undefined;
  const rendered = indentLines(stringify({ [key]: value }, { lineWidth: 0 }), indent);
  const { at, lead } = afterBlock(text, lastEnd);
  return { start: at, end: at, text: lead ? `\n${rendered}` : `${rendered}\n` };
}

function appendToBlockSeq(text: string, seq: YAMLSeq, value: unknown): ChunkEdit | undefined {
  const first = seq.items[0] as Node | undefined;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!first?.range || !last?.range) return undefined;
  const dash = text.lastIndexOf('-', first.range[0]);
  if (dash < lineStart(text, first.range[0])) return undefined;
  const rendered = indentLines(stringify([value], { lineWidth: 0 }), column(text, dash));
  const { at, lead } = afterBlock(text, last.range[1]);
  return { start: at, end: at, text: lead ? `\n${rendered}` : `${rendered}\n` };
}

function appendToFlow(text: string, collection: YAMLMap | YAMLSeq, item: string, close: '}' | ']'): ChunkEdit | undefined {
  const end = collection.range![1];
  const closeAt = text.lastIndexOf(close, end - 1);
  if (closeAt < collection.range![0]) return undefined;
  if (collection.items.length === 0) return { start: closeAt, end: closeAt, text: item };
  let before = closeAt;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  return { start: before, end: before, text: `, ${item}` };
}

function removeAt(o: ManifestObject, path: readonly PathSeg[]): ChunkEdit | undefined {
  const text = o.chunk.text;
  const parentLoc = locate(o.doc, o.root, path.slice(0, -1));
  const parent = deref(o.doc, parentLoc.node);
  const last = path[path.length - 1];
  let index: number;
  let startNode: Node | undefined;
  let endNode: Node | undefined;
  if (isMap(parent) && typeof last === 'string') {
    index = parent.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === last);
    const pair = parent.items[index] as Pair<Node, Node> | undefined;
    startNode = pair?.key ?? undefined;
    endNode = (pair?.value as Node | null) ?? pair?.key ?? undefined;
  } else if (isSeq(parent) && typeof last === 'number') {
    index = last;
    startNode = endNode = parent.items[index] as Node | undefined;
  } else {
    return undefined;
  }
  const collection = parent as YAMLMap | YAMLSeq;
  if (!startNode?.range || !endNode?.range) return undefined;
  if (collection.flow) {
    const [s, e] = [startNode.range[0], endNode.range[1]];
    const after = text.slice(e).match(/^\s*,\s*/);
    if (after) return { start: s, end: e + after[0].length, text: '' };
    const before = text.slice(0, s).match(/,\s*$/);
    return before ? { start: s - before[0].length, end: e, text: '' } : { start: s, end: e, text: '' };
  }
  let start = isSeq(parent) ? text.lastIndexOf('-', startNode.range[0]) : startNode.range[0];
  const prefix = text.slice(lineStart(text, start), start);
  if (prefix.trim() !== '') {
    // `- key: v` where key is the first pair of a list item: pull the next pair up onto the dash line.
    const next = collection.items[index + 1] as Pair<Node, Node> | undefined;
    if (!isMap(parent) || !next?.key?.range) return undefined;
    return { start, end: next.key.range[0], text: '' };
  }
  start = lineStart(text, start);
  const { at } = afterBlock(text, endNode.range[1]);
  return { start, end: at, text: '' };
}

import type { Chunk } from '../engine/source-file';
import type { PathSeg } from '../engine/yaml-nodes';

export type CompletionPlace =
  /** A new key in the mapping at `path`; `partial` is what is typed so far. */
  | { at: 'key'; path: PathSeg[]; partial: string; start: number; inSequenceItem: boolean }
  /** The value of `path` (a scalar after `key: `). */
  | { at: 'value'; path: PathSeg[]; partial: string; start: number }
  /** Inside `{{args.` in a string. */
  | { at: 'arg'; path: PathSeg[]; partial: string; start: number };

const indentOf = (line: string) => line.length - line.trimStart().length;

/**
 * The YAML path of the mapping a line at `indent` belongs to, from the lines above it. Works on
 * text that does not parse yet (what a person is typing), which the AST cannot offer. Sequence
 * items are given index 0: schemas describe every item alike.
 */
export function pathByIndentation(lines: string[], lineNo: number, indent: number): PathSeg[] {
  const path: PathSeg[] = [];
  // A line is an ancestor when its key (or dash) column is below `limit`.
  let limit = indent;
  for (let l = lineNo - 1; l >= 0 && limit > 0; l--) {
    const text = lines[l].replace(/\r$/, '');
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed === '---') break;
    const item = /^(\s*)-(?:\s+(.*))?$/.exec(text);
    if (item) {
      const dashCol = item[1].length;
      if (dashCol >= limit) continue;
      const opener = item[2] !== undefined ? OPENER.exec(item[2]) : null;
      if (opener && dashCol + 2 < limit) path.unshift(unquote(opener[1]));
      path.unshift(0);
      // An indentless sequence sits at its parent key's column.
      limit = dashCol + 1;
      continue;
    }
    const ind = indentOf(text);
    if (ind >= limit) continue;
    const opener = OPENER.exec(trimmed);
    if (!opener) return path;
    path.unshift(unquote(opener[1]));
    limit = ind;
  }
  return path;
}

/** `key:` with nothing after it but a comment: the key opens a block below. */
const OPENER = /^([^:#\s-][^:#]*?|"[^"]*"|'[^']*')\s*:\s*(#.*)?$/;

function unquote(k: string): string {
  return /^(['"]).*\1$/.test(k) ? k.slice(1, -1) : k;
}

/** Where the cursor is, for completion: a key, a value, or an argument placeholder. */
export function completionPlace(chunk: Chunk, line: number, character: number): CompletionPlace | undefined {
  const lines = chunk.text.split('\n');
  const local = line - chunk.startLine;
  if (local < 0 || local >= lines.length) return undefined;
  const prefix = lines[local].slice(0, character);
  const arg = /\{\{\s*args\.([\w.-]*)$/.exec(prefix);
  if (arg) {
    const keyLine = /^(\s*)(-\s+)?([\w.-]+):/.exec(prefix);
    const base = keyLine ? pathByIndentation(lines, local, keyLine[1].length) : pathByIndentation(lines, local, indentOf(prefix));
    const path = keyLine ? [...base, ...(keyLine[2] ? [0] : []), keyLine[3]] : base;
    return { at: 'arg', path, partial: arg[1], start: character - arg[1].length };
  }
  const keyMatch = /^(\s*)(-\s+)?([\w.-]*)$/.exec(prefix);
  if (keyMatch) {
    // `- par|` starts a new item: its mapping is item 0 of the sequence at the dash's column.
    const path = keyMatch[2] ? [...pathByIndentation(lines, local, keyMatch[1].length), 0] : pathByIndentation(lines, local, keyMatch[1].length);
    return { at: 'key', path, partial: keyMatch[3], start: character - keyMatch[3].length, inSequenceItem: !!keyMatch[2] };
  }
  const valueMatch = /^(\s*)(-\s+)?([\w.-]+):\s+(['"]?)([^'"#]*)$/.exec(prefix);
  if (valueMatch) {
    const parent = valueMatch[2] ? [...pathByIndentation(lines, local, valueMatch[1].length), 0] : pathByIndentation(lines, local, valueMatch[1].length);
    return { at: 'value', path: [...parent, valueMatch[3]], partial: valueMatch[5], start: character - valueMatch[5].length };
  }
  return undefined;
}

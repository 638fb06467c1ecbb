import { LineIndex, type Range } from '../../server/src/engine/text/line-index';

/** Applies non-overlapping text edits (LSP ranges) to a text. */
export function applyTextEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const lines = new LineIndex(text);
  const offsets = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of offsets) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

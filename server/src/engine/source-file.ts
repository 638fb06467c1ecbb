import { LineIndex, type Position, type Range } from './text/line-index';
import { splitChunks } from './parse/split';
import { parseChunk, parseChunkPlain, type ParsedChunk } from './parse/parse-chunk';
import type { PlainDocument } from './parse/fast-yaml';

let nextChunkId = 1;

/** One YAML document of a file (text from one `---` marker to the next), parsed on first use. */
export class Chunk {
  readonly id = nextChunkId++;
  /** Lines this chunk spans; the last line of a chunk without a trailing newline is partial. */
  readonly lineSpan: number;
  /** Built on first use: positions are needed only where a finding or an editor request lands. */
  private linesValue?: LineIndex;
  private parsedValue?: ParsedChunk;
  /** What diagnostics need of the parse without its trees: kept when the trees are let go. */
  private summaryValue?: Pick<ParsedChunk, 'problems' | 'templated'>;

  constructor(
    readonly text: string,
    /** Line of the file where this chunk starts; shifted in place when earlier chunks change. */
    public startLine: number,
  ) {
    this.lineSpan = countLineBreaks(text);
  }

  get lines(): LineIndex {
    return (this.linesValue ??= new LineIndex(this.text));
  }

  get parsed(): ParsedChunk {
    if (!this.parsedValue) {
      this.parsedValue = parseChunk(this.text);
      this.summaryValue ??= { problems: this.parsedValue.problems, templated: this.parsedValue.templated };
    }
    return this.parsedValue;
  }

  /**
   * The documents as plain data, read without node trees (about twice as fast as parsing and
   * converting): undefined when only a full parse can read this text. After a clean read the
   * chunk's summary is known (no problems, not templated) and `parsed` is built on first use.
   */
  readPlain(): PlainDocument[] | undefined {
    if (this.parsedValue) return undefined;
    const plain = parseChunkPlain(this.text);
    if (plain) this.summaryValue ??= { problems: [], templated: false };
    return plain;
  }

  /** Whether the node trees are in memory (built by a use of `parsed`, not yet released). */
  get hasTree(): boolean {
    return this.parsedValue !== undefined;
  }

  /** Syntax problems and the template flag, without keeping (or re-creating) the node trees. */
  get summary(): Pick<ParsedChunk, 'problems' | 'templated'> {
    return this.summaryValue ?? this.parsed;
  }

  /**
   * Lets the node trees go: a large file's trees take about ten times its text, and once its
   * objects are checked and converted they are needed only for edits, fixes and editor features
   * on a few documents. The next use parses the (unchanged) text again.
   */
  releaseTree(): void {
    this.parsedValue = undefined;
  }

  toFileRange(startOffset: number, endOffset: number): Range {
    return { start: this.toFilePosition(startOffset), end: this.toFilePosition(endOffset) };
  }

  toFilePosition(offset: number): Position {
    const p = this.lines.positionAt(offset);
    return { line: p.line + this.startLine, character: p.character };
  }
}

export interface TextEdit {
  range: Range;
  text: string;
}

export interface FileNotice {
  code: string;
  message: string;
}

export interface ChunkChange {
  removed: Chunk[];
  added: Chunk[];
}

/** A file as a list of chunks. Edits replace only the chunks they touch. */
export class SourceFile {
  chunks: Chunk[];
  /** A problem with the file as a whole (unreadable bytes, too large), shown on its first line. */
  notice?: FileNotice;

  constructor(readonly uri: string, text: string, public version = 0) {
    this.chunks = SourceFile.chunksOf(text, 0);
  }

  private static chunksOf(text: string, startLine: number): Chunk[] {
    const chunks: Chunk[] = [];
    let line = startLine;
    for (const part of splitChunks(text)) {
      const chunk = new Chunk(part, line);
      line += chunk.lineSpan;
      chunks.push(chunk);
    }
    return chunks;
  }

  get text(): string {
    return this.chunks.map((c) => c.text).join('');
  }

  /** Replaces the whole text, keeping chunks whose text did not change (and their parse). */
  setText(text: string, version: number): ChunkChange {
    const fresh = SourceFile.chunksOf(text, 0);
    // By length rather than by text: hashing every new chunk's text costs about as much as
    // reading it, and a changed chunk usually has another length, so most lookups compare nothing.
    const old = new Map<number, Chunk[]>();
    for (const c of this.chunks) {
      const list = old.get(c.text.length);
      if (list) list.push(c);
      else old.set(c.text.length, [c]);
    }
    const kept = new Set<Chunk>();
    const result: Chunk[] = [];
    const added: Chunk[] = [];
    for (const c of fresh) {
      const reuse = takeSameText(old.get(c.text.length), c.text);
      if (reuse) {
        reuse.startLine = c.startLine;
        kept.add(reuse);
        result.push(reuse);
      } else {
        result.push(c);
        added.push(c);
      }
    }
    const removed: Chunk[] = [];
    for (const c of this.chunks) if (!kept.has(c)) removed.push(c);
    this.chunks = result;
    this.version = version;
    return { removed, added };
  }

  /** Applies LSP-style edits in order; each edit's range refers to the text after the previous one. */
  applyEdits(edits: TextEdit[], version: number): ChunkChange {
    const removed = new Set<Chunk>();
    const added = new Set<Chunk>();
    for (const edit of edits) {
      const change = this.applyEdit(edit);
      for (const c of change.removed) {
        if (added.has(c)) added.delete(c);
        else removed.add(c);
      }
      for (const c of change.added) added.add(c);
    }
    this.version = version;
    return { removed: [...removed], added: [...added] };
  }

  private applyEdit(edit: TextEdit): ChunkChange {
    if (this.chunks.length === 0) this.chunks = [new Chunk('', 0)];
    // Take one neighbour on each side: an edit next to a boundary can create or remove a marker.
    const first = Math.max(0, this.chunkIndexAtLine(edit.range.start.line) - 1);
    const last = Math.min(this.chunks.length - 1, this.chunkIndexAtLine(edit.range.end.line) + 1);
    const touched = this.chunks.slice(first, last + 1);
    const baseLine = touched[0].startLine;
    const lastTouched = touched[touched.length - 1];
    const oldEndLine = lastTouched.startLine + lastTouched.lineSpan;
    const merged = touched.map((c) => c.text).join('');
    const mergedLines = new LineIndex(merged);
    const local = (p: Position): number => mergedLines.offsetAt({ line: p.line - baseLine, character: p.character });
    const start = local(edit.range.start);
    const end = Math.max(start, local(edit.range.end));
    const text = merged.slice(0, start) + edit.text + merged.slice(end);

    const replacement: Chunk[] = [];
    let line = baseLine;
    for (const part of splitChunks(text)) {
      const same = touched.find((c) => c.text === part && !replacement.includes(c));
      const chunk = same ?? new Chunk(part, line);
      chunk.startLine = line;
      line += chunk.lineSpan;
      replacement.push(chunk);
    }
    // A trailing empty part would be a phantom document; keep it only if nothing else is left.
    if (replacement.length > 1 && replacement[replacement.length - 1].text === '') replacement.pop();

    const shift = line - oldEndLine;
    for (let i = last + 1; i < this.chunks.length; i++) this.chunks[i].startLine += shift;
    this.chunks.splice(first, touched.length, ...replacement);
    return {
      removed: touched.filter((c) => !replacement.includes(c)),
      added: replacement.filter((c) => !touched.includes(c)),
    };
  }

  chunkIndexAtLine(line: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid].startLine <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * Removes and returns the first of `candidates` (chunks of one length, in file order) whose text
 * is `text`. Only the first few are compared: reuse saves a parse, and a file of many same-length
 * documents that all changed must not cost a comparison per pair.
 */
function takeSameText(candidates: Chunk[] | undefined, text: string): Chunk | undefined {
  if (!candidates) return undefined;
  for (let i = 0; i < candidates.length && i < MAX_REUSE_COMPARISONS; i++) {
    if (candidates[i].text === text) return candidates.splice(i, 1)[0];
  }
  return undefined;
}

const MAX_REUSE_COMPARISONS = 8;

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

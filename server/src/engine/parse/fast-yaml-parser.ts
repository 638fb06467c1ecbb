/**
 * The structure part of the fast YAML parser (see fast-yaml.ts): block mappings and sequences,
 * flow collections, and where each node's range starts and ends. Ranges follow `yaml` 2.x
 * exactly, including where it attaches blank lines and comments:
 *
 * - a flow token value (plain or quoted scalar, flow collection) ends after the rest of its
 *   line, and also takes the comment lines right after it that are indented deeper than its
 *   collection (blank lines between them included);
 * - other trailing blank and comment lines form a "tail" that closes each block collection in
 *   turn: a collection keeps the tail (its range[2] ends where the tail ends) when it is not at
 *   indent 0 and a comment in the tail is indented at least as deep as the collection, else
 *   the tail moves to the parent, and from the root to the document;
 * - an empty value's node sits after the indicator and its blanks; it reaches over the trivia
 *   after it only when that trivia holds a comment (mapping values: up to a point `yaml`
 *   computes from the line breaks, see emptyMapValue).
 *
 * In plain mode (`new FastParser(text, true)`) the same parse builds no nodes: each value is
 * what `toJS()` would make of its node (objects, arrays, strings, numbers, booleans, null), so a
 * caller that only needs the data skips both the node trees and the conversion. The scanning,
 * the checks and every fallback are shared, so both modes accept exactly the same texts.
 *
 * Anything outside the supported subset throws FastYamlFallback.
 */
import { Scalar, type Node, type Pair, type Schema, type YAMLMap, type YAMLSeq } from 'yaml';
import { newMap, newPair, newSeq } from './fast-yaml-nodes';
import { hasDuplicateKey } from './fast-yaml-keys';
import {
  CR, LF, SPACE, TAB, blockScalarValue, doubleQuotedValue, fallback, foldLines, isBlank, plainScalar, resolvePlain, singleQuotedValue, sliceShared, stringScalar,
} from './fast-yaml-scalars';

const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOT = 46;
const SQUOTE = 39;
const DQUOTE = 34;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const COMMA = 44;
const PIPE = 124;
const GT = 62;
const QMARK = 63;
const BACKSLASH = 92;

/** Where a trivia scan stopped. */
const CONTENT: number = 0;
const EOF: number = 1;
const DOC_END: number = 2;

/** Deeper nesting falls back (parse-chunk limits nesting before parsing anyway). */
const MAX_DEPTH = 200;

/** No comment absorption: larger than any indent. */
const NO_ABSORB = 1e9;

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** Characters that cannot start a plain scalar (or start something this parser leaves to `yaml`). */
function badPlainStart(c: number): boolean {
  switch (c) {
    case HASH: case 38 /* & */: case 42 /* * */: case 33 /* ! */: case PIPE: case GT: case 37 /* % */:
    case 64 /* @ */: case 96 /* ` */: case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE:
    case SQUOTE: case DQUOTE: case TAB: case LF: case CR:
      return true;
    default:
      return c !== c;
  }
}

export interface ParsedRoot {
  /** Offset of the document: its `---` marker or the start of its first content line. */
  docStart: number;
  hasDocStartMarker: boolean;
  hasDocEndMarker: boolean;
  /** The root node, or in plain mode the root value. */
  contents: unknown;
  range: [number, number, number];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A flat copy of `text` for scanning: the chunks the engine parses are slices of a file's
 * text, and every charCodeAt on a sliced string pays an indirection. Node strings are still
 * sliced from the original, so the copy is garbage once parsing ends.
 */
function scanCopy(text: string): string {
  // Only well-formed text survives the UTF-8 round trip unchanged (isWellFormed: Node 20+).
  const wellFormed = (text as string & { isWellFormed?: () => boolean }).isWellFormed;
  if (text.length < 256 || typeof wellFormed !== 'function' || !wellFormed.call(text)) return text;
  const copy = decoder.decode(encoder.encode(text));
  return copy.length === text.length ? copy : text;
}

export class FastParser {
  /** What the parser scans: `text` or a flat copy of it. */
  private readonly src: string;
  private readonly len: number;
  private schema!: Schema;
  /** Some mapping of the document repeats a key (yaml/duplicate-key has work to do). */
  duplicateKeys = false;
  private depth = 0;
  /** range[2] of the value finished last: set in both modes, so plain mode needs no nodes for it. */
  private vEnd = 0;

  // Result of scanTrivia().
  private tKind: number = CONTENT;
  /** Content: its first non-space character; EOF: text length; doc end: start of the `...` line. */
  private tNext = 0;
  private tIndent = 0;
  private tAbsorbEnd = 0;
  /** Deepest indent of a comment in the trivia that was not absorbed; -1 without comments. */
  private tMaxComment = -1;
  /** Lowest indent of a trivia line that lowers the lexer's indentation requirement. */
  private tLowIndent = NO_ABSORB;

  // The pending tail of blank and comment lines (see the file comment).
  private sActive = false;
  private sStart = 0;
  private sEnd = 0;
  private sMaxComment = -1;

  /**
   * Items of the collections being parsed, innermost last: each collection takes an exactly
   * sized copy of its part when it ends (a pushed-to `items` array would keep spare capacity).
   * Only scratch[0..top) is in use: a collection that ends moves `top` back instead of
   * shortening the array, which would trim its backing store each time.
   */
  private readonly scratch: unknown[] = [];
  private top = 0;

  // Out-values of the scanners.
  private after = 0;
  /** Memo of the last findKeyColon call: the is-it-a-key check and the key parse share it. */
  private keyFrom = -1;
  private keyColon = -1;
  /** Memo of continueScalar: the spaces it counted at the start of a line. */
  private spacesAt = -1;
  private spaces = 0;
  /** Whether the last scanPlain result spans a line break. */
  private plainMulti = false;
  private plainStopColon = false;

  /** Plain mode, when asked for: [start, end) of every scalar (keys too), in document order. */
  readonly scalarRanges: Array<[number, number]> | undefined;

  constructor(
    private readonly text: string,
    /** Build plain values instead of nodes. */
    private readonly plain = false,
    recordScalarRanges = false,
  ) {
    this.src = scanCopy(text);
    this.scalarRanges = recordScalarRanges ? [] : undefined;
    this.len = text.length;
  }

  /**
   * Parses the chunk: undefined for a stream without documents, else its one document.
   * `schemaFor` gives the document's schema for its collections (not called in plain mode).
   */
  parse(schemaFor?: () => Schema): ParsedRoot | undefined {
    try {
      return this.parseDocument(schemaFor);
    } finally {
      // The items left above `top` would keep nodes alive for as long as this parser lives
      // (fast-yaml.ts keeps the last one), after the trees themselves are let go.
      this.scratch.length = 0;
    }
  }

  private parseDocument(schemaFor?: () => Schema): ParsedRoot | undefined {
    const src = this.src;
    const len = this.len;
    // Stream level: blank and comment lines, then `---` or the first content line.
    let ls = 0;
    let docStart = -1;
    let marker = false;
    for (;;) {
      if (ls >= len) return undefined;
      let k = ls;
      while (src.charCodeAt(k) === SPACE) k++;
      const c = src.charCodeAt(k);
      if (k === ls) {
        if (c === 37 /* % */) fallback('directive');
        if (c === 0xfeff) fallback('byte order mark');
        if (this.isMarker(ls)) {
          if (c === DOT) fallback('document end marker without document');
          docStart = ls;
          marker = true;
          break;
        }
      }
      let j = k;
      while (src.charCodeAt(j) === SPACE || src.charCodeAt(j) === TAB) j++;
      const d = src.charCodeAt(j);
      if (d === HASH || d === LF || d === CR || j >= len) {
        if (j >= len) {
          if (this.hasTab(ls, j)) fallback('tab on a last line without line break');
          return undefined;
        }
        ls = this.lineAfter(j);
        continue;
      }
      docStart = ls;
      break;
    }
    if (!this.plain) this.schema = schemaFor!();

    let contents: unknown;
    let contentEnd: number;
    let docEnd: number;
    if (marker) {
      const j = this.skipBlanks(docStart + 3);
      const c = this.src.charCodeAt(j);
      if (c !== HASH && c !== LF && c !== CR && j < len) fallback('content on the --- line');
      const lineNext = this.lineAfter(j);
      this.scanTrivia(lineNext, NO_ABSORB);
      if (this.tKind !== CONTENT) {
        // Empty document: a null scalar after `---` and its blanks.
        const hasComment = c === HASH || this.tMaxComment >= 0;
        contents = this.plainOf('', j, j, hasComment ? this.tNext : j);
        contentEnd = this.vEnd;
        docEnd = contentEnd;
        return this.finishDocument(docStart, marker, contents, contentEnd, docEnd);
      }
    } else {
      this.scanTrivia(docStart, NO_ABSORB);
    }

    // The root node.
    const p = this.tNext;
    const m = this.tIndent;
    const c = this.src.charCodeAt(p);
    if (c === DASH && isBlank(this.src.charCodeAt(p + 1))) {
      contents = this.blockSeq(m, p);
    } else if (c === LBRACKET || c === LBRACE) {
      const node = this.flow(p, 0, 1);
      const lineNext = this.restOfLine(this.after);
      this.setEnd(node, lineNext);
      // The document takes the next line, if it is blank or a comment.
      this.scanTrivia(lineNext, NO_ABSORB);
      if (this.tKind === CONTENT) fallback('content after a root flow collection');
      contentEnd = lineNext;
      docEnd = lineNext < this.tNext ? this.lineAfter(lineNext) : lineNext;
      return this.finishDocument(docStart, marker, node, contentEnd, docEnd);
    } else if (c === DQUOTE || c === SQUOTE) {
      if (!this.quotedIsKey(p)) fallback('root scalar');
      contents = this.blockMap(m, p);
    } else {
      if (badPlainStart(c) || ((c === QMARK || c === COLON) && isBlank(this.src.charCodeAt(p + 1)))) fallback('unsupported root node');
      if (this.findKeyColon(p) < 0) fallback('root scalar');
      contents = this.blockMap(m, p);
    }
    if (this.tKind === CONTENT) fallback('content after the root collection');
    contentEnd = this.vEnd;
    docEnd = this.sActive ? contentEnd + (this.sEnd - this.sStart) : contentEnd;
    this.sActive = false;
    return this.finishDocument(docStart, marker, contents, contentEnd, docEnd);
  }

  /** Handles a `...` line and what follows the document. */
  private finishDocument(docStart: number, marker: boolean, contents: unknown, contentEnd: number, docEnd: number): ParsedRoot {
    let hasEnd = false;
    if (this.tKind === DOC_END) {
      hasEnd = true;
      const j = this.skipBlanks(this.tNext + 3);
      const c = this.src.charCodeAt(j);
      if (c !== HASH && c !== LF && c !== CR && j < this.len) fallback('content on the ... line');
      docEnd = this.lineAfter(j);
      // Only blank and comment lines may follow.
      this.scanTrivia(docEnd, NO_ABSORB);
      if (this.tKind !== EOF) fallback('more after the document end marker');
    }
    return { docStart, hasDocStartMarker: marker, hasDocEndMarker: hasEnd, contents, range: [docStart, contentEnd, docEnd] };
  }

  // -------------------------------------------------------------------------------------------
  // lines

  /** `---` or `...` at `i`, followed by a blank or the end. */
  private isMarker(i: number): boolean {
    const c = this.src.charCodeAt(i);
    return (c === DASH || c === DOT) && this.src.charCodeAt(i + 1) === c && this.src.charCodeAt(i + 2) === c && isBlank(this.src.charCodeAt(i + 3));
  }

  private hasTab(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.src.charCodeAt(i) === TAB) return true;
    return false;
  }

  private skipBlanks(i: number): number {
    let c = this.src.charCodeAt(i);
    while (c === SPACE || c === TAB) c = this.src.charCodeAt(++i);
    return i;
  }

  /** Position after the line break at or after `i` (the text length on the last line). */
  private lineAfter(i: number): number {
    const nl = this.src.indexOf('\n', i);
    return nl === -1 ? this.len : nl + 1;
  }

  /** Position of the line break (its \r for CRLF) of the line holding `i`, or the text length. */
  private lineContentEnd(i: number): number {
    const nl = this.src.indexOf('\n', i);
    if (nl === -1) return this.len;
    return nl > 0 && this.src.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
  }

  /**
   * After a value that ends at `i`: blanks, an optional comment (which needs a blank before
   * it) and the line break. Returns the start of the next line.
   */
  private restOfLine(i: number): number {
    const j = this.skipBlanks(i);
    const c = this.src.charCodeAt(j);
    if (c === LF) return j + 1;
    if (c === CR) return j + 2; // always CRLF: a lone CR falls back before parsing
    if (j >= this.len) return j;
    if (c !== HASH) fallback('unexpected content after a value');
    if (j === i) fallback('comment without a blank before it');
    return this.lineAfter(j);
  }

  /**
   * Scans blank and comment lines from the line start `pos` up to the next content line, the
   * end of the text or a `...` line. With `absorbIndent`, the comment lines that a flow token
   * value takes (indented deeper than its collection, before any shallower comment) end at
   * tAbsorbEnd. Sets the t* fields.
   */
  private scanTrivia(pos: number, absorbIndent: number): void {
    const src = this.src;
    const len = this.len;
    let absorbEnd = pos;
    let maxComment = -1;
    let blocked = false;
    let low = NO_ABSORB;
    let ls = pos;
    for (;;) {
      if (ls >= len) {
        this.tKind = EOF;
        this.tNext = len;
        break;
      }
      let k = ls;
      if (ls === this.spacesAt) k += this.spaces;
      else while (src.charCodeAt(k) === SPACE) k++;
      const indent = k - ls;
      if (indent === 0 && this.isMarker(ls)) {
        if (src.charCodeAt(ls) === DASH) fallback('second document in the chunk');
        this.tKind = DOC_END;
        this.tNext = ls;
        break;
      }
      let j = k;
      while (src.charCodeAt(j) === SPACE || src.charCodeAt(j) === TAB) j++;
      const c = src.charCodeAt(j);
      if (c === LF || c === CR || j >= len) {
        if (j >= len) {
          if (j > k) fallback('tab on a last line without line break');
          this.tKind = EOF;
          this.tNext = len;
          break;
        }
        if (!isBlank(src.charCodeAt(k + 1)) && indent < low) low = indent;
        ls = this.lineAfter(j);
        continue;
      }
      if (c === HASH) {
        if (!isBlank(src.charCodeAt(k + 1)) && indent < low) low = indent;
        const next = this.lineAfter(j);
        if (!blocked && indent > absorbIndent) absorbEnd = next;
        else {
          blocked = true;
          if (indent > maxComment) maxComment = indent;
        }
        ls = next;
        continue;
      }
      if (j > k) fallback('tab in indentation');
      this.tKind = CONTENT;
      this.tNext = k;
      this.tIndent = indent;
      break;
    }
    this.tAbsorbEnd = absorbEnd;
    this.tMaxComment = maxComment;
    this.tLowIndent = low;
  }

  /** Makes the trivia just scanned (after absorption) the pending tail. */
  private setTail(): void {
    this.sStart = this.tAbsorbEnd;
    this.sEnd = this.tNext;
    this.sMaxComment = this.tMaxComment;
    this.sActive = this.tNext > this.tAbsorbEnd;
  }

  /** A block collection ends: it keeps the pending tail, or leaves it to its parent. */
  private closeBlock(node: unknown, start: number, indent: number, end: number): void {
    if (this.sActive && indent !== 0 && this.sMaxComment >= indent) {
      this.vEnd = this.sEnd;
      this.sActive = false;
    } else {
      this.vEnd = end;
    }
    if (!this.plain) (node as YAMLMap | YAMLSeq).range = [start, end, this.vEnd];
  }

  /** Moves the end (range[2]) of the value just finished. */
  private setEnd(node: unknown, end: number): void {
    this.vEnd = end;
    if (!this.plain) (node as Node).range![2] = end;
  }

  // -------------------------------------------------------------------------------------------
  // values of either mode

  /** A plain scalar: its node, or in plain mode its resolved value. */
  private plainOf(str: string, start: number, end: number, nodeEnd: number): unknown {
    this.vEnd = nodeEnd;
    this.scalarRanges?.push([start, end]);
    return this.plain ? resolvePlain(str) : plainScalar(str, start, end, nodeEnd);
  }

  /** A quoted or block scalar: its node, or in plain mode the string. */
  private stringOf(value: string, type: Scalar.Type, start: number, end: number, nodeEnd: number): unknown {
    this.vEnd = nodeEnd;
    this.scalarRanges?.push([start, end]);
    return this.plain ? value : stringScalar(value, type, start, end, nodeEnd);
  }

  /** Adds a mapping entry to the scratch items: a Pair, or in plain mode the key and the value. */
  private pushPair(key: unknown, value: unknown): void {
    if (this.plain) {
      this.scratch[this.top++] = key;
      this.scratch[this.top++] = value;
    } else this.scratch[this.top++] = newPair(key, value);
  }

  /**
   * The mapping of the entries pushed since `base`: a YAMLMap, or in plain mode an object as
   * `toJS()` builds it (keys as strings, a later duplicate replacing the earlier value,
   * `__proto__` and other inherited names as own keys).
   */
  private mapOf(base: number, flow: boolean): unknown {
    const items = this.scratch;
    const top = this.top;
    this.top = base;
    if (this.plain) {
      const obj: Record<string, unknown> = {};
      // One bit per key for its length and first character: only a key whose bit is already set
      // can repeat one, and only then is the object asked whether it has that key.
      let signatures = 0;
      for (let i = base; i < top; i += 2) {
        const key = items[i];
        // toJS writes a null key as '': only node mode tells it from a key spelled so.
        if (key === null) fallback('null mapping key');
        const k = typeof key === 'string' ? key : String(key);
        if (!this.duplicateKeys) {
          const bit = 1 << ((k.length * 7 + k.charCodeAt(0)) & 31);
          if ((signatures & bit) !== 0 && Object.hasOwn(obj, k)) this.duplicateKeys = true;
          signatures |= bit;
        }
        // Assigning makes inherited names (`toString`) own properties, as toJS does, except
        // `__proto__`, whose setter would change the prototype instead.
        if (k === '__proto__') Object.defineProperty(obj, k, { value: items[i + 1], writable: true, enumerable: true, configurable: true });
        else obj[k] = items[i + 1];
      }
      return obj;
    }
    const map = newMap(this.schema);
    if (flow) map.flow = true;
    if (top > base) {
      if (!this.duplicateKeys && hasDuplicateKey(items, base, top)) this.duplicateKeys = true;
      map.items = items.slice(base, top) as Pair[];
    }
    return map;
  }

  /** The sequence of scratch[base..]: a YAMLSeq, or in plain mode an array. */
  private seqOf(base: number, flow: boolean): unknown {
    const top = this.top;
    this.top = base;
    const list = top > base ? this.scratch.slice(base, top) : [];
    if (this.plain) return list;
    const seq = newSeq(this.schema);
    if (flow) seq.flow = true;
    if (list.length) seq.items = list;
    return seq;
  }

  /**
   * The lexer's continuation rule for multi-line scalars: the line starting at `off` continues
   * when it is blank or indented at least `minIndent`. Returns where scanning resumes, or -1.
   */
  private continueScalar(off: number, minIndent: number): number {
    if (minIndent > 0) {
      const src = this.src;
      let k = 0;
      while (src.charCodeAt(off + k) === SPACE) k++;
      this.spacesAt = off;
      this.spaces = k;
      const c = src.charCodeAt(off + k);
      if (c === CR && src.charCodeAt(off + k + 1) === LF) return off + k + 1;
      return c === LF || k >= minIndent ? off + k : -1;
    }
    if (this.isMarker(off)) return -1;
    return off;
  }

  // -------------------------------------------------------------------------------------------
  // scalars

  /**
   * Scans a plain scalar from `start` (block or flow context) the way the lexer does; returns
   * the end of its last non-blank character. plainStopColon tells whether it stopped at a `:`
   * indicator.
   */
  private scanPlain(start: number, minIndent: number, inFlow: boolean): number {
    const len = this.len;
    let end = start;
    let i = start;
    let firstBreak = -1;
    this.plainStopColon = false;
    const src = this.src;
    while (i < len) {
      const c = src.charCodeAt(i);
      // Outside flow collections nothing above ':' ends a plain scalar.
      if (c > COLON && !inFlow) {
        end = ++i;
        continue;
      }
      if (c === COLON) {
        const n = this.src.charCodeAt(i + 1);
        if (isBlank(n) || (inFlow && isFlowIndicator(n))) {
          this.plainStopColon = true;
          break;
        }
        end = ++i;
      } else if (c === SPACE || c === TAB) {
        const n = this.src.charCodeAt(i + 1);
        if (n === HASH || (inFlow && isFlowIndicator(n))) break;
        i++;
      } else if (c === LF || c === CR) {
        const nl = c === CR ? i + 1 : i;
        const n = this.src.charCodeAt(nl + 1);
        if (n === HASH || (inFlow && isFlowIndicator(n))) break;
        const cs = this.continueScalar(nl + 1, minIndent);
        if (cs < 0) break;
        if (firstBreak === -1) firstBreak = nl;
        i = Math.max(nl + 1, cs - 1);
      } else if (inFlow && isFlowIndicator(c)) {
        break;
      } else {
        end = ++i;
      }
    }
    this.plainMulti = firstBreak !== -1 && firstBreak < end;
    return end;
  }

  private plainNode(start: number, end: number, nodeEnd: number): unknown {
    const str = this.plainMulti ? foldLines(this.text, start, end) : sliceShared(this.src, this.text, start, end);
    return this.plainOf(str, start, end, nodeEnd);
  }

  /** End (after the closing quote) of the quoted scalar at `start`; checks continuation lines. */
  private scanQuoted(start: number, minIndent: number): number {
    const src = this.src;
    const q = this.src.charCodeAt(start);
    let end: number;
    if (q === DQUOTE) {
      end = start;
      for (;;) {
        end = src.indexOf('"', end + 1);
        if (end === -1) fallback('unterminated double-quoted scalar');
        let b = 0;
        while (this.src.charCodeAt(end - 1 - b) === BACKSLASH) b++;
        if ((b & 1) === 0) break;
      }
    } else {
      end = start + 1;
      for (;;) {
        end = src.indexOf("'", end);
        if (end === -1) fallback('unterminated single-quoted scalar');
        if (this.src.charCodeAt(end + 1) !== SQUOTE) break;
        end += 2;
      }
    }
    let nl = src.indexOf('\n', start);
    while (nl !== -1 && nl < end) {
      const cs = this.continueScalar(nl + 1, minIndent);
      if (cs < 0) fallback('quoted scalar line not indented enough');
      nl = src.indexOf('\n', cs);
    }
    return end + 1;
  }

  private quotedNode(start: number, end: number, nodeEnd: number): unknown {
    return this.src.charCodeAt(start) === DQUOTE
      ? this.stringOf(doubleQuotedValue(this.text, start + 1, end - 1), Scalar.QUOTE_DOUBLE, start, end, nodeEnd)
      : this.stringOf(singleQuotedValue(this.text, start + 1, end - 1), Scalar.QUOTE_SINGLE, start, end, nodeEnd);
  }

  private hasLineBreak(from: number, to: number): boolean {
    const nl = this.src.indexOf('\n', from);
    return nl !== -1 && nl < to;
  }

  /** Whether the quoted scalar at `start` is an implicit key (`"a": ...`) on its line. */
  private quotedIsKey(start: number): boolean {
    const end = this.scanQuoted(start, 0);
    const j = this.skipBlanks(end);
    if (this.src.charCodeAt(j) !== COLON) return false;
    if (!isBlank(this.src.charCodeAt(j + 1))) fallback('quoted scalar followed by :');
    if (this.hasLineBreak(start, end)) fallback('multi-line implicit key');
    return true;
  }

  /** The `:` of an implicit key starting at `start` on this line, or -1 when it is no key. */
  private findKeyColon(start: number): number {
    if (start === this.keyFrom) return this.keyColon;
    const src = this.src;
    const len = this.len;
    let found = -1;
    for (let i = start; i < len; i++) {
      const c = src.charCodeAt(i);
      // Everything that matters here (: blank # line break) is at most ':'.
      if (c > COLON) continue;
      if (c === COLON) {
        if (isBlank(src.charCodeAt(i + 1))) {
          found = i;
          break;
        }
      } else if (c === SPACE || c === TAB) {
        if (src.charCodeAt(i + 1) === HASH) break;
      } else if (c === LF || c === CR) {
        break;
      }
    }
    this.keyFrom = start;
    this.keyColon = found;
    return found;
  }


  /** Block scalar with header at `h`; `parentIndent` is its collection's indent. */
  private blockScalar(h: number, parentIndent: number): unknown {
    const folded = this.src.charCodeAt(h) === GT;
    let i = h + 1;
    let chomp = 0;
    let explicit = 0;
    for (;;) {
      const c = this.src.charCodeAt(i);
      if (isBlank(c) || c === HASH) break;
      if ((c === DASH || c === 43) && chomp === 0) chomp = c;
      else if (c >= 49 && c <= 57 && explicit === 0) explicit = c - 48;
      else fallback('block scalar header');
      i++;
    }
    const j = this.skipBlanks(i);
    const c = this.src.charCodeAt(j);
    if (c === HASH) {
      if (j === i) fallback('comment without a blank before it');
    } else if (c !== LF && c !== CR && j < this.len) {
      fallback('content after a block scalar header');
    }
    const body = this.lineAfter(j);
    const end = this.blockScalarEnd(body, parentIndent + 1, explicit, chomp === 43);
    const value = blockScalarValue(this.text, body, end, folded, explicit, chomp, parentIndent);
    return this.stringOf(value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, h, end, end);
  }

  /** Where the lexer ends a block scalar body starting at `body` (start of a line or the end). */
  private blockScalarEnd(body: number, minIndent: number, explicit: number, keep: boolean): number {
    const src = this.src;
    const len = this.len;
    let nl = body - 1;
    let indent = 0;
    let i = body;
    for (; i < len; i++) {
      const c = this.src.charCodeAt(i);
      if (c === SPACE) indent++;
      else if (c === LF) {
        nl = i;
        indent = 0;
      } else if (c !== CR) break;
    }
    if (indent >= minIndent) {
      const contentIndent = explicit ? explicit - 1 + minIndent : indent;
      for (;;) {
        const cs = this.continueScalar(nl + 1, contentIndent);
        if (cs < 0) break;
        nl = src.indexOf('\n', cs);
        if (nl === -1) {
          nl = len;
          break;
        }
      }
    }
    let k = nl + 1;
    while (this.src.charCodeAt(k) === SPACE) k++;
    if (this.src.charCodeAt(k) === TAB) fallback('tab after a block scalar');
    if (!keep) {
      for (;;) {
        let b = nl - 1;
        let c = this.src.charCodeAt(b);
        if (c === CR) c = this.src.charCodeAt(--b);
        const last = b;
        while (c === SPACE) c = this.src.charCodeAt(--b);
        if (c === LF && b >= body && b + 1 + indent > last) nl = b;
        else break;
      }
    }
    return Math.min(nl + 1, len);
  }

  // -------------------------------------------------------------------------------------------
  // block collections

  private enter(): void {
    if (++this.depth > MAX_DEPTH) fallback('nesting too deep');
  }

  /**
   * A flow token value (scalar or flow collection) of the collection at `indent` just ended at
   * `end` (text position after its last character): rest of the line, absorbed comments, tail.
   */
  private afterFlowValue(node: unknown, end: number, indent: number): void {
    const next = this.restOfLine(end);
    this.scanTrivia(next, indent);
    this.setEnd(node, this.tAbsorbEnd);
    this.setTail();
  }

  /** Key at `pos` of a block mapping at `indent`: returns the key node, sets `after` past `:`. */
  private blockKey(pos: number): unknown {
    const c = this.src.charCodeAt(pos);
    if (c === DQUOTE || c === SQUOTE) {
      const end = this.scanQuoted(pos, 0);
      if (this.hasLineBreak(pos, end)) fallback('multi-line implicit key');
      const j = this.skipBlanks(end);
      if (this.src.charCodeAt(j) !== COLON || !isBlank(this.src.charCodeAt(j + 1))) fallback('mapping key without :');
      if (j - pos > 1024) fallback('implicit key over 1024 characters');
      this.after = j + 1;
      return this.quotedNode(pos, end, end);
    }
    if (badPlainStart(c) || ((c === DASH || c === QMARK || c === COLON) && isBlank(this.src.charCodeAt(pos + 1)))) fallback('unsupported mapping key');
    const colon = this.findKeyColon(pos);
    if (colon < 0) fallback('mapping key without :');
    if (colon - pos > 1024) fallback('implicit key over 1024 characters');
    let end = colon;
    while (this.src.charCodeAt(end - 1) === SPACE || this.src.charCodeAt(end - 1) === TAB) end--;
    if (end - pos === 2 && this.src.charCodeAt(pos) === 60 && this.src.charCodeAt(pos + 1) === 60) fallback('merge key');
    this.after = colon + 1;
    return this.plainOf(sliceShared(this.src, this.text, pos, end), pos, end, end);
  }

  private blockMap(indent: number, first: number): unknown {
    this.enter();
    const base = this.top;
    let pos = first;
    let end: number;
    for (;;) {
      const key = this.blockKey(pos);
      const vp = this.skipBlanks(this.after);
      const c = this.src.charCodeAt(vp);
      let value: unknown;
      if (c === HASH || c === LF || c === CR || vp >= this.len) {
        if (c === HASH && vp === this.after) fallback('comment without a blank before it');
        const lineNext = this.lineAfter(vp);
        this.scanTrivia(lineNext, NO_ABSORB);
        this.sActive = false;
        if (this.tKind === CONTENT && this.tIndent > indent) {
          value = this.valueOnOwnLine(indent, Math.min(indent + 1, this.tLowIndent));
        } else if (this.tKind === CONTENT && this.tIndent === indent && this.src.charCodeAt(this.tNext) === DASH && isBlank(this.src.charCodeAt(this.tNext + 1))) {
          value = this.blockSeq(indent, this.tNext);
        } else {
          value = this.emptyMapValue(vp, indent, c === HASH, lineNext);
        }
      } else {
        value = this.valueOnKeyLine(vp, indent);
      }
      this.pushPair(key, value);
      end = this.vEnd;
      if (this.tKind !== CONTENT || this.tIndent < indent) break;
      if (this.tIndent > indent) fallback('unexpected indentation in a mapping');
      if (this.src.charCodeAt(this.tNext) === DASH && isBlank(this.src.charCodeAt(this.tNext + 1))) fallback('sequence after a mapping value');
      pos = this.tNext;
      this.sActive = false;
    }
    const map = this.mapOf(base, false);
    this.closeBlock(map, first, indent, end);
    this.depth--;
    return map;
  }

  /**
   * Null value of `key:` with nothing after it: at `p`, after the `:` and its blanks. When the
   * trivia up to the next content holds a comment, the node reaches over it; before a next key
   * of the same mapping `yaml` leaves the part from the second line break after the last comment
   * deeper than the mapping to that key.
   */
  private emptyMapValue(p: number, indent: number, lineComment: boolean, trivia: number): unknown {
    let hasComment = lineComment;
    let end: number;
    if (this.tKind === CONTENT && this.tIndent === indent) {
      // Lines between `key:` and the next key: find the last one with a deeper comment.
      const stop = this.tNext - indent;
      let deep = -1;
      let index = 0;
      for (let ls = trivia; ls < stop; ls = this.lineAfter(ls)) {
        index++;
        const j = this.skipBlanks(ls);
        if (this.src.charCodeAt(j) === HASH && this.indentAt(ls) > indent) deep = index;
      }
      const splitLine = deep === -1 ? 1 : deep + 1;
      end = this.tNext;
      index = 0;
      for (let ls = trivia; ls < stop; ls = this.lineAfter(ls)) {
        index++;
        const j = this.skipBlanks(ls);
        if (this.src.charCodeAt(j) === HASH) hasComment = true;
        if (index === splitLine) {
          end = this.lineContentEnd(ls);
          // Ending on blanks with a tab is a TAB_AS_INDENT error in `yaml`.
          if (this.hasTab(ls, end) && this.src.charCodeAt(j) !== HASH) fallback('tab in blank line');
          break;
        }
      }
    } else {
      hasComment ||= this.tMaxComment >= 0;
      end = this.tNext;
    }
    return this.plainOf('', p, p, hasComment ? end : p);
  }

  private indentAt(ls: number): number {
    let k = ls;
    while (this.src.charCodeAt(k) === SPACE) k++;
    return k - ls;
  }

  /**
   * Value starting at `vp` on the line of its key or `-` indicator; `parentIndent` is the
   * indent of the collection holding it.
   */
  private valueOnKeyLine(vp: number, parentIndent: number): unknown {
    const c = this.src.charCodeAt(vp);
    const minIndent = parentIndent + 1;
    if (c === PIPE || c === GT) {
      const node = this.blockScalar(vp, parentIndent);
      this.scanTrivia(this.vEnd, NO_ABSORB);
      this.setTail();
      return node;
    }
    if (c === DQUOTE || c === SQUOTE) {
      const end = this.scanQuoted(vp, minIndent);
      const node = this.quotedNode(vp, end, end);
      this.afterFlowValue(node, end, parentIndent);
      return node;
    }
    if (c === LBRACKET || c === LBRACE) {
      const node = this.flow(vp, minIndent, 1);
      this.afterFlowValue(node, this.after, parentIndent);
      return node;
    }
    if (badPlainStart(c) || ((c === DASH || c === QMARK || c === COLON) && isBlank(this.src.charCodeAt(vp + 1)))) fallback('unsupported value');
    const end = this.scanPlain(vp, minIndent, false);
    if (this.plainStopColon) fallback('mapping in a plain value');
    const node = this.plainNode(vp, end, end);
    this.afterFlowValue(node, end, parentIndent);
    return node;
  }

  /** Value on its own line at tNext, deeper than its collection at `parentIndent`. */
  private valueOnOwnLine(parentIndent: number, minIndent: number): unknown {
    const p = this.tNext;
    const m = this.tIndent;
    const c = this.src.charCodeAt(p);
    if (c === DASH && isBlank(this.src.charCodeAt(p + 1))) return this.blockSeq(m, p);
    if (c === DQUOTE || c === SQUOTE) {
      if (this.quotedIsKey(p)) return this.blockMap(m, p);
      const end = this.scanQuoted(p, minIndent);
      const node = this.quotedNode(p, end, end);
      this.afterFlowValue(node, end, parentIndent);
      return node;
    }
    if (c === LBRACKET || c === LBRACE) {
      const node = this.flow(p, minIndent, 1);
      this.afterFlowValue(node, this.after, parentIndent);
      return node;
    }
    if (badPlainStart(c) || ((c === QMARK || c === COLON) && isBlank(this.src.charCodeAt(p + 1)))) fallback('unsupported value');
    if (this.findKeyColon(p) >= 0) return this.blockMap(m, p);
    const end = this.scanPlain(p, minIndent, false);
    if (this.plainStopColon) fallback('mapping in a plain value');
    const node = this.plainNode(p, end, end);
    this.afterFlowValue(node, end, parentIndent);
    return node;
  }

  private blockSeq(indent: number, first: number): unknown {
    this.enter();
    const base = this.top;
    let dash = first;
    let commentBefore = false;
    let end: number;
    for (;;) {
      let vp = dash + 1;
      let tab = false;
      for (let d = this.src.charCodeAt(vp); d === SPACE || d === TAB; d = this.src.charCodeAt(++vp)) tab ||= d === TAB;
      const c = this.src.charCodeAt(vp);
      let value: unknown;
      // A tab after `-` is fine before a comment or the line end only (else: indentation).
      if (tab && c !== HASH && c !== LF && c !== CR && vp < this.len) fallback('tab after -');
      if (c === HASH || c === LF || c === CR || vp >= this.len) {
        const lineNext = this.lineAfter(vp);
        this.scanTrivia(lineNext, NO_ABSORB);
        this.sActive = false;
        if (this.tKind === CONTENT && this.tIndent > indent) {
          value = this.valueOnOwnLine(indent, Math.min(indent + 1, this.tLowIndent));
        } else {
          // Empty item: with a comment before its `-` or after it, it reaches to the next content.
          const hasComment = commentBefore || c === HASH || this.tMaxComment >= 0;
          value = this.plainOf('', vp, vp, hasComment ? this.tNext : vp);
        }
      } else if (c === DASH && isBlank(this.src.charCodeAt(vp + 1))) {
        return fallback('nested sequence on one line');
      } else if (c === DQUOTE || c === SQUOTE) {
        value = this.quotedIsKey(vp) ? this.blockMap(vp - (dash - indent), vp) : this.valueOnKeyLine(vp, indent);
      } else if (c === LBRACKET || c === LBRACE || c === PIPE || c === GT) {
        value = this.valueOnKeyLine(vp, indent);
      } else {
        if (badPlainStart(c) || ((c === QMARK || c === COLON) && isBlank(this.src.charCodeAt(vp + 1)))) fallback('unsupported sequence item');
        value = this.findKeyColon(vp) >= 0 ? this.blockMap(vp - (dash - indent), vp) : this.valueOnKeyLine(vp, indent);
      }
      this.scratch[this.top++] = value;
      end = this.vEnd;
      if (this.tKind !== CONTENT || this.tIndent < indent) break;
      const next = this.tNext;
      const isItem = this.src.charCodeAt(next) === DASH && isBlank(this.src.charCodeAt(next + 1));
      if (this.tIndent > indent) fallback('unexpected indentation in a sequence');
      if (!isItem) break;
      commentBefore = this.sActive && this.sMaxComment >= 0;
      this.sActive = false;
      dash = next;
    }
    const seq = this.seqOf(base, false);
    this.closeBlock(seq, first, indent, end);
    this.depth--;
    return seq;
  }

  // -------------------------------------------------------------------------------------------
  // flow collections

  /**
   * Skips blanks, line breaks and comments inside a flow collection at nesting `level`,
   * checking the lexer's indentation rule for each new line. Returns the next token's position.
   */
  private flowSpace(i: number, minIndent: number, level: number): number {
    let blank = false;
    for (;;) {
      const c = this.src.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        blank = true;
        i++;
      } else if (c === LF || c === CR) {
        i = this.lineAfter(i);
        blank = true;
        let k = i;
        while (this.src.charCodeAt(k) === SPACE) k++;
        const j = this.skipBlanks(k);
        const d = this.src.charCodeAt(j);
        if (d === LF || d === CR || j >= this.len || d === HASH) {
          i = j;
          continue;
        }
        const indent = k - i;
        if (indent < minIndent || (indent === 0 && this.isMarker(j))) {
          const flowEnd = indent === minIndent - 1 && level === 1 && (d === RBRACKET || d === RBRACE);
          if (!flowEnd) fallback('flow collection line not indented enough');
        }
        i = j;
      } else if (c === HASH) {
        if (!blank) fallback('comment without a blank before it');
        i = this.lineContentEnd(i);
      } else {
        return i;
      }
    }
  }

  /** Flow collection opening at `open`; sets `after` past its closing bracket. */
  private flow(open: number, minIndent: number, level: number): unknown {
    this.enter();
    const isMap = this.src.charCodeAt(open) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const base = this.top;
    let i = this.flowSpace(open + 1, minIndent, level);
    if (this.src.charCodeAt(i) !== close) {
      for (;;) {
        let node: unknown;
        if (isMap) {
          const key = this.flowKey(i, minIndent);
          const v = this.flowSpace(this.after, minIndent, level);
          const vc = this.src.charCodeAt(v);
          if (vc === COMMA || vc === RBRACE) fallback('flow mapping key without value');
          node = this.flowNode(v, minIndent, level);
          this.pushPair(key, node);
        } else {
          node = this.flowNode(i, minIndent, level);
          this.scratch[this.top++] = node;
        }
        const j = this.flowSpace(this.after, minIndent, level);
        // A sequence item keeps all trivia up to the next `,` or `]`; a mapping value (which
        // `yaml` parses as a line-ending token) only up to the end of its line.
        const nl = isMap ? this.src.indexOf('\n', this.after) : -1;
        this.setEnd(node, nl !== -1 && nl < j ? nl + 1 : j);
        // A comment in column 0 then starts the next mapping item without a blank before it.
        if (nl !== -1 && nl < j && this.src.charCodeAt(nl + 1) === HASH) fallback('comment in column 0 after a flow mapping value');
        const c = this.src.charCodeAt(j);
        if (c === close) {
          i = j;
          break;
        }
        if (c !== COMMA) fallback(c === COLON ? 'pair in a flow sequence' : 'unexpected token in a flow collection');
        i = this.flowSpace(j + 1, minIndent, level);
        const d = this.src.charCodeAt(i);
        if (d === close || d === COMMA) fallback('empty item in a flow collection');
      }
    }
    const coll = isMap ? this.mapOf(base, true) : this.seqOf(base, true);
    this.vEnd = i + 1;
    if (!this.plain) (coll as YAMLMap | YAMLSeq).range = [open, i + 1, i + 1];
    this.after = i + 1;
    this.depth--;
    return coll;
  }

  /** Key of a flow mapping pair at `i`; sets `after` past its `:`. */
  private flowKey(i: number, minIndent: number): unknown {
    const c = this.src.charCodeAt(i);
    let end: number;
    let node: unknown;
    if (c === DQUOTE || c === SQUOTE) {
      end = this.scanQuoted(i, minIndent);
      if (this.hasLineBreak(i, end)) fallback('multi-line flow key');
      node = this.quotedNode(i, end, end);
      const j = this.skipBlanks(end);
      if (this.src.charCodeAt(j) !== COLON) fallback('flow mapping key without :');
      this.after = j + 1;
      return node;
    }
    if (badPlainStart(c) || ((c === DASH || c === QMARK || c === COLON) && (isBlank(this.src.charCodeAt(i + 1)) || isFlowIndicator(this.src.charCodeAt(i + 1))))) {
      fallback('unsupported flow key');
    }
    end = this.scanPlain(i, minIndent, true);
    if (!this.plainStopColon || this.hasLineBreak(i, end)) fallback('flow mapping key without :');
    const j = this.skipBlanks(end);
    if (this.src.charCodeAt(j) !== COLON || !isBlank(this.src.charCodeAt(j + 1))) fallback('flow mapping key without :');
    this.after = j + 1;
    return this.plainOf(sliceShared(this.src, this.text, i, end), i, end, end);
  }

  /** Value in a flow collection at `i`; sets `after` past it. */
  private flowNode(i: number, minIndent: number, level: number): unknown {
    const c = this.src.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) return this.flow(i, minIndent, level + 1);
    if (c === DQUOTE || c === SQUOTE) {
      const end = this.scanQuoted(i, minIndent);
      this.after = end;
      return this.quotedNode(i, end, end);
    }
    if (badPlainStart(c) || ((c === DASH || c === QMARK || c === COLON) && (isBlank(this.src.charCodeAt(i + 1)) || isFlowIndicator(this.src.charCodeAt(i + 1))))) {
      fallback('unsupported flow value');
    }
    const end = this.scanPlain(i, minIndent, true);
    if (this.plainStopColon) fallback('pair in a flow collection');
    this.after = end;
    return this.plainNode(i, end, end);
  }
}

/**
 * Scalar values for the fast YAML parser (fast-yaml.ts): how `yaml` 2.x with its default
 * YAML 1.2 core schema turns plain, quoted and block scalar source into values. Every function
 * here either returns exactly what `yaml` would, or throws FastYamlFallback where `yaml` would
 * report an error (the caller then parses with `yaml` itself).
 */
import { Scalar } from 'yaml';
import { newScalar } from './fast-yaml-nodes';

/** Thrown anywhere inside the fast parser to hand the text over to `yaml`. */
export class FastYamlFallback {
  constructor(readonly reason: string) {}
}

export function fallback(reason: string): never {
  throw new FastYamlFallback(reason);
}

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;

/** Space, tab, line break or end of text (NaN): what the YAML lexer calls an empty character. */
export function isBlank(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB || c !== c;
}

// ---------------------------------------------------------------------------------------------
// short strings

/**
 * Keys and short values repeat a lot (`name`, `image`, `TCP`, `true`): a small direct-mapped
 * cache hands out one string per spelling instead of a fresh copy each time. Only strings
 * shorter than V8's sliced-string minimum (13) are cached, so no cached string keeps a whole
 * source text alive.
 */
const INTERN_MAX = 12;
const INTERN_SIZE = 4096; // 2 ** 12: the top 12 bits of the hash
const internTable: string[] = new Array<string>(INTERN_SIZE).fill('');

/** `text.slice(from, to)`, shared when short; `scan` has the same characters as `text`. */
export function sliceShared(scan: string, text: string, from: number, to: number): string {
  const len = to - from;
  if (len > INTERN_MAX || len <= 0) return text.slice(from, to);
  // Length and a few characters pick the slot; a hit is confirmed character by character.
  const h = Math.imul(len ^ (scan.charCodeAt(from) << 5) ^ (scan.charCodeAt(to - 1) << 10) ^ (scan.charCodeAt(from + (len >> 1)) << 15) ^ ((len > 1 ? scan.charCodeAt(from + 1) : 0) << 20), 0x9e3779b1);
  const slot = h >>> 20;
  const cached = internTable[slot];
  if (cached.length === len && scan.startsWith(cached, from)) return cached;
  const str = text.slice(from, to);
  internTable[slot] = str;
  return str;
}

// ---------------------------------------------------------------------------------------------
// plain scalars: core schema tag resolution

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isOctal(c: number): boolean {
  return c >= 48 && c <= 55;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function allMatch(str: string, from: number, test: (c: number) => boolean): boolean {
  if (from >= str.length) return false;
  for (let i = from; i < str.length; i++) if (!test(str.charCodeAt(i))) return false;
  return true;
}

/** Number kinds of the YAML 1.2 core schema as `yaml` tells them apart. */
const NOT_A_NUMBER = 0;
const INT = 1; // [-+]?digits
const INT_OCT = 2; // 0o + octal digits
const INT_HEX = 3; // 0x + hex digits
const INF_NAN = 4; // [-+]?.inf (any of 3 spellings), .nan (3 spellings, unsigned)
const FLOAT_EXP = 5; // [-+]? (.digits | digits[.digits?]) e [-+]? digits
const FLOAT = 6; // [-+]? (.digits | digits.digits?)

function numberKind(str: string): number {
  const n = str.length;
  if (n > 2 && str.charCodeAt(0) === 48) {
    const c1 = str.charCodeAt(1);
    if (c1 === 111) return allMatch(str, 2, isOctal) ? INT_OCT : NOT_A_NUMBER;
    if (c1 === 120) return allMatch(str, 2, isHexDigit) ? INT_HEX : NOT_A_NUMBER;
  }
  let i = 0;
  let c = str.charCodeAt(0);
  if (c === 43 || c === 45) c = str.charCodeAt(++i);
  if (c === 46 && n - i === 4) {
    const word = str.slice(i + 1);
    if (word === 'inf' || word === 'Inf' || word === 'INF') return INF_NAN;
    if (i === 0 && (word === 'nan' || word === 'NaN' || word === 'NAN')) return INF_NAN;
  }
  let intDigits = 0;
  while (isDigit(str.charCodeAt(i))) {
    i++;
    intDigits++;
  }
  let fracDigits = -1; // no dot
  if (str.charCodeAt(i) === 46) {
    i++;
    fracDigits = 0;
    while (isDigit(str.charCodeAt(i))) {
      i++;
      fracDigits++;
    }
  }
  const mantissa = intDigits > 0 || fracDigits > 0;
  if (i === n) return !mantissa ? NOT_A_NUMBER : fracDigits === -1 ? INT : FLOAT;
  c = str.charCodeAt(i);
  if (!mantissa || (c !== 101 && c !== 69)) return NOT_A_NUMBER;
  c = str.charCodeAt(++i);
  if (c === 43 || c === 45) i++;
  return allMatch(str, i, isDigit) ? FLOAT_EXP : NOT_A_NUMBER;
}

/** What resolvePlain found besides the value: the number format and float digits a node keeps. */
let resolvedFormat: string | undefined;
let resolvedMinFractionDigits: number | undefined;

/**
 * The value of a plain scalar as `yaml` resolves it: by the first matching core schema tag
 * (null, bool, int in base 8/10/16, .inf/.nan, float with exponent, float), else the string.
 * Leaves the number format (and a float's trailing-zero count) in resolvedFormat and
 * resolvedMinFractionDigits for plainScalar.
 */
export function resolvePlain(str: string): unknown {
  resolvedFormat = undefined;
  resolvedMinFractionDigits = undefined;
  const c = str.charCodeAt(0);
  // Letters other than n/N/t/T/f/F cannot begin a null, bool or number: the common case.
  if (c >= 97 ? c !== 110 && c !== 116 && c !== 102 && c !== 126 : c >= 65 ? c !== 78 && c !== 84 && c !== 70 : false) return str;
  if (str.length === 0) return null;
  if (c === 110 || c === 78 || c === 126) return str === 'null' || str === 'Null' || str === 'NULL' || str === '~' ? null : str;
  if (c === 116 || c === 84) return str === 'true' || str === 'True' || str === 'TRUE' ? true : str;
  if (c === 102 || c === 70) return str === 'false' || str === 'False' || str === 'FALSE' ? false : str;
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return str;
  switch (numberKind(str)) {
    case INT:
      return parseInt(str, 10);
    case INT_OCT:
      resolvedFormat = 'OCT';
      return parseInt(str.substring(2), 8);
    case INT_HEX:
      resolvedFormat = 'HEX';
      return parseInt(str.substring(2), 16);
    case INF_NAN: {
      const last = str.charCodeAt(str.length - 1);
      return last === 110 || last === 78 ? NaN : str.charCodeAt(0) === 45 ? -Infinity : Infinity;
    }
    case FLOAT_EXP:
      resolvedFormat = 'EXP';
      return parseFloat(str);
    case FLOAT:
      // A float written with trailing zeros keeps their count (stringifying uses it).
      if (str.charCodeAt(str.length - 1) === 48) resolvedMinFractionDigits = str.length - str.indexOf('.') - 1;
      return parseFloat(str);
    default:
      return str;
  }
}

/** A plain scalar node as `yaml` composes it; properties are created in the order `yaml` creates them. */
export function plainScalar(str: string, start: number, end: number, nodeEnd: number): Scalar {
  const node = newScalar(resolvePlain(str));
  if (resolvedMinFractionDigits !== undefined) node.minFractionDigits = resolvedMinFractionDigits;
  node.range = [start, end, nodeEnd];
  node.source = str;
  node.type = Scalar.PLAIN;
  if (resolvedFormat !== undefined) node.format = resolvedFormat;
  return node;
}

/** A string scalar (quoted or block): no tag resolution, source is the value. */
export function stringScalar(value: string, type: Scalar.Type, start: number, end: number, nodeEnd: number): Scalar {
  const node = newScalar(value);
  node.range = [start, end, nodeEnd];
  node.source = value;
  node.type = type;
  return node;
}

// ---------------------------------------------------------------------------------------------
// line folding of multi-line plain and single-quoted scalars

function isSpaceOrTab(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * Folds `text[from, to)` across line breaks: the first line loses trailing blanks, inner lines
 * lose blanks on both sides, the last line loses leading blanks; a single break becomes a
 * space, n empty lines in a row become n newlines.
 */
export function foldLines(text: string, from: number, to: number): string {
  let nl = text.indexOf('\n', from);
  if (nl === -1 || nl >= to) return text.slice(from, to);
  let lineEnd = nl > from && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
  let e = lineEnd;
  while (e > from && isSpaceOrTab(text.charCodeAt(e - 1))) e--;
  let out = text.slice(from, e);
  let sep = ' ';
  let lineStart = nl + 1;
  for (;;) {
    nl = text.indexOf('\n', lineStart);
    if (nl === -1 || nl >= to) break;
    lineEnd = nl > lineStart && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    let s = lineStart;
    while (s < lineEnd && isSpaceOrTab(text.charCodeAt(s))) s++;
    e = lineEnd;
    while (e > s && isSpaceOrTab(text.charCodeAt(e - 1))) e--;
    if (s === e) {
      if (sep === '\n') out += '\n';
      else sep = '\n';
    } else {
      out += sep + text.slice(s, e);
      sep = ' ';
    }
    lineStart = nl + 1;
  }
  let s = lineStart;
  while (s < to && isSpaceOrTab(text.charCodeAt(s))) s++;
  return out + sep + text.slice(s, to);
}

/** Value of a single-quoted scalar whose content (without the quotes) is `text[from, to)`. */
export function singleQuotedValue(text: string, from: number, to: number): string {
  let plain = true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === 39) {
      plain = false;
      break;
    }
  }
  if (plain) return sliceShared(text, text, from, to);
  const folded = foldLines(text, from, to);
  return folded.indexOf("''") === -1 ? folded : folded.split("''").join("'");
}

// ---------------------------------------------------------------------------------------------
// double-quoted scalars

const ESCAPES: Record<number, string> = {
  48: '\0', // 0
  97: '\x07', // a
  98: '\b', // b
  101: '\x1b', // e
  102: '\f', // f
  110: '\n', // n
  114: '\r', // r
  116: '\t', // t
  118: '\v', // v
  78: '\u0085', // N
  95: '\u00a0', // _
  76: '\u2028', // L
  80: '\u2029', // P
  32: ' ',
  34: '"',
  47: '/',
  92: '\\',
  9: '\t',
};

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * Value of a double-quoted scalar whose content (without the quotes) is `text[from, to)`:
 * escapes, folded line breaks, blanks before a line break dropped. Invalid escapes fall back.
 */
export function doubleQuotedValue(text: string, from: number, to: number): string {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 92 || c === LF || c === CR) break;
    i++;
  }
  if (i === to) return sliceShared(text, text, from, to);
  i = from;
  let out = '';
  let run = from; // start of the pending verbatim run
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      out += text.slice(run, i);
      const n = text.charCodeAt(i + 1);
      const simple = ESCAPES[n];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (n === LF || (n === CR && text.charCodeAt(i + 2) === LF)) {
        i += n === CR ? 3 : 2;
        while (i < to && isSpaceOrTab(text.charCodeAt(i))) i++;
      } else if (n === 120 || n === 117 || n === 85) {
        const len = n === 120 ? 2 : n === 117 ? 4 : 8;
        const start = i + 2;
        if (start + len > to) fallback('bad escape in double-quoted scalar');
        for (let k = start; k < start + len; k++) if (!isHex(text.charCodeAt(k))) fallback('bad escape in double-quoted scalar');
        const code = parseInt(text.slice(start, start + len), 16);
        if (code > 0x10ffff) fallback('bad escape in double-quoted scalar');
        out += String.fromCodePoint(code);
        i = start + len;
      } else {
        fallback('bad escape in double-quoted scalar');
      }
      run = i;
    } else if (c === LF || c === CR) {
      // A line break folds with the blank lines and indentation after it.
      out += text.slice(run, i);
      i += c === CR ? 2 : 1;
      let breaks = 0;
      for (;;) {
        const d = text.charCodeAt(i);
        if (d === SPACE || d === TAB) i++;
        else if (d === LF) {
          breaks++;
          i++;
        } else if (d === CR && text.charCodeAt(i + 1) === LF) {
          breaks++;
          i += 2;
        } else break;
      }
      out += breaks === 0 ? ' ' : '\n'.repeat(breaks);
      run = i;
    } else if (c === SPACE || c === TAB) {
      // Blanks right before a line break are dropped.
      let j = i + 1;
      while (j < to && isSpaceOrTab(text.charCodeAt(j))) j++;
      const d = text.charCodeAt(j);
      if (j < to && (d === LF || (d === CR && text.charCodeAt(j + 1) === LF))) {
        out += text.slice(run, i);
        run = j;
      }
      i = j;
    } else {
      i++;
    }
  }
  return out + text.slice(run, to);
}

// ---------------------------------------------------------------------------------------------
// block scalars

/**
 * Value of a block scalar whose body (the lines after the header line) is `text[from, to)`.
 * `trimIndent` starts as the parent collection's indent plus the explicit indentation indicator.
 */
export function blockScalarValue(text: string, from: number, to: number, folded: boolean, explicitIndent: number, chomp: number, parentIndent: number): string {
  // Lines as [start of indentation, start of content, end of content (before \n)]: only spaces
  // count as indentation; a \r before the \n stays part of the content, as in `yaml`.
  const starts: number[] = [];
  const contents: number[] = [];
  const ends: number[] = [];
  if (to > from) {
    let ls = from;
    for (;;) {
      let cs = ls;
      while (cs < to && text.charCodeAt(cs) === SPACE) cs++;
      let nl = text.indexOf('\n', cs);
      if (nl === -1 || nl >= to) nl = to;
      starts.push(ls);
      contents.push(cs);
      ends.push(nl);
      if (nl >= to) break;
      ls = nl + 1;
    }
  }
  const count = starts.length;
  const lines: BlockLines = { text, starts, contents, ends };

  let chompStart = count;
  for (let i = count - 1; i >= 0; i--) {
    if (isEmptyLine(lines, i)) chompStart = i;
    else break;
  }
  if (chompStart === 0) return chomp === 43 && count > 0 ? '\n'.repeat(Math.max(1, count - 1)) : '';

  let trimIndent = parentIndent + explicitIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; i++) {
    if (isEmptyLine(lines, i)) {
      if (explicitIndent === 0 && indentOf(lines, i) > trimIndent) trimIndent = indentOf(lines, i);
    } else {
      if (indentOf(lines, i) < trimIndent) fallback('block scalar with more-indented leading empty lines');
      if (explicitIndent === 0) trimIndent = indentOf(lines, i);
      contentStart = i;
      if (trimIndent === 0) fallback('block scalar not indented');
      break;
    }
  }
  for (let i = count - 1; i >= chompStart; i--) {
    if (indentOf(lines, i) > trimIndent) {
      chompStart = i + 1;
      break;
    }
  }

  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; i++) value += extraIndent(lines, i, trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; i++) {
    let contentEnd = ends[i];
    if (contentEnd > contents[i] && text.charCodeAt(contentEnd - 1) === CR) contentEnd--;
    const hasContent = contentEnd > contents[i];
    if (hasContent && indentOf(lines, i) < trimIndent) fallback('block scalar line less indented than the first');
    if (!folded) {
      value += sep + extraIndent(lines, i, trimIndent) + text.slice(contents[i], contentEnd);
      sep = '\n';
    } else if (indentOf(lines, i) > trimIndent || text.charCodeAt(contents[i]) === TAB) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + extraIndent(lines, i, trimIndent) + text.slice(contents[i], contentEnd);
      sep = '\n';
      prevMoreIndented = true;
    } else if (!hasContent) {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + text.slice(contents[i], contentEnd);
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === 43) {
    for (let i = chompStart; i < count; i++) value += '\n' + extraIndent(lines, i, trimIndent);
    if (value.charCodeAt(value.length - 1) !== LF) value += '\n';
  } else if (chomp !== 45) {
    value += '\n';
  }
  return value;
}

/** The lines of a block scalar's body: where each one's indentation, content and end are. */
interface BlockLines {
  text: string;
  starts: number[];
  contents: number[];
  ends: number[];
}

// Module functions rather than closures per call: V8 keeps their optimized code across collections.
function isEmptyLine(b: BlockLines, i: number): boolean {
  return b.ends[i] === b.contents[i] || (b.ends[i] === b.contents[i] + 1 && b.text.charCodeAt(b.contents[i]) === CR);
}

function indentOf(b: BlockLines, i: number): number {
  return b.contents[i] - b.starts[i];
}

/** Indentation beyond trimIndent is content; it is all spaces, so slicing the text is exact. */
function extraIndent(b: BlockLines, i: number, trimIndent: number): string {
  return indentOf(b, i) > trimIndent ? b.text.slice(b.starts[i] + trimIndent, b.contents[i]) : '';
}

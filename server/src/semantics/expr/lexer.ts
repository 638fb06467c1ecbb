/**
 * Tokenizer for the expr-lang language (github.com/expr-lang/expr v1.17.8, the engine behind
 * Argo Rollouts' successCondition / failureCondition; argo-rollouts.md §2.2).
 *
 * Offsets are indexes into the JavaScript string (UTF-16 code units), so a token maps straight
 * back onto the YAML scalar's value text. The token kinds and their printed form follow expr's,
 * because its parse errors print tokens (`unexpected token Bracket(")")`).
 */

export type TokenKind = 'Identifier' | 'Number' | 'String' | 'Bytes' | 'Operator' | 'Bracket' | 'EOF';

export interface Token {
  kind: TokenKind;
  /** Source text for identifiers, numbers, operators and brackets; the decoded value for strings. */
  value: string;
  start: number;
  end: number;
}

export interface ExprSyntaxError {
  message: string;
  start: number;
  end: number;
}

/** Words the lexer turns into operators (they cannot be used as variable names). */
const WORD_OPERATORS = new Set(['in', 'or', 'and', 'matches', 'contains', 'startsWith', 'endsWith', 'let', 'if', 'else']);
/** Operators that may follow `not`. */
export const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
// ASCII is decided without the Unicode-class regexps (compiled again after V8 drops their code).
const isAsciiLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** Letters, `_` and `$` start a name (expr's utils.IsAlphabetic). */
export const isAlphabetic = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return isAsciiLetter(code) || c === '_' || c === '$';
  return LETTER.test(c);
};
export const isAlphaNumeric = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return isAsciiLetter(code) || (code >= 48 && code <= 57) || c === '_' || c === '$';
  return LETTER.test(c) || DIGIT.test(c);
};
const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);

/** How expr prints a token in messages: `Kind("value")`, or the kind alone when it has no text. */
export function tokenText(t: Token): string {
  return t.value === '' && t.kind === 'EOF' ? 'EOF' : `${t.kind}(${JSON.stringify(t.value)})`;
}

/** Go's %#U: `U+0040 '@'`. */
function goRune(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

class LexError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/**
 * Splits `src` into tokens, ending with an EOF token. Stops at the first lexical error, which it
 * returns with the tokens read so far (expr reports only the first error).
 */
export function tokenize(src: string): { tokens: Token[]; error?: ExprSyntaxError } {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, start: number, end = i) => tokens.push({ kind, value, start, end });
  // Go reads by runes; an astral character is two code units here.
  const charAt = (at: number): string | undefined => {
    if (at >= src.length) return undefined;
    const cp = src.codePointAt(at)!;
    return String.fromCodePoint(cp);
  };
  try {
    while (i < src.length) {
      const start = i;
      const c = src[i];
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        i = scanQuoted(src, i + 1, c);
        push('String', decodeQuoted(src.slice(start + 1, i - 1)), start);
        continue;
      }
      if (c === '`') {
        i = scanRaw(src, i + 1);
        push('String', src.slice(start + 1, i - 1).replace(/``/g, '`'), start);
        continue;
      }
      if ((c === 'b' || c === 'B') && (src[i + 1] === '"' || src[i + 1] === "'")) {
        i = scanQuoted(src, i + 2, src[i + 1]);
        push('Bytes', decodeQuoted(src.slice(start + 2, i - 1)), start);
        continue;
      }
      if (isDigit(c) || (c === '.' && isDigit(src[i + 1]))) {
        i = scanNumber(src, i);
        push('Number', src.slice(start, i), start);
        continue;
      }
      if (c === '.') {
        i += src[i + 1] === '.' ? 2 : 1;
        push('Operator', src.slice(start, i), start);
        continue;
      }
      if (c === '?') {
        i += src[i + 1] === '.' || src[i + 1] === '?' ? 2 : 1;
        push('Operator', src.slice(start, i), start);
        continue;
      }
      if (c === '/') {
        if (src[i + 1] === '/') {
          const nl = src.indexOf('\n', i);
          i = nl === -1 ? src.length : nl + 1;
          continue;
        }
        if (src[i + 1] === '*') {
          const close = src.indexOf('*/', i + 2);
          if (close === -1) throw new LexError('unclosed comment', src.length - 1, src.length);
          i = close + 2;
          continue;
        }
        i++;
        push('Operator', '/', start);
        continue;
      }
      if (c === '#') {
        i++;
        push('Operator', '#', start);
        const nameStart = i;
        while (i < src.length && isAlphaNumeric(charAt(i))) i += charAt(i)!.length;
        if (i > nameStart) push('Identifier', src.slice(nameStart, i), nameStart);
        continue;
      }
      if (c === '|' || c === ':') {
        i += src[i + 1] === c ? 2 : 1;
        push('Operator', src.slice(start, i), start);
        continue;
      }
      if ('([{'.includes(c) || ')]}'.includes(c)) {
        i++;
        push('Bracket', c, start);
        continue;
      }
      if (',;%+-^'.includes(c)) {
        i++;
        push('Operator', c, start);
        continue;
      }
      if ('&!=*<>'.includes(c)) {
        // One of these, optionally followed by one of `&=*`: `&&`, `==`, `!=`, `<=`, `**`, …
        i += '&=*'.includes(src[i + 1] ?? '') ? 2 : 1;
        push('Operator', src.slice(start, i), start);
        continue;
      }
      const ch = charAt(i)!;
      if (isAlphaNumeric(ch)) {
        while (i < src.length && isAlphaNumeric(charAt(i))) i += charAt(i)!.length;
        const word = src.slice(start, i);
        if (word === 'not') {
          push('Operator', word, start);
          // `not in`, `not matches`, …: the following word is an operator of its own.
          let j = i;
          while (src[j] === ' ') j++;
          const wordStart = j;
          while (j < src.length && isAlphaNumeric(charAt(j))) j += charAt(j)!.length;
          const next = src.slice(wordStart, j);
          if (NEGATABLE.has(next)) {
            i = j;
            push('Operator', next, wordStart);
          }
          continue;
        }
        push(WORD_OPERATORS.has(word) ? 'Operator' : 'Identifier', word, start);
        continue;
      }
      throw new LexError(`unrecognized character: ${goRune(ch)}`, i, i + ch.length);
    }
  } catch (err) {
    if (err instanceof LexError) return { tokens, error: { message: err.message, start: err.start, end: err.end } };
    throw err;
  }
  tokens.push({ kind: 'EOF', value: '', start: Math.max(0, src.length - 1), end: src.length });
  return { tokens };
}

/** Scans a '…' or "…" literal whose content starts at `from`; returns the offset after the closing quote. */
function scanQuoted(src: string, from: number, quote: string): number {
  let i = from;
  for (;;) {
    const c = src[i];
    if (c === undefined || c === '\n') throw new LexError('literal not terminated', Math.max(0, i - 1), Math.max(i, 1));
    if (c === quote) return i + 1;
    if (c === '\\') {
      i = scanEscape(src, i + 1, quote);
      continue;
    }
    i++;
  }
}

function hexRun(src: string, at: number, n: number, base: number): number {
  for (let k = 0; k < n; k++) {
    const d = src[at + k];
    const v = d === undefined ? 99 : parseInt(d, 16);
    if (Number.isNaN(v) || v >= base) throw new LexError('invalid char escape', at + k, at + k + 1);
  }
  return at + n;
}

/** `at` is just after the backslash; returns the offset after the escape. */
function scanEscape(src: string, at: number, quote: string): number {
  const c = src[at];
  if (c !== undefined && 'abfnrtv\\'.includes(c)) return at + 1;
  if (c === quote) return at + 1;
  if (c !== undefined && c >= '0' && c <= '7') return hexRun(src, at, 3, 8);
  if (c === 'x') return hexRun(src, at + 1, 2, 16);
  if (c === 'U') return hexRun(src, at + 1, 8, 16);
  if (c === 'u') {
    if (src[at + 1] === '{') {
      let j = at + 2;
      while (j < src.length && src[j] !== '}' && /[0-9a-fA-F]/.test(src[j]) && j - (at + 2) < 6) j++;
      if (src[j] !== '}' || j === at + 2) throw new LexError('invalid char escape', j, j + 1);
      return j + 1;
    }
    return hexRun(src, at + 1, 4, 16);
  }
  throw new LexError('invalid char escape', at, at + 1);
}

function scanRaw(src: string, from: number): number {
  let i = from;
  for (;;) {
    if (i >= src.length) throw new LexError('literal not terminated', src.length - 1, src.length);
    if (src[i] === '`') {
      if (src[i + 1] === '`') {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
}

/** The value of a quoted literal's content (already known to be well-formed). */
function decodeQuoted(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{3}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'v':
        return '\v';
      case 'x':
        return String.fromCharCode(parseInt(e.slice(1), 16));
      case 'u':
      case 'U': {
        const cp = parseInt(e.replace(/[uU{}]/g, ''), 16);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      default:
        return /^[0-7]{3}$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;
    }
  });
}

/** Scans a number literal at `from` the way expr's lexer does; returns the offset after it. */
function scanNumber(src: string, from: number): number {
  let i = from;
  let digits = /[0-9_]/;
  if (src[i] === '0') {
    i++;
    const p = src[i];
    if (p === 'x' || p === 'X') {
      digits = /[0-9a-fA-F_]/;
      i++;
    } else if (p === 'o' || p === 'O') {
      digits = /[0-7_]/;
      i++;
    } else if (p === 'b' || p === 'B') {
      digits = /[01_]/;
      i++;
    }
  }
  while (i < src.length && digits.test(src[i])) i++;
  if (src[i] === '.' && src[i + 1] !== '.') {
    i++;
    while (i < src.length && digits.test(src[i])) i++;
  }
  if (src[i] === 'e' || src[i] === 'E') {
    i++;
    if (src[i] === '+' || src[i] === '-') i++;
    while (i < src.length && digits.test(src[i])) i++;
  }
  if (i < src.length && isAlphaNumeric(src[i])) {
    throw new LexError(`bad number syntax: ${JSON.stringify(src.slice(from, i + 1))}`, i, i + 1);
  }
  return i;
}

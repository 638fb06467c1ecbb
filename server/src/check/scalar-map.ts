import { Scalar } from 'yaml';

/**
 * For each character of a scalar's string value, the offset of the source character it came from,
 * so a finding inside a string (a column in a PromQL query, a token of a condition) can be underlined
 * exactly. Returns undefined when the reconstruction does not reproduce the value; callers then fall
 * back to the whole scalar.
 */
export function scalarValueOffsets(text: string, node: Scalar): number[] | undefined {
  const range = node.range;
  if (!range || typeof node.value !== 'string') return undefined;
  const [start, end] = range;
  let chars: string[] = [];
  let offsets: number[] = [];
  switch (node.type) {
    case Scalar.PLAIN:
      ({ chars, offsets } = foldedFlow(text, start, end, false));
      break;
    case Scalar.QUOTE_SINGLE:
      ({ chars, offsets } = foldedFlow(text, start + 1, end - 1, 'single'));
      break;
    case Scalar.QUOTE_DOUBLE:
      ({ chars, offsets } = foldedFlow(text, start + 1, end - 1, 'double'));
      break;
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED:
      ({ chars, offsets } = block(text, start, end));
      break;
    default:
      return undefined;
  }
  // Block scalars may differ from the value only in the chomped trailing newlines.
  const value = node.value;
  if (chars.join('').slice(0, value.length) !== value) return undefined;
  return offsets.slice(0, value.length);
}

/** Plain and quoted scalars: line breaks fold to one space, escapes are one value character. */
function foldedFlow(text: string, from: number, to: number, quote: false | 'single' | 'double'): { chars: string[]; offsets: number[] } {
  const chars: string[] = [];
  const offsets: number[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      // Trim trailing spaces already emitted, skip the break and the next line's indentation.
      while (chars.length && (chars[chars.length - 1] === ' ' || chars[chars.length - 1] === '\t') && offsets[offsets.length - 1] >= from) {
        chars.pop();
        offsets.pop();
      }
      let breaks = 0;
      while (i < to && (text[i] === '\n' || text[i] === '\r' || text[i] === ' ' || text[i] === '\t')) {
        if (text[i] === '\n') breaks++;
        i++;
      }
      if (breaks === 1) {
        chars.push(' ');
        offsets.push(i - 1);
      } else {
        for (let b = 1; b < breaks; b++) {
          chars.push('\n');
          offsets.push(i - 1);
        }
      }
      continue;
    }
    if (quote === 'single' && c === "'" && text[i + 1] === "'") {
      chars.push("'");
      offsets.push(i);
      i += 2;
      continue;
    }
    if (quote === 'double' && c === '\\') {
      const len = escapeLength(text, i);
      const decoded = JSON.parse(`"${text.slice(i, i + len).replace(/^\\x([0-9a-fA-F]{2})$/, '\\u00$1').replace(/^\\U([0-9a-fA-F]{8})$/, (_, h) => String.fromCodePoint(parseInt(h, 16)))}"`) as string;
      for (const ch of decoded) {
        chars.push(ch);
        offsets.push(i);
      }
      i += len;
      continue;
    }
    chars.push(c);
    offsets.push(i);
    i++;
  }
  return { chars, offsets };
}

function escapeLength(text: string, at: number): number {
  const k = text[at + 1];
  if (k === 'x') return 4;
  if (k === 'u') return 6;
  if (k === 'U') return 10;
  return 2;
}

/** Block scalars: content lines after the header, less their common indentation, each ending in a newline. */
function block(text: string, start: number, end: number): { chars: string[]; offsets: number[] } {
  const chars: string[] = [];
  const offsets: number[] = [];
  const headerEnd = text.indexOf('\n', start);
  if (headerEnd === -1 || headerEnd >= end) return { chars, offsets };
  const folded = text[start] === '>';
  let indent = -1;
  let i = headerEnd + 1;
  let previousBlank = true;
  while (i < end) {
    const lineEnd = Math.min(end, text.indexOf('\n', i) === -1 ? end : text.indexOf('\n', i));
    const line = text.slice(i, lineEnd).replace(/\r$/, '');
    const blank = line.trim() === '';
    if (indent === -1 && !blank) indent = line.length - line.trimStart().length;
    const content = blank ? '' : line.slice(Math.max(0, indent));
    if (folded && !blank && !previousBlank && chars.length && chars[chars.length - 1] === '\n' && !/^\s/.test(content)) {
      chars[chars.length - 1] = ' ';
    }
    for (let k = 0; k < content.length; k++) {
      chars.push(content[k]);
      offsets.push(i + Math.max(0, indent) + k);
    }
    chars.push('\n');
    offsets.push(lineEnd);
    previousBlank = blank;
    i = lineEnd + 1;
  }
  return { chars, offsets };
}

/**
 * Column alignment of the `get rollout` tree: the plugin writes through juju/ansiterm's tabwriter,
 * which is Go's text/tabwriter (elastic tabstops) measuring cells without ANSI escape sequences and
 * in terminal columns (go-runewidth). Configured as `NewTabWriter(out, 0, 0, 2, ' ', 0)`:
 * minwidth 0, padding 2, spaces, no flags. Cells are tab-terminated; the text after a line's last
 * tab is not part of a column and never padded; a line without tabs ends the column blocks above.
 */

/** ANSI CSI sequences (colors and the like), which take no room on screen. */
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Code points that take no column: marks and format characters. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;

/**
 * East Asian Wide and Fullwidth ranges (Unicode EastAsianWidth W/F, including emoji with default
 * emoji presentation): two columns, as go-runewidth counts them outside East Asian locales.
 */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a], [0x1f200, 0x1f251], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Terminal columns of a string, ignoring ANSI escape sequences. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of stripAnsi(s)) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) continue;
    if (cp < 0x300) {
      width += 1;
      continue;
    }
    if (ZERO_WIDTH.test(ch)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

interface Cell {
  text: string;
  width: number;
}

export interface TabWriterOptions {
  minwidth?: number;
  padding?: number;
  padchar?: string;
}

/**
 * Aligns tab-separated text as the plugin's tabwriter does (left-aligned, space padding). The
 * input is everything written before `Flush()`.
 */
export function tabAlign(text: string, options: TabWriterOptions = {}): string {
  const minwidth = options.minwidth ?? 0;
  const padding = options.padding ?? 2;
  const padchar = options.padchar ?? ' ';
  const out: string[] = [];

  const rawLines = text.split('\n');
  const endsWithNewline = rawLines[rawLines.length - 1] === '';
  if (endsWithNewline) rawLines.pop();

  // A line with a single cell flushes the writer: column blocks never span across it.
  let block: Cell[][] = [];
  const flush = (finalNewline: boolean[]) => {
    formatBlock(block, finalNewline);
    block = [];
  };
  let newlines: boolean[] = [];

  const formatBlock = (lines: Cell[][], nl: boolean[]) => {
    const widths: number[] = [];
    const writeLines = (line0: number, line1: number) => {
      for (let i = line0; i < line1; i++) {
        const line = lines[i];
        let s = '';
        line.forEach((c, j) => {
          s += c.text;
          if (j < widths.length) s += padchar.repeat(Math.max(0, widths[j] - c.width));
        });
        out.push(nl[i] ? `${s}\n` : s);
      }
    };
    const format = (line0: number, line1: number): void => {
      const column = widths.length;
      for (let row = line0; row < line1; row++) {
        if (column >= lines[row].length - 1) continue;
        // This line has a cell in this column: print the lines above, then size the block.
        writeLines(line0, row);
        line0 = row;
        let width = minwidth;
        for (; row < line1; row++) {
          const line = lines[row];
          if (column >= line.length - 1) break;
          width = Math.max(width, line[column].width + padding);
        }
        widths.push(width);
        format(line0, row);
        widths.pop();
        line0 = row;
      }
      writeLines(line0, line1);
    };
    format(0, lines.length);
  };

  rawLines.forEach((raw, i) => {
    const cells = raw.split('\t').map((t) => ({ text: t, width: displayWidth(t) }));
    // Go keeps an empty trailing cell only when it has text; an empty last cell prints nothing anyway.
    block.push(cells);
    const hasNewline = i < rawLines.length - 1 || endsWithNewline;
    newlines.push(hasNewline);
    if (cells.length === 1 && hasNewline) {
      flush(newlines);
      newlines = [];
    }
  });
  if (block.length > 0) flush(newlines);
  return out.join('');
}

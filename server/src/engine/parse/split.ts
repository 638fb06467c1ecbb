/**
 * Splits a YAML stream into document chunks at `---` marker lines.
 *
 * A line that starts with `---` followed by white space or the end of the line is a document
 * marker wherever it appears (the YAML spec forbids it as content, even inside quoted scalars),
 * so this cut is exact and lets an edit re-parse only the document it touches.
 */

/** The character after a line's `---` that makes the line a marker: white space, a line break, or none. */
function endsMarker(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 9 || c === 13 || c === 10;
}

export function chunkStarts(text: string): number[] {
  const starts = [0];
  // Markers are rare among lines: jump from one "\n---" to the next rather than visit every line.
  for (let nl = text.indexOf('\n---'); nl !== -1; nl = text.indexOf('\n---', nl + 4)) {
    if (endsMarker(text.charCodeAt(nl + 4))) starts.push(nl + 1);
  }
  return starts;
}

export function splitChunks(text: string): string[] {
  const starts = chunkStarts(text);
  const parts: string[] = [];
  for (let i = 0; i < starts.length; i++) parts.push(text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length));
  return parts;
}

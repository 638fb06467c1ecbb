/**
 * Splits a YAML stream into document chunks at `---` marker lines.
 *
 * A line that starts with `---` followed by white space or the end of the line is a document
 * marker wherever it appears (the YAML spec forbids it as content, even inside quoted scalars),
 * so this cut is exact and lets an edit re-parse only the document it touches.
 */
const MARKER = /^---(?:[ \t\r\n]|$)/;

export function chunkStarts(text: string): number[] {
  const starts = [0];
  let lineStart = 0;
  while (lineStart < text.length) {
    if (lineStart > 0 && text.charCodeAt(lineStart) === 45 /* - */ && MARKER.test(text.slice(lineStart, lineStart + 5))) {
      starts.push(lineStart);
    }
    const nl = text.indexOf('\n', lineStart);
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return starts;
}

export function splitChunks(text: string): string[] {
  const starts = chunkStarts(text);
  const parts: string[] = [];
  for (let i = 0; i < starts.length; i++) parts.push(text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length));
  return parts;
}

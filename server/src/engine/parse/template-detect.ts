import { visit, type Document } from 'yaml';

/**
 * True when `{{` appears where YAML structure is, not inside a scalar: a Helm or Go-template
 * file that only makes sense after rendering. `{{args.x}}` in an AnalysisTemplate or `{{.name}}`
 * in an ApplicationSet live inside scalars and are left to the rules that understand them.
 */
export function looksTemplated(text: string, docs: Document.Parsed[], hasErrors: boolean): boolean {
  if (!text.includes('{{')) return false;
  if (hasErrors) return true;
  const inScalar: Array<[number, number]> = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if (node.range) inScalar.push([node.range[0], node.range[1]]);
      },
    });
  }
  // Scalars never nest, so sorted by start the ranges are disjoint and binary search is exact.
  inScalar.sort((a, b) => a[0] - b[0]);
  for (let at = text.indexOf('{{'); at !== -1; at = text.indexOf('{{', at + 2)) {
    if (isInComment(text, at)) continue;
    if (!covered(inScalar, at)) return true;
  }
  return false;
}

function covered(ranges: Array<[number, number]>, offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid];
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}

function isInComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /(^|\s)#/.test(before) && !/["']/.test(before);
}

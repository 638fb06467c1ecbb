import { isCollection, isPair, isScalar, type Document } from 'yaml';

/**
 * True when `{{` appears where YAML structure is, not inside a scalar: a Helm or Go-template
 * file that only makes sense after rendering. `{{args.x}}` in an AnalysisTemplate or `{{.name}}`
 * in an ApplicationSet live inside scalars and are left to the rules that understand them.
 */
export interface TemplateScan {
  templated: boolean;
  /** Argo placeholders written without quotes (`key: {{args.x}}`): YAML reads them as mappings. */
  unquoted: Array<{ start: number; end: number; text: string }>;
}

/** Argo's own placeholders: analysis args, experiment and template references. Never Helm. */
const ARGO_PLACEHOLDER = /^\{\{\s*(args|templates|experiment)\.[^}]*\}\}/;

/**
 * `scalars` gives [start, end) of every scalar of the parsed text, sorted by start (asked for
 * only when a `{{` is outside comments): scalarRanges(docs) of a node tree, or the ranges the
 * fast parser recorded in plain mode.
 */
export function scanTemplates(text: string, scalars: () => Array<[number, number]>, hasErrors: boolean): TemplateScan {
  const none: TemplateScan = { templated: false, unquoted: [] };
  if (!text.includes('{{')) return none;
  const unquoted: TemplateScan['unquoted'] = [];
  const positions: number[] = [];
  let argoOnly = true;
  for (let at = text.indexOf('{{'); at !== -1; at = text.indexOf('{{', at + 2)) {
    if (isInComment(text, at)) continue;
    positions.push(at);
    if (argoOnly && !ARGO_PLACEHOLDER.test(text.slice(at, at + 200))) argoOnly = false;
  }
  if (hasErrors && !argoOnly) return { templated: true, unquoted };
  if (positions.length === 0) return none;
  const inScalar = scalars();
  for (const at of positions) {
    if (covered(inScalar, at)) continue;
    const argo = ARGO_PLACEHOLDER.exec(text.slice(at, at + 200));
    if (!argo) return { templated: true, unquoted: [] };
    unquoted.push({ start: at, end: at + argo[0].length, text: argo[0] });
  }
  return { templated: false, unquoted };
}

/**
 * [start, end) of every scalar (keys too, as `visit` sees them), sorted by start. Scalars never
 * nest, so the ranges are disjoint and binary search is exact.
 */
export function scalarRanges(docs: Document.Parsed[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const stack: unknown[] = docs.map((d) => d.contents);
  let sorted = true;
  while (stack.length) {
    const node = stack.pop();
    if (isScalar(node)) {
      if (!node.range) continue;
      if (out.length && node.range[0] < out[out.length - 1][0]) sorted = false;
      out.push([node.range[0], node.range[1]]);
    } else if (isCollection(node)) {
      // Pushed in reverse so the walk goes in document order and the list is usually sorted already.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (isPair(item)) stack.push(item.value, item.key);
        else stack.push(item);
      }
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
  }
  if (!sorted) out.sort((a, b) => a[0] - b[0]);
  return out;
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

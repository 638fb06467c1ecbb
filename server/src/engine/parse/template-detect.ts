import { visit, type Document } from 'yaml';

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

export function scanTemplates(text: string, docs: Document.Parsed[], hasErrors: boolean): TemplateScan {
  const none: TemplateScan = { templated: false, unquoted: [] };
  if (!text.includes('{{')) return none;
  const unquoted: TemplateScan['unquoted'] = [];
  const outside = (at: number) => !isInComment(text, at);
  const positions: number[] = [];
  for (let at = text.indexOf('{{'); at !== -1; at = text.indexOf('{{', at + 2)) if (outside(at)) positions.push(at);
  const argoOnly = positions.every((at) => ARGO_PLACEHOLDER.test(text.slice(at, at + 200)));
  if (hasErrors && !argoOnly) return { templated: true, unquoted };
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
  for (const at of positions) {
    if (covered(inScalar, at)) continue;
    const argo = ARGO_PLACEHOLDER.exec(text.slice(at, at + 200));
    if (!argo) return { templated: true, unquoted: [] };
    unquoted.push({ start: at, end: at + argo[0].length, text: argo[0] });
  }
  return { templated: false, unquoted };
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

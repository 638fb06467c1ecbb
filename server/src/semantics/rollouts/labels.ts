/**
 * Label syntax and label selectors as apimachinery v0.34 validates and evaluates them
 * (pkg/util/validation, pkg/apis/meta/v1/validation ValidateLabelSelector, LabelSelectorAsSelector).
 * Used for the Rollout selector checks (argo-rollouts.md §1.1 S3, S4, S6, §1.11).
 */
import type { PathSeg } from '../../engine/yaml-nodes';
import { APIMACHINERY_V034, labelKeyProblems, labelValueProblems } from '../labels/syntax';

/** validation.IsQualifiedName: `[prefix/]name`, the syntax of a label key. */
export const isQualifiedName = (value: string): string[] => labelKeyProblems(value, APIMACHINERY_V034);
/** validation.IsValidLabelValue. */
export const isValidLabelValue = (value: string): string[] => labelValueProblems(value, APIMACHINERY_V034);

type Obj = Record<string, unknown>;

/**
 * Text a tool substitutes before the manifest is applied (`$$name$$` in upstream e2e templates,
 * `${VAR}` for envsubst-style substitution, `{{ }}` for Go templates): its syntax is not checked.
 */
export const looksTemplated = (s: string): boolean => /\$\$|\$\{|\{\{/.test(s);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SelectorProblem {
  /** Path relative to the selector. */
  path: PathSeg[];
  /** Upstream field path suffix, e.g. `.matchExpressions[0].operator`. */
  field: string;
  type: 'Invalid value' | 'Required value' | 'Forbidden';
  value?: unknown;
  detail: string;
  /** The problem is the key of the pair at `path`, not its value. */
  onKey?: boolean;
}

/**
 * ValidateLabelSelector(selector, {AllowInvalidLabelValueInSelector: false}): matchLabels keys and
 * values, each matchExpression's operator, values and key. Note that matchLabels errors are all
 * reported at the `matchLabels` path itself, as upstream does.
 */
export function validateLabelSelector(selector: Obj): SelectorProblem[] {
  const out: SelectorProblem[] = [];
  const matchLabels = selector.matchLabels;
  if (isObj(matchLabels)) {
    for (const [k, v] of Object.entries(matchLabels)) {
      if (looksTemplated(k) || (typeof v === 'string' && looksTemplated(v))) continue;
      for (const msg of isQualifiedName(k)) out.push({ path: ['matchLabels', k], field: '.matchLabels', type: 'Invalid value', value: k, detail: msg, onKey: true });
      if (typeof v === 'string') for (const msg of isValidLabelValue(v)) out.push({ path: ['matchLabels', k], field: '.matchLabels', type: 'Invalid value', value: v, detail: msg });
    }
  }
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  exprs.forEach((e, i) => {
    if (!isObj(e)) return;
    const base: PathSeg[] = ['matchExpressions', i];
    const field = `.matchExpressions[${i}]`;
    const values = Array.isArray(e.values) ? e.values : [];
    const op = typeof e.operator === 'string' ? e.operator : '';
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) out.push({ path: [...base, 'operator'], field: `${field}.values`, type: 'Required value', detail: "must be specified when `operator` is 'In' or 'NotIn'" });
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) out.push({ path: [...base, 'values'], field: `${field}.values`, type: 'Forbidden', detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", onKey: true });
    } else {
      out.push({ path: [...base, 'operator'], field: `${field}.operator`, type: 'Invalid value', value: op, detail: 'not a valid selector operator' });
    }
    const key = typeof e.key === 'string' ? e.key : '';
    if (!looksTemplated(key)) for (const msg of isQualifiedName(key)) out.push({ path: [...base, 'key'], field: `${field}.key`, type: 'Invalid value', value: key, detail: msg });
    values.forEach((v, j) => {
      if (typeof v !== 'string' || looksTemplated(v)) return;
      for (const msg of isValidLabelValue(v)) out.push({ path: [...base, 'values', j], field: `${field}.values[${j}]`, type: 'Invalid value', value: v, detail: msg });
    });
  });
  return out;
}

/** Whether a selector has no requirement at all (LabelSelectorAsSelector gives Everything). */
export function selectorIsEmpty(selector: Obj): boolean {
  const labels = isObj(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labels + exprs === 0;
}

/**
 * labels.Selector.Matches for a selector built by LabelSelectorAsSelector, or undefined when the
 * selector cannot be converted (an unknown operator: upstream reports "invalid label selector").
 */
export function selectorMatches(selector: Obj, labels: Record<string, unknown>): boolean | undefined {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  const matchLabels = isObj(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(matchLabels)) {
    if (!has(k) || String(labels[k]) !== String(v)) return false;
  }
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    if (!isObj(e)) continue;
    const key = String(e.key ?? '');
    const values = (Array.isArray(e.values) ? e.values : []).map(String);
    switch (e.operator) {
      case 'In':
        if (!has(key) || !values.includes(String(labels[key]))) return false;
        break;
      case 'NotIn':
        if (has(key) && values.includes(String(labels[key]))) return false;
        break;
      case 'Exists':
        if (!has(key)) return false;
        break;
      case 'DoesNotExist':
        if (has(key)) return false;
        break;
      default:
        return undefined;
    }
  }
  return true;
}

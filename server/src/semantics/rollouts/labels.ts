/**
 * Label syntax and label selectors as apimachinery v0.34 validates and evaluates them
 * (pkg/util/validation, pkg/apis/meta/v1/validation ValidateLabelSelector, LabelSelectorAsSelector).
 * Used for the Rollout selector checks (argo-rollouts.md §1.1 S3, S4, S6, §1.11).
 */
import type { PathSeg } from '../../engine/yaml-nodes';

const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const qualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelValueFmt = `(${qualifiedNameFmt})?`;
const labelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainErrorMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const qualifiedNameRe = new RegExp(`^${qualifiedNameFmt}$`);
const labelValueRe = new RegExp(`^${labelValueFmt}$`);
const dns1123SubdomainRe = new RegExp(`^${dns1123SubdomainFmt}$`);

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const maxLenError = (n: number) => `must be no more than ${n} characters`;
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  // Literally as apimachinery builds it: "(e.g. 'a',  or 'b', regex used …" (two spaces before "or").
  let out = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) out += ' or ';
    out += `'${e}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!dns1123SubdomainRe.test(value)) errs.push(regexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, 'example.com'));
  return errs;
}

/** validation.IsQualifiedName: `[prefix/]name`, the syntax of a label key. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qualifiedNameRe.test(name)) errs.push(`name part ${regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** validation.IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!labelValueRe.test(value)) errs.push(regexError(labelValueErrMsg, labelValueFmt, 'MyValue', 'my_value', '12345'));
  return errs;
}

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

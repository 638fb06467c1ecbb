/**
 * Kubernetes label selectors with apimachinery semantics (fleet-argocd.md §1.5, §2.7, §3.2).
 *
 * A `metav1.LabelSelector` is `matchLabels` (key = value) plus `matchExpressions`
 * (In, NotIn, Exists, DoesNotExist), all ANDed. `LabelSelectorAsSelector` turns it into:
 * - nothing     for a nil selector (absent or `null`): matches no label set;
 * - everything  for `{}` (no labels, no expressions): matches every label set;
 * - requirements otherwise.
 * Callers decide what nil means in their context: Fleet's cluster matcher treats a nil
 * selector as "no criterion", a ClusterGroup with a nil selector has no members.
 *
 * Validation reproduces the messages of apimachinery v0.36 (`labels.NewRequirement`,
 * `content.IsLabelKey`, `content.IsLabelValue`, `field.Error`), which is what Fleet pins.
 * Pure functions, no editor dependencies.
 */

import { APIMACHINERY_V036, labelKeyProblems, labelValueProblems } from './syntax';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export const OPERATORS: readonly Operator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** One `matchExpressions` entry as written (operator unchecked). */
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  /** `undefined` when the entry has no `values` (Go: nil slice). */
  values?: string[];
}

/** `metav1.LabelSelector` as written in a manifest. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** A validated requirement; `matchLabels` entries become `In` with one value. */
export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Selector = { kind: 'nothing' } | { kind: 'everything' } | { kind: 'requirements'; requirements: Requirement[] };

export type Labels = Readonly<Record<string, string>>;

/** Where a selector problem is, relative to the selector, and apimachinery's message for it. */
export interface SelectorIssue {
  path: (string | number)[];
  /** Point at the key (a matchLabels key) rather than the value. */
  onKey: boolean;
  message: string;
}

// ---------------------------------------------------------------------------------------
// Reading from parsed YAML

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** YAML scalars as Go would see them after `yaml.Unmarshal` into a string (numbers keep their text). */
function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

/**
 * Reads a `metav1.LabelSelector` from a parsed YAML value. `undefined` is Go's nil
 * (absent key, `key:` or `key: null`); anything that is not a mapping also reads as nil
 * (the schema rules report the type error).
 */
export function readLabelSelector(raw: unknown): LabelSelector | undefined {
  if (!isRecord(raw)) return undefined;
  const out: LabelSelector = {};
  if (isRecord(raw.matchLabels)) {
    out.matchLabels = {};
    for (const [k, v] of Object.entries(raw.matchLabels)) out.matchLabels[k] = scalarText(v);
  }
  if (Array.isArray(raw.matchExpressions)) {
    out.matchExpressions = raw.matchExpressions.filter(isRecord).map((e) => {
      const req: LabelSelectorRequirement = { key: scalarText(e.key), operator: scalarText(e.operator) };
      if (Array.isArray(e.values)) req.values = e.values.map(scalarText);
      return req;
    });
  }
  return out;
}

/** Index of each entry of `matchExpressions` in the raw list (non-mappings are skipped by readLabelSelector). */
function rawExpressionIndexes(raw: unknown): number[] {
  if (!isRecord(raw) || !Array.isArray(raw.matchExpressions)) return [];
  const out: number[] = [];
  raw.matchExpressions.forEach((e, i) => {
    if (isRecord(e)) out.push(i);
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Go formatting of field errors

/** Go's `%q` for the strings that occur in labels. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** Go's `json.Marshal` of a []string (nil → null), with its HTML escaping. */
function goJsonStrings(values: string[] | undefined): string {
  if (values === undefined) return 'null';
  return JSON.stringify(values)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const invalid = (field: string, value: string, detail: string) => `${field}: Invalid value: ${value}: ${detail}`;

/** apimachinery's aggregate: one error alone, several as `[e1, e2]`, duplicates dropped. */
function aggregate(errors: string[]): string | undefined {
  const unique = [...new Set(errors)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

// ---------------------------------------------------------------------------------------
// Key and value validation (content.IsLabelKey, content.IsLabelValue)

/** The problems of a label key, worded as apimachinery's `content.IsLabelKey`; [] when valid. */
export const labelKeyErrors = (key: string): string[] => labelKeyProblems(key, APIMACHINERY_V036);
/** The problems of a label value, worded as apimachinery's `content.IsLabelValue`; [] when valid. */
export const labelValueErrors = (value: string): string[] => labelValueProblems(value, APIMACHINERY_V036);

// ---------------------------------------------------------------------------------------
// Requirements (labels.NewRequirement) and selectors (metav1.LabelSelectorAsSelector)

/**
 * apimachinery's error for one requirement, or undefined when it is valid.
 * `operator` is one of the four selector operators; matchLabels entries use `=` (Equals).
 */
function requirementError(key: string, operator: Operator | '=', values: string[] | undefined): string | undefined {
  const errs: string[] = [];
  const keyErrs = labelKeyErrors(key);
  if (keyErrs.length) errs.push(invalid('key', goQuote(key), keyErrs.join('; ')));
  const n = values?.length ?? 0;
  if ((operator === 'In' || operator === 'NotIn') && n === 0) {
    errs.push(invalid('values', goJsonStrings(values), "for 'in', 'notin' operators, values set can't be empty"));
  } else if (operator === '=' && n !== 1) {
    errs.push(invalid('values', goJsonStrings(values), 'exact-match compatibility requires one single value'));
  } else if ((operator === 'Exists' || operator === 'DoesNotExist') && n !== 0) {
    errs.push(invalid('values', goJsonStrings(values), 'values set must be empty for exists and does not exist'));
  }
  (values ?? []).forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length) errs.push(invalid(`values[${i}][${key}]`, goQuote(v), valueErrs.join('; ')));
  });
  return aggregate(errs);
}

/** `append([]string(nil), values...)`: an empty list becomes nil (printed `null`). */
const goCopy = (values: string[] | undefined): string[] | undefined => (values && values.length ? values : undefined);

const isOperator = (op: string): op is Operator => (OPERATORS as readonly string[]).includes(op);

/** apimachinery's message for an operator outside the four. */
export const invalidOperatorMessage = (operator: string): string => `${goQuote(operator)} is not a valid label selector operator`;

/**
 * Every problem of a selector, each with the message apimachinery gives when that entry is
 * the one it stops at (`LabelSelectorAsSelector` returns the first failing requirement, taking
 * matchLabels in Go's random map order, then matchExpressions in order).
 * `raw` is the parsed YAML, used to keep the paths of matchExpressions exact.
 */
export function labelSelectorIssues(raw: unknown): SelectorIssue[] {
  const selector = readLabelSelector(raw);
  if (!selector) return [];
  const issues: SelectorIssue[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const message = requirementError(key, '=', [value]);
    if (message) issues.push({ path: ['matchLabels', key], onKey: labelKeyErrors(key).length > 0, message });
  }
  const indexes = rawExpressionIndexes(raw);
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const at = indexes[i] ?? i;
    if (!isOperator(expr.operator)) {
      issues.push({ path: ['matchExpressions', at, 'operator'], onKey: false, message: invalidOperatorMessage(expr.operator) });
      return;
    }
    const message = requirementError(expr.key, expr.operator, goCopy(expr.values));
    if (!message) return;
    const keyBad = labelKeyErrors(expr.key).length > 0;
    issues.push({ path: keyBad ? ['matchExpressions', at, 'key'] : ['matchExpressions', at], onKey: false, message });
  });
  return issues;
}

export class SelectorError extends Error {}

/**
 * `metav1.LabelSelectorAsSelector`: nil → nothing, `{}` → everything, else the requirements.
 * Throws SelectorError with apimachinery's message for the first invalid entry (matchLabels in
 * document order here, where Go's order is random).
 */
export function toSelector(selector: LabelSelector | undefined): Selector {
  if (!selector) return { kind: 'nothing' };
  const labels = Object.entries(selector.matchLabels ?? {});
  const exprs = selector.matchExpressions ?? [];
  if (labels.length + exprs.length === 0) return { kind: 'everything' };
  const requirements: Requirement[] = [];
  for (const [key, value] of labels) {
    const err = requirementError(key, '=', [value]);
    if (err) throw new SelectorError(err);
    requirements.push({ key, operator: 'In', values: [value] });
  }
  for (const e of exprs) {
    if (!isOperator(e.operator)) throw new SelectorError(invalidOperatorMessage(e.operator));
    const err = requirementError(e.key, e.operator, goCopy(e.values));
    if (err) throw new SelectorError(err);
    requirements.push({ key: e.key, operator: e.operator, values: [...(e.values ?? [])] });
  }
  return { kind: 'requirements', requirements };
}

/** `toSelector` without throwing: undefined when the selector is invalid. */
export function trySelector(selector: LabelSelector | undefined): Selector | undefined {
  try {
    return toSelector(selector);
  } catch (err) {
    if (err instanceof SelectorError) return undefined;
    throw err;
  }
}

/** `labels.Requirement.Matches`: NotIn and DoesNotExist hold when the key is absent. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** `Selector.Matches` on a label set (nil labels read as `{}`). */
export function selectorMatches(selector: Selector, labels: Labels | undefined): boolean {
  if (selector.kind === 'nothing') return false;
  if (selector.kind === 'everything') return true;
  const set = labels ?? {};
  return selector.requirements.every((r) => requirementMatches(r, set));
}

/** Whether a written selector is `{}` (or only empty lists/maps): it matches everything. */
export function isMatchEverything(selector: LabelSelector | undefined): boolean {
  return !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** `env=prod`, `tier in (a, b)`, `!legacy`, as kubectl prints selectors. */
export function formatRequirement(r: Requirement): string {
  switch (r.operator) {
    case 'In':
      return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(', ')})`;
    case 'NotIn':
      return `${r.key} notin (${r.values.join(', ')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

export function formatSelector(selector: Selector): string {
  if (selector.kind === 'nothing') return '<none>';
  if (selector.kind === 'everything') return '<everything>';
  return selector.requirements.map(formatRequirement).join(',');
}

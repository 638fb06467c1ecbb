/**
 * Threshold lines from an AnalysisRun metric's `successCondition` / `failureCondition`
 * (argo-rollouts.md §2): the simple comparisons of the measured value with a number, such as
 * `result[0] >= 0.95` or `result[0] > 0.01`, joined by `&&` / `||`, become lines on the chart.
 * Anything else (`all(result, {…})`, `result == 'ok'`, a `not`) is not drawn, and the metric says
 * so (`exact: false`). Parsed with the expr parser of the language server, never evaluated.
 */
import { parseExpr } from '../../../../server/src/semantics/expr/parser';
import type { ExprNode } from '../../../../server/src/semantics/expr/ast';
import type { Threshold } from './types';

type Op = Threshold['op'];

const FLIP: Record<Op, Op> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
/** Env functions that hand `result` through unchanged for a number (§2.1: asFloat, asInt, default). */
const PASS_THROUGH = new Set(['asFloat', 'asInt', 'default', 'float', 'int']);
/** No-data guards (`len(result) == 0 ||`, `isNaN(result) ||`): not a threshold, nothing lost by not drawing them. */
const GUARD_CALLS = new Set(['isNaN', 'isInf', 'isNil']);

export interface ParsedThresholds {
  thresholds: Threshold[];
  /** Every part of the condition was either drawn or a no-data guard. */
  exact: boolean;
}

/** `result`, `result[0]`, or either through asFloat/asInt/default/float/int: the value the chart plots. */
function isPlottedValue(n: ExprNode): boolean {
  if (n.type === 'Identifier') return n.name === 'result';
  if (n.type === 'Member') {
    return n.computed && n.object.type === 'Identifier' && n.object.name === 'result' && n.property.type === 'Literal' && n.property.kind === 'int' && n.property.value === 0;
  }
  if (n.type === 'Call' && n.callee.type === 'Identifier' && PASS_THROUGH.has(n.callee.name) && n.args.length >= 1) return isPlottedValue(n.args[0]);
  return false;
}

function numberOf(n: ExprNode): number | undefined {
  if (n.type === 'Literal' && (n.kind === 'int' || n.kind === 'float') && typeof n.value === 'number') return n.value;
  if (n.type === 'Unary' && (n.op === '-' || n.op === '+')) {
    const v = numberOf(n.operand);
    return v === undefined ? undefined : n.op === '-' ? -v : v;
  }
  return undefined;
}

function isGuard(n: ExprNode): boolean {
  if (n.type === 'Call' && n.callee.type === 'Identifier' && GUARD_CALLS.has(n.callee.name)) return true;
  // len(result) == 0
  return n.type === 'Binary' && n.op === '==' && n.left.type === 'Call' && n.left.callee.type === 'Identifier' && n.left.callee.name === 'len' && numberOf(n.right) === 0;
}

/**
 * Which side fails: a success condition fails where it is false, a failure condition where it is
 * true. `value OP v` is true above v for `>`/`>=`.
 */
function failsWhen(condition: Threshold['condition'], op: Op): Threshold['failsWhen'] {
  const trueAbove = op === '>' || op === '>=';
  return condition === 'failure' ? (trueAbove ? 'above' : 'below') : trueAbove ? 'below' : 'above';
}

function collect(n: ExprNode, condition: Threshold['condition'], out: Threshold[]): boolean {
  if (n.type === 'Binary' && (n.op === '&&' || n.op === 'and' || n.op === '||' || n.op === 'or')) {
    const left = collect(n.left, condition, out);
    const right = collect(n.right, condition, out);
    return left && right;
  }
  if (n.type === 'Binary' && (n.op === '<' || n.op === '<=' || n.op === '>' || n.op === '>=')) {
    let op: Op = n.op;
    let value: number | undefined;
    if (isPlottedValue(n.left)) value = numberOf(n.right);
    else if (isPlottedValue(n.right)) {
      value = numberOf(n.left);
      op = FLIP[op];
    }
    if (value === undefined || !Number.isFinite(value)) return false;
    out.push({ condition, op, value, failsWhen: failsWhen(condition, op) });
    return true;
  }
  return isGuard(n);
}

/** Threshold lines of one condition; an empty or unparsable condition gives none. */
export function conditionThresholds(text: string, condition: Threshold['condition']): ParsedThresholds {
  if (!text.trim()) return { thresholds: [], exact: true };
  const { ast } = parseExpr(text);
  if (!ast) return { thresholds: [], exact: false };
  const thresholds: Threshold[] = [];
  const exact = collect(ast, condition, thresholds);
  return { thresholds, exact };
}

/** Both conditions of a metric, success lines first. */
export function metricThresholds(successCondition: string, failureCondition: string): ParsedThresholds {
  const s = conditionThresholds(successCondition, 'success');
  const f = conditionThresholds(failureCondition, 'failure');
  return { thresholds: [...s.thresholds, ...f.thresholds], exact: s.exact && f.exact };
}

/** Whether a measured value is on the failing side of a threshold (the line itself counts per `op`). */
export function violates(value: number, t: Threshold): boolean {
  switch (t.op) {
    case '>':
      return t.condition === 'failure' ? value > t.value : value <= t.value;
    case '>=':
      return t.condition === 'failure' ? value >= t.value : value < t.value;
    case '<':
      return t.condition === 'failure' ? value < t.value : value >= t.value;
    case '<=':
      return t.condition === 'failure' ? value <= t.value : value > t.value;
  }
}

/**
 * The number a measurement value stands for: Prometheus vectors are stored as `[0.137]`, scalars
 * as `0.137`; the first element is what `result[0]` reads. Undefined for anything else.
 */
export function measurementNumber(raw: string): number | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = text;
  }
  if (Array.isArray(v)) v = v[0];
  if (typeof v === 'string' && v.trim() !== '') v = Number(v);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

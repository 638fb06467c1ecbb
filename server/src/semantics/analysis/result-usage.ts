/**
 * How a condition uses `result`, for the checks that depend on the provider's result shape
 * (argo-rollouts.md §2.1, §2.3): a Prometheus vector gives []float64, a scalar gives float64,
 * Datadog gives nil for an empty series.
 */
import { walk, type ExprNode } from '../expr/ast';
import { analyzeCondition } from '../expr/condition';
import { perObject } from '../memo';

export interface ResultUse {
  node: ExprNode;
  /** What the expression does with it. */
  as: 'number' | 'list';
  /** e.g. `result >= …`, `result[0]`, `len(result)`. */
  what: string;
}

const NUMERIC_OPS = new Set(['<', '>', '<=', '>=', '+', '-', '*', '/', '%', '**', '^']);
const NUMBER_FUNCTIONS = new Set(['isNaN', 'isInf', 'asFloat', 'asInt', 'abs', 'ceil', 'floor', 'round', 'int', 'float']);
const LIST_FUNCTIONS = new Set(['len', 'all', 'any', 'none', 'one', 'filter', 'map', 'count', 'find', 'findIndex', 'findLast', 'findLastIndex', 'first', 'last', 'sortBy', 'groupBy', 'reduce', 'take', 'reverse', 'uniq', 'sort', 'flatten']);

const isResult = (n: ExprNode | undefined): boolean => n?.type === 'Identifier' && n.name === 'result';

// The answers below depend on the tree alone, and trees are shared per condition text
// (analyzeCondition's cache): every metric with the same condition asks again, several rules each.

/** Uses of the bare `result` (not `result.x` or a `let` shadow) as a number or as a list. */
export const resultUses = perObject((ast: ExprNode): readonly ResultUse[] => {
  const out: ResultUse[] = [];
  walk(ast, (n) => {
    if (n.type === 'Binary' && NUMERIC_OPS.has(n.op)) {
      for (const side of [n.left, n.right]) if (isResult(side)) out.push({ node: side, as: 'number', what: `result ${n.op} …` });
    }
    if (n.type === 'Call' && n.callee.type === 'Identifier' && isResult(n.args[0])) {
      const name = n.callee.name;
      if (NUMBER_FUNCTIONS.has(name)) out.push({ node: n.args[0], as: 'number', what: `${name}(result)` });
      else if (LIST_FUNCTIONS.has(name)) out.push({ node: n.args[0], as: 'list', what: `${name}(result${n.args.length > 1 ? ', …' : ''})` });
    }
    if ((n.type === 'Member' && n.computed) || n.type === 'Slice') {
      if (isResult(n.object)) out.push({ node: n.object, as: 'list', what: n.type === 'Slice' ? 'result[…:…]' : 'result[…]' });
    }
    if (n.type === 'Let' && n.name === 'result') return false;
  });
  return out;
});

/** Guards that make an empty list or nil explicit. */
export const guardsEmpty = perObject((ast: ExprNode): boolean => {
  let found = false;
  walk(ast, (n) => {
    if (n.type === 'Call' && n.callee.type === 'Identifier' && ['len', 'count', 'isNil', 'default', 'first', 'last'].includes(n.callee.name) && isResult(n.args[0])) found = true;
    if (n.type === 'Binary' && n.op === '??') found = true;
    if (n.type === 'Member' && n.optional) found = true;
    if (n.type === 'Binary' && (n.op === '==' || n.op === '!=') && [n.left, n.right].some(isResult) && [n.left, n.right].some((s) => (s.type === 'Literal' && s.kind === 'nil') || (s.type === 'Array' && s.items.length === 0))) found = true;
  });
  return found;
});

/** Whether `isNaN(result)` (or a comparison that is true for NaN, like `result != result`) appears. */
export const guardsNaN = perObject((ast: ExprNode): boolean => {
  let found = false;
  walk(ast, (n) => {
    if (n.type === 'Call' && n.callee.type === 'Identifier' && n.callee.name === 'isNaN') found = true;
    if (n.type === 'Binary' && n.op === '!=' && isResult(n.left) && isResult(n.right)) found = true;
  });
  return found;
});

/** The top-level `all(result, …)` / `none(result, …)` calls: true on an empty list. */
export function vacuousOnEmpty(ast: ExprNode): ExprNode | undefined {
  let top: ExprNode = ast;
  while (top.type === 'Binary' && (top.op === '&&' || top.op === 'and')) top = top.left;
  if (top.type === 'Call' && top.callee.type === 'Identifier' && (top.callee.name === 'all' || top.callee.name === 'none') && isResult(top.args[0])) return top;
  return undefined;
}

/** The parsed condition, or undefined when it does not parse or check clean (another rule reports it). */
export function cleanCondition(text: unknown): ExprNode | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const r = analyzeCondition(text);
  return r.problems.length === 0 ? r.ast : undefined;
}

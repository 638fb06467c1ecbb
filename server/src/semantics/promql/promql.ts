/**
 * PromQL checks for Argo Rollouts' prometheus provider, on Prometheus's own grammar
 * (@prometheus-io/lezer-promql). `{{args.x}}` placeholders are replaced by same-length stand-ins
 * first (argo-rollouts.md §1.6.5), so every offset found maps straight back onto the query.
 *
 * Beyond lezer's error nodes this checks what Prometheus's parser rejects and lezer's grammar lets
 * through: ranges on something other than a selector, range vectors where an instant vector is
 * needed and the reverse, and scalar comparisons without `bool`. It also infers the value type
 * (which decides whether `result` is a float64 or a []float64) and collects range windows.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { queryShape } from './query-shape';

export type PromValueType = 'scalar' | 'vector' | 'matrix' | 'string' | 'unknown';

export interface PromqlProblem {
  message: string;
  start: number;
  end: number;
  /** A type rule, not a syntax error: only a placeholder standing for a name or number can change it. */
  typed?: boolean;
}

export interface RangeWindow {
  /** Seconds looked back: `rate(x[5m])` → 300. */
  seconds: number;
  /** The duration text, e.g. `5m`. */
  text: string;
  start: number;
  end: number;
  /** The function applied to the range (`rate`), when there is one. */
  fn?: string;
  subquery: boolean;
}

export interface PromqlAnalysis {
  problems: PromqlProblem[];
  valueType: PromValueType;
  ranges: RangeWindow[];
}

const DOC_TYPE: Record<PromValueType, string> = { scalar: 'scalar', vector: 'instant vector', matrix: 'range vector', string: 'string', unknown: 'unknown' };

/** Functions whose argument at this index is a range vector; every other vector argument is an instant vector. */
const RANGE_ARG: Readonly<Record<string, number>> = {
  rate: 0,
  irate: 0,
  increase: 0,
  delta: 0,
  idelta: 0,
  deriv: 0,
  changes: 0,
  resets: 0,
  predict_linear: 0,
  holt_winters: 0,
  double_exponential_smoothing: 0,
  absent_over_time: 0,
  present_over_time: 0,
  avg_over_time: 0,
  min_over_time: 0,
  max_over_time: 0,
  sum_over_time: 0,
  count_over_time: 0,
  stddev_over_time: 0,
  stdvar_over_time: 0,
  last_over_time: 0,
  first_over_time: 0,
  mad_over_time: 0,
  ts_of_first_over_time: 0,
  ts_of_last_over_time: 0,
  ts_of_max_over_time: 0,
  ts_of_min_over_time: 0,
  quantile_over_time: 1,
};

/** Functions returning a scalar; all others return an instant vector. */
const SCALAR_FUNCTIONS = new Set(['scalar', 'time', 'pi']);

const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const BINARY_OPS = new Set(['Pow', 'Mul', 'Div', 'Mod', 'Atan2', 'Add', 'Sub', 'Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte', 'And', 'Or', 'Unless', 'TrimUpper', 'TrimLower']);
const SET_OPS = new Set(['And', 'Or', 'Unless']);

/** Prometheus durations (model.ParseDuration plus float seconds): `5m`, `1h30m`, `90s`, `300`. */
export function promDurationSeconds(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  if (/^\d+(\.\d+)?$/.test(t)) return parseFloat(t);
  const re = /(\d+)(ms|s|m|h|d|w|y)/gy;
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let total = 0;
  let matched = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    total += parseInt(m[1], 10) * unit[m[2]];
    matched = re.lastIndex;
  }
  return matched === t.length && t.length > 0 ? total : undefined;
}

interface Stand {
  start: number;
  end: number;
  kind: 'string' | 'duration' | 'name';
}

/** Where each placeholder sits: inside a quoted string, inside a range `[…]` or after `offset`, or elsewhere. */
function placeholderContexts(query: string): Stand[] {
  const out: Stand[] = [];
  let quote: string | undefined;
  let bracket = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (query.startsWith('{{', i)) {
      const close = query.indexOf('}}', i + 2);
      if (close === -1) break;
      const before = query.slice(0, i).trimEnd();
      const kind = quote ? 'string' : bracket > 0 || /\boffset$/i.test(before) || /@$/.test(before) ? 'duration' : 'name';
      out.push({ start: i, end: close + 2, kind });
      i = close + 1;
      continue;
    }
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '#') {
      const nl = query.indexOf('\n', i);
      i = nl === -1 ? query.length : nl;
    } else if (c === '[') bracket++;
    else if (c === ']') bracket = Math.max(0, bracket - 1);
  }
  return out;
}

function fill(query: string, stands: Stand[], numeric: ReadonlySet<number>): string {
  let out = '';
  let at = 0;
  stands.forEach((s, i) => {
    const n = s.end - s.start;
    let filler: string;
    if (s.kind === 'duration') filler = '9'.repeat(n - 1) + 's';
    else if (s.kind === 'string') filler = 'x'.repeat(n);
    else filler = numeric.has(i) ? '9'.repeat(n) : 'x'.repeat(n);
    out += query.slice(at, s.start) + filler;
    at = s.end;
  });
  return out + query.slice(at);
}

/** Analyses by query text (and by shape, see query-shape.ts), oldest dropped first beyond the limit. */
const cache = new Map<string, PromqlAnalysis>();
const CACHE_LIMIT = 2000;

function cached(key: string, compute: () => PromqlAnalysis): PromqlAnalysis {
  let result = cache.get(key);
  if (result) return result;
  result = compute();
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/**
 * Analyzes a query; problems that touch a placeholder are dropped (its value decides). Results
 * are cached per text; a query whose shape (strings blanked) analyzes without problems shares
 * that analysis with every query of the same shape.
 */
export function analyzePromql(query: string): PromqlAnalysis {
  const hit = cache.get(query);
  if (hit) return hit;
  const shape = queryShape(query);
  if (shape !== query) {
    const byShape = cached(`\u0000${shape}`, () => analyzeUncached(shape));
    // Remembered under the query too: several rules ask for the same query in one check.
    if (byShape.problems.length === 0) return cached(query, () => byShape);
  }
  return cached(query, () => analyzeUncached(query));
}

function analyzeUncached(query: string): PromqlAnalysis {
  const stands = placeholderContexts(query);
  const touches = (p: { start: number; end: number; typed?: boolean }) => stands.some((s) => (!p.typed || s.kind === 'name') && p.start <= s.end && p.end >= s.start);
  let best: PromqlAnalysis | undefined;
  let bestRaw = Infinity;
  // A placeholder outside strings and ranges may stand for a name or a number: take the reading that parses.
  const free = stands.map((s, i) => (s.kind === 'name' ? i : -1)).filter((i) => i >= 0);
  const variants: Array<Set<number>> = [new Set()];
  if (free.length) variants.push(new Set(free));
  // A placeholder standing for a whole operand may hold a number or a scalar expression.
  const opaque = stands.some((s) => s.kind === 'name' && !/^\s*[{[]/.test(query.slice(s.end)));
  for (const numeric of variants) {
    const result = analyzeFilled(fill(query, stands, numeric));
    const raw = result.problems.length;
    const kept = {
      problems: result.problems.filter((p) => !touches(p)),
      ranges: result.ranges.filter((r) => !touches(r)),
      valueType: opaque ? ('unknown' as const) : result.valueType,
    };
    if (raw < bestRaw) {
      best = kept;
      bestRaw = raw;
    }
    if (raw === 0) break;
  }
  return best!;
}

/** Beyond this size (real queries are far shorter) lezer's error recovery is slow and gives up on depth: brackets only. */
const MAX_PARSED_LENGTH = 8000;

function analyzeFilled(query: string): PromqlAnalysis {
  const problems: PromqlProblem[] = [];
  const ranges: RangeWindow[] = [];
  const brackets = bracketProblem(query);
  if (query.length > MAX_PARSED_LENGTH || tooDeep(query)) return { problems: brackets ? [brackets] : [], valueType: 'unknown', ranges };
  const tree = parser.parse(query);
  const top = tree.topNode;
  if (brackets) problems.push(brackets);
  else {
    tree.iterate({
      enter: (n) => {
        if (!n.type.isError) return;
        if (problems.length) return false;
        problems.push(errorAt(query, n.from, n.to));
        return false;
      },
    });
  }
  if (query.trim() === '') return { problems: [{ message: 'the query is empty', start: 0, end: 0 }], valueType: 'unknown', ranges };
  const body = top.firstChild;
  const typeErrors: PromqlProblem[] = [];
  const valueType = body ? typeOf(body, query, typeErrors, ranges) : 'unknown';
  if (problems.length === 0) problems.push(...typeErrors.slice(0, 1));
  return { problems, valueType: problems.length ? 'unknown' : valueType, ranges };
}

function errorAt(query: string, from: number, to: number): PromqlProblem {
  if (from >= query.trimEnd().length) {
    const end = query.trimEnd().length;
    return { message: 'unexpected end of input: the query stops before the expression is complete', start: Math.max(0, end - 1), end: Math.max(1, end) };
  }
  if (to > from) return { message: `unexpected ${JSON.stringify(query.slice(from, to).trim() || query.slice(from, to))}`, start: from, end: to };
  const next = /\S+/.exec(query.slice(from));
  return { message: next ? `unexpected ${JSON.stringify(next[0].slice(0, 20))}` : 'unexpected character', start: from, end: from + Math.max(1, next?.[0].length ?? 1) };
}

const typeOfAt = (n: SyntaxNode, q: string, e: PromqlProblem[], r: RangeWindow[], f: string | undefined, depth: number): PromValueType => typeOf(n, q, e, r, f, depth);

/** lezer gives up on very deep nesting where Prometheus does not: no syntax verdict then. */
function tooDeep(query: string): boolean {
  let depth = 0;
  for (const c of query) {
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > 1000) return true;
    } else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return false;
}

/** Unbalanced (), [], {} outside strings and comments, with Prometheus's lexer wording. */
function bracketProblem(query: string): PromqlProblem | undefined {
  const names: Record<string, string> = { '(': 'parenthesis', '[': 'bracket', '{': 'brace', ')': 'parenthesis', ']': 'bracket', '}': 'brace' };
  const closer: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: Array<{ c: string; at: number }> = [];
  let quote: string | undefined;
  let quoteAt = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = undefined;
      else if (c === '\n' && quote !== '`') return { message: 'unterminated quoted string', start: quoteAt, end: quoteAt + 1 };
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      quoteAt = i;
      continue;
    }
    if (c === '#') {
      const nl = query.indexOf('\n', i);
      i = nl === -1 ? query.length : nl;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') stack.push({ c, at: i });
    else if (c === ')' || c === ']' || c === '}') {
      const open = stack.pop();
      if (!open) return { message: `unexpected right ${names[c]} '${c}'`, start: i, end: i + 1 };
      if (closer[open.c] !== c) return { message: `unexpected right ${names[c]} '${c}': the left ${names[open.c]} '${open.c}' at offset ${open.at} is not closed`, start: i, end: i + 1 };
    }
  }
  if (quote) return { message: 'unterminated quoted string', start: quoteAt, end: quoteAt + 1 };
  const open = stack.pop();
  if (open) return { message: `unclosed left ${names[open.c]}`, start: open.at, end: open.at + 1 };
  return undefined;
}

const kids = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
  return out;
};

/** The argument expressions inside a FunctionCallBody. */
const bodyArgs = (body: SyntaxNode | null): SyntaxNode[] => (body ? kids(body).filter((c) => !c.type.isError) : []);

function typeOf(n: SyntaxNode, q: string, errors: PromqlProblem[], ranges: RangeWindow[], fn?: string, depth = 0): PromValueType {
  if (depth > 300) return 'unknown';
  const typeOf = (c: SyntaxNode, q2: string, e: PromqlProblem[], r: RangeWindow[], f?: string) => typeOfAt(c, q2, e, r, f, depth + 1);
  const err = (node: SyntaxNode, message: string) => errors.push({ message, start: node.from, end: node.to, typed: true });
  const expect = (node: SyntaxNode, want: PromValueType[], where: string) => {
    const got = typeOf(node, q, errors, ranges, fn);
    if (got !== 'unknown' && !want.includes(got)) err(node, `expected type ${want.map((w) => DOC_TYPE[w]).join(' or ')} in ${where}, got ${DOC_TYPE[got]}`);
    return got;
  };
  switch (n.name) {
    case 'NumberDurationLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
      return 'vector';
    case 'ParenExpr': {
      const inner = kids(n)[0];
      return inner ? typeOf(inner, q, errors, ranges, fn) : 'unknown';
    }
    case 'MatrixSelector':
    case 'SubqueryExpr': {
      const [inner, duration] = kids(n);
      const subquery = n.name === 'SubqueryExpr';
      if (inner) {
        const t = typeOf(inner, q, errors, ranges);
        if (!subquery && inner.name !== 'VectorSelector' && t !== 'unknown') err(inner, 'ranges only allowed for vector selectors');
        if (subquery && t !== 'unknown' && t !== 'vector') err(inner, `subquery is only allowed on instant vector, got ${DOC_TYPE[t]}`);
      }
      if (duration?.name === 'DurationExpr') {
        const lit = kids(duration);
        const text = q.slice(duration.from, duration.to);
        const seconds = lit.length === 1 && lit[0].name === 'NumberDurationLiteralInDurationContext' ? promDurationSeconds(text) : undefined;
        if (seconds !== undefined) ranges.push({ seconds, text, start: duration.from, end: duration.to, fn, subquery });
      }
      return 'matrix';
    }
    case 'OffsetExpr':
    case 'StepInvariantExpr':
    case 'AnchoredExpr':
    case 'SmoothedExpr': {
      const inner = kids(n)[0];
      return inner ? typeOf(inner, q, errors, ranges, fn) : 'unknown';
    }
    case 'UnaryExpr': {
      const inner = kids(n).find((c) => c.name !== 'UnaryOp');
      return inner ? expect(inner, ['scalar', 'vector'], 'unary expression') : 'unknown';
    }
    case 'AggregateExpr': {
      const op = kids(n)[0]?.firstChild?.name ?? '';
      const args = bodyArgs(n.getChild('FunctionCallBody'));
      const withParam = new Set(['Topk', 'Bottomk', 'Quantile', 'CountValues', 'LimitK', 'LimitRatio']);
      args.forEach((a, i) => {
        if (withParam.has(op) && i === 0 && args.length > 1) typeOf(a, q, errors, ranges, fn);
        else expect(a, ['vector'], 'aggregation expression');
      });
      return 'vector';
    }
    case 'FunctionCall': {
      const name = q.slice(n.firstChild?.from ?? n.from, n.firstChild?.to ?? n.from);
      const args = bodyArgs(n.getChild('FunctionCallBody'));
      const rangeAt = RANGE_ARG[name];
      args.forEach((a, i) => {
        if (i === rangeAt) {
          const got = typeOf(a, q, errors, ranges, name);
          if (got !== 'unknown' && got !== 'matrix') err(a, `expected type range vector in call to function "${name}", got ${DOC_TYPE[got]}`);
        } else {
          const got = typeOf(a, q, errors, ranges, name);
          if (got === 'matrix') err(a, `expected type ${name === 'vector' ? 'scalar' : 'instant vector'} in call to function "${name}", got range vector`);
        }
      });
      return SCALAR_FUNCTIONS.has(name) ? 'scalar' : 'vector';
    }
    case 'BinaryExpr': {
      const parts = kids(n);
      const left = parts[0];
      const right = parts[parts.length - 1];
      const opNode = parts.find((c) => BINARY_OPS.has(c.name));
      const hasBool = parts.some((c) => c.name === 'BoolModifier');
      const lt = left ? typeOf(left, q, errors, ranges, fn) : 'unknown';
      const rt = right && right !== left ? typeOf(right, q, errors, ranges, fn) : 'unknown';
      for (const [side, t] of [[left, lt], [right, rt]] as const) {
        if (side && (t === 'matrix' || t === 'string')) err(side, 'binary expression must contain only scalar and instant vector types');
      }
      if (opNode && COMPARISONS.has(opNode.name) && lt === 'scalar' && rt === 'scalar' && !hasBool) err(opNode, 'comparisons between scalars must use BOOL modifier');
      if (opNode && SET_OPS.has(opNode.name) && (lt === 'scalar' || rt === 'scalar')) err(opNode, `set operator "${q.slice(opNode.from, opNode.to)}" not allowed in binary scalar expression`);
      if (lt === 'scalar' && rt === 'scalar') return 'scalar';
      if (lt === 'unknown' || rt === 'unknown') return lt === 'vector' || rt === 'vector' ? 'vector' : 'unknown';
      return 'vector';
    }
    default:
      return 'unknown';
  }
}

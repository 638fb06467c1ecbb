/**
 * Static checks of Argo Rollouts' successCondition / failureCondition (utils/evaluate/evaluate.go,
 * argo-rollouts.md §2.1): expr-lang compiled against a map environment, so every name must be
 * `result`, one of the helpers Argo adds, a built-in, or a `let` variable.
 */
import { children, type ExprNode } from './ast';
import { arityError, BUILTINS, GO_TYPE, type StaticType } from './builtins';
import { parseExpr } from './parser';

/** What Argo Rollouts puts in the environment besides `result` (fn EvalCondition). */
export const ENV_FUNCTIONS: Readonly<Record<string, number>> = { asInt: 1, asFloat: 1, isNaN: 1, isInf: 1, isNil: 1, default: 2 };
const ENV_RETURNS: Readonly<Record<string, StaticType>> = { asInt: 'int', asFloat: 'float', isNaN: 'bool', isInf: 'bool', isNil: 'bool', default: 'unknown' };

/** `result`: the whole expression yields the wrong type (a run-time error, upstream `expected bool, but got …`). */
export type ConditionProblemKind = 'syntax' | 'unknown-name' | 'arity' | 'type' | 'result';

export interface ConditionProblem {
  kind: ConditionProblemKind;
  message: string;
  /** Offsets in the condition text (before masking; masking keeps lengths). */
  start: number;
  end: number;
}

export interface MaskResult {
  text: string;
  /** [start, end) of each masked `{{…}}` span. */
  spans: Array<[number, number]>;
}

/**
 * Replaces each `{{…}}` with an identifier of the same length, so the expression still parses
 * whatever the arg holds in a value position and offsets stay put (argo-rollouts.md §2.1).
 */
export function maskPlaceholders(text: string): MaskResult {
  const spans: Array<[number, number]> = [];
  let out = '';
  let i = 0;
  for (;;) {
    const open = text.indexOf('{{', i);
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    if (close === -1) break;
    out += text.slice(i, open) + '_'.repeat(close + 2 - open);
    spans.push([open, close + 2]);
    i = close + 2;
  }
  return { text: out + text.slice(i), spans };
}

const overlaps = (spans: Array<[number, number]>, start: number, end: number): boolean =>
  spans.some(([s, e]) => start < e + 1 && end > s - 1);

/** The closest known name, for "did you mean". */
export function suggestName(name: string): string | undefined {
  const candidates = ['result', ...Object.keys(ENV_FUNCTIONS), ...Object.keys(BUILTINS)];
  const lower = name.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  const aliases: Record<string, string> = { length: 'len', size: 'len', nan: 'isNaN', isnull: 'isNil', null: 'nil', none: 'nil', avg: 'mean', average: 'mean', true: 'true', results: 'result', value: 'result' };
  if (aliases[lower]) return aliases[lower];
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance && d < Math.max(2, c.length / 2)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

const BOOLEAN_BINARY = new Set(['==', '!=', '<', '>', '<=', '>=', 'in', 'matches', 'contains', 'startsWith', 'endsWith', 'and', 'or', '&&', '||']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**', '^']);
const NUMERIC: ReadonlySet<StaticType> = new Set(['int', 'float', 'number']);

interface Scope {
  vars: Set<string>;
  predicate?: { reduce: boolean };
}

export interface ConditionAnalysis {
  ast?: ExprNode;
  problems: ConditionProblem[];
  /** The masked text that was parsed. */
  masked: MaskResult;
}

/** The environment an expression is compiled against. */
export interface ExprEnv {
  /** Variables (for conditions: `result`). */
  variables: readonly string[];
  /** Functions and their fixed argument counts. */
  functions: Readonly<Record<string, number>>;
  /** What the expression must evaluate to. */
  expect: 'bool' | 'time';
}

/** successCondition / failureCondition (fn EvalCondition). */
export const CONDITION_ENV: ExprEnv = { variables: ['result'], functions: ENV_FUNCTIONS, expect: 'bool' };
/** prometheus rangeQuery start / end (fn EvalTime): isNaN and isInf only, must yield a time. */
export const TIME_ENV: ExprEnv = { variables: [], functions: { isNaN: 1, isInf: 1 }, expect: 'time' };

/** Per environment (CONDITION_ENV, TIME_ENV), analyses by text. */
const caches = new WeakMap<ExprEnv, Map<string, ConditionAnalysis>>();

/** Parses and checks one condition. Problems touching a masked placeholder are dropped (the arg's value decides). Cached per text and environment. */
export function analyzeCondition(text: string, env: ExprEnv = CONDITION_ENV): ConditionAnalysis {
  let cache = caches.get(env);
  if (!cache) caches.set(env, (cache = new Map()));
  const hit = cache.get(text);
  if (hit) return hit;
  let result: ConditionAnalysis;
  try {
    result = analyzeUncached(text, env);
  } catch (err) {
    // A pathological expression (thousands of chained operators) can exhaust the stack in the checks.
    if (!(err instanceof RangeError)) throw err;
    result = { problems: [], masked: maskPlaceholders(text) };
  }
  if (cache.size > 500) cache.clear();
  cache.set(text, result);
  return result;
}

function analyzeUncached(text: string, env: ExprEnv): ConditionAnalysis {
  const masked = maskPlaceholders(text);
  const problems: ConditionProblem[] = [];
  const parsed = parseExpr(masked.text);
  if (parsed.error) {
    const e = parsed.error;
    if (!overlaps(masked.spans, e.start, e.end)) problems.push({ kind: 'syntax', message: e.message, start: e.start, end: e.end });
    return { problems, masked };
  }
  const ast = parsed.ast!;
  const isMasked = (n: ExprNode) => masked.spans.some(([s, e]) => n.start < e && n.end > s);
  const report = (p: ConditionProblem) => {
    if (!overlaps(masked.spans, p.start, p.end)) problems.push(p);
  };

  const typeOf = (n: ExprNode, scope: Scope): StaticType => {
    switch (n.type) {
      case 'Literal':
        return n.kind === 'bool' ? 'bool' : n.kind === 'int' ? 'int' : n.kind === 'float' ? 'float' : n.kind === 'string' ? 'string' : n.kind === 'bytes' ? 'bytes' : 'nil';
      case 'Identifier':
        return 'unknown';
      case 'Pointer':
        return n.name === 'index' ? 'int' : 'unknown';
      case 'Unary':
        return n.op === 'not' || n.op === '!' ? 'bool' : 'number';
      case 'Binary': {
        if (BOOLEAN_BINARY.has(n.op)) return 'bool';
        if (n.op === '..') return 'array';
        if (n.op === '??') return 'unknown';
        const l = typeOf(n.left, scope);
        const r = typeOf(n.right, scope);
        if (n.op === '+' && (l === 'string' || r === 'string')) return 'string';
        if ((n.op === '+' || n.op === '-') && l === 'time' && r === 'duration') return 'time';
        if (n.op === '-' && l === 'time' && r === 'time') return 'duration';
        if ((n.op === '+' || n.op === '-') && [l, r].some((t) => t === 'time' || t === 'duration' || t === 'unknown')) return 'unknown';
        if (n.op === '/' || n.op === '**' || n.op === '^') return 'float';
        if (l === 'int' && r === 'int') return 'int';
        if (NUMERIC.has(l) && NUMERIC.has(r)) return l === 'float' || r === 'float' ? 'float' : 'number';
        return 'number';
      }
      case 'Call':
        if (n.callee.type !== 'Identifier') return 'unknown';
        if (scope.vars.has(n.callee.name)) return 'unknown';
        return ENV_RETURNS[n.callee.name] ?? BUILTINS[n.callee.name]?.returns ?? 'unknown';
      case 'Array':
        return 'array';
      case 'Map':
        return 'map';
      case 'Conditional': {
        const a = typeOf(n.then, scope);
        const b = typeOf(n.otherwise, scope);
        return a === b ? a : 'unknown';
      }
      case 'Let':
        return typeOf(n.body, { ...scope, vars: new Set([...scope.vars, n.name]) });
      case 'Sequence':
        return typeOf(n.items[n.items.length - 1], scope);
      default:
        return 'unknown';
    }
  };

  const visit = (n: ExprNode, scope: Scope): void => {
    switch (n.type) {
      case 'Identifier': {
        if (isMasked(n)) return;
        if (env.variables.includes(n.name) || n.name === '$env' || scope.vars.has(n.name)) return;
        const hint = env.variables.includes('result') ? suggestName(n.name) : undefined;
        const what =
          env.functions[n.name] !== undefined || BUILTINS[n.name]
            ? `${n.name} is a function: call it`
            : hint && hint !== n.name
              ? `did you mean ${hint}?`
              : env.variables.length
                ? `the only variable is ${env.variables.join(', ')}`
                : 'no variables are defined here';
        report({ kind: 'unknown-name', message: `unknown name ${n.name} (${what})`, start: n.start, end: n.end });
        return;
      }
      case 'Pointer': {
        const ok = n.name === '' || n.name === 'index' || (n.name === 'acc' && scope.predicate?.reduce);
        if (!ok) report({ kind: 'unknown-name', message: `unknown pointer #${n.name}`, start: n.start, end: n.end });
        return;
      }
      case 'Call': {
        if (n.callee.type === 'Member') break;
        const name = n.callee.name;
        const at = { start: n.nameStart, end: n.nameEnd };
        if (isMasked(n.callee)) break;
        if (scope.vars.has(name)) break;
        if (env.functions[name] !== undefined) {
          const want = env.functions[name];
          if (n.args.length !== want) {
            const more = n.args.length < want ? `not enough arguments to call ${name}` : `too many arguments to call ${name}`;
            const note = name === 'default' ? ' (Argo Rollouts\' default(value, fallback) takes exactly two arguments and ignores the first: it returns fallback when result is nil)' : '';
            report({ kind: 'arity', message: `${more}${note}`, ...at });
          }
          break;
        }
        const info = BUILTINS[name];
        if (info) {
          const err = arityError(name, info, n.args.length);
          if (err) report({ kind: 'arity', message: err, ...at });
          break;
        }
        const hint = suggestName(name);
        const added = Object.keys(env.functions).join(', ');
        report({
          kind: 'unknown-name',
          message: `unknown name ${name}: ${name}() is neither an expr built-in nor one of the functions Argo Rollouts adds (${added})${hint ? `; did you mean ${hint}?` : ''}`,
          ...at,
        });
        for (const a of n.args) visit(a, scope);
        return;
      }
      case 'Predicate': {
        visit(n.body, { vars: scope.vars, predicate: { reduce: scope.predicate?.reduce ?? false } });
        return;
      }
      case 'Let': {
        visit(n.value, scope);
        const at = { start: n.nameStart, end: n.nameEnd };
        if (env.variables.includes(n.name) || n.name === '$env') report({ kind: 'type', message: `cannot redeclare ${n.name}`, ...at });
        else if (env.functions[n.name] !== undefined) report({ kind: 'type', message: `cannot redeclare function ${n.name}`, ...at });
        else if (BUILTINS[n.name]) report({ kind: 'type', message: `cannot redeclare builtin ${n.name}`, ...at });
        else if (scope.vars.has(n.name)) report({ kind: 'type', message: `cannot redeclare variable ${n.name}`, ...at });
        visit(n.body, { ...scope, vars: new Set([...scope.vars, n.name]) });
        return;
      }
      case 'Binary': {
        const l = typeOf(n.left, scope);
        const r = typeOf(n.right, scope);
        const clash = (what: string) => report({ kind: 'type', message: what, start: n.opStart, end: n.opStart + n.op.length });
        const known = (t: StaticType) => t !== 'unknown' && t !== 'number';
        if (['<', '>', '<=', '>='].includes(n.op) && known(l) && known(r)) {
          const ordered = (t: StaticType) => NUMERIC.has(t) || t === 'string' || t === 'time' || t === 'duration';
          const same = (NUMERIC.has(l) && NUMERIC.has(r)) || l === r;
          if (!same || !ordered(l)) clash(`invalid operation: ${n.op} (mismatched types ${GO_TYPE[l] ?? l} and ${GO_TYPE[r] ?? r})`);
        } else if (['and', 'or', '&&', '||'].includes(n.op)) {
          for (const t of [l, r]) if (known(t) && t !== 'bool') clash(`invalid operation: ${n.op} (mismatched types ${GO_TYPE[l] ?? l} and ${GO_TYPE[r] ?? r})`);
        } else if (ARITHMETIC.has(n.op) && known(l) && known(r)) {
          const ok = (NUMERIC.has(l) && NUMERIC.has(r)) || (n.op === '+' && l === 'string' && r === 'string');
          if (!ok && !(l === 'time' || r === 'time' || l === 'duration' || r === 'duration')) clash(`invalid operation: ${n.op} (mismatched types ${GO_TYPE[l] ?? l} and ${GO_TYPE[r] ?? r})`);
        }
        break;
      }
      case 'Unary': {
        const t = typeOf(n.operand, scope);
        if ((n.op === 'not' || n.op === '!') && t !== 'unknown' && t !== 'bool') {
          report({ kind: 'type', message: `invalid operation: ${n.op} (mismatched type ${GO_TYPE[t] ?? t})`, start: n.start, end: n.start + n.op.length });
        }
        break;
      }
    }
    if (n.type === 'Call' && n.callee.type === 'Identifier' && n.callee.name === 'reduce') {
      // #acc exists in reduce's predicate only.
      for (const a of n.args) visit(a, a.type === 'Predicate' ? { vars: scope.vars, predicate: { reduce: true } } : scope);
      return;
    }
    for (const c of children(n)) visit(c, scope);
  };
  visit(ast, { vars: new Set() });

  const out = typeOf(ast, { vars: new Set() });
  const want = env.expect === 'bool' ? 'bool' : 'time';
  if (out !== want && out !== 'unknown' && !isMasked(ast)) {
    const got = GO_TYPE[out];
    const goWant = want === 'bool' ? 'bool' : 'time.Time';
    problems.push({ kind: 'result', message: `expected ${goWant}, but got ${got ?? 'a number'}`, start: ast.start, end: ast.end });
  }
  return { ast, problems, masked };
}

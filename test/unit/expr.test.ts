// The expr-lang parser and the Argo Rollouts condition checks (argo-rollouts.md §2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseExpr } from '../../server/src/semantics/expr/parser';
import { tokenize } from '../../server/src/semantics/expr/lexer';
import { analyzeCondition, maskPlaceholders, TIME_ENV } from '../../server/src/semantics/expr/condition';
import type { ExprNode } from '../../server/src/semantics/expr/ast';
import { sharedRoot } from '../helpers/paths';

/** A compact rendering of the tree, to assert precedence and shape. */
function show(n: ExprNode): string {
  switch (n.type) {
    case 'Literal':
      return n.kind === 'string' || n.kind === 'bytes' ? JSON.stringify(n.value) : String(n.value);
    case 'Identifier':
      return n.name;
    case 'Pointer':
      return `#${n.name}`;
    case 'Unary':
      return `(${n.op} ${show(n.operand)})`;
    case 'Binary':
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case 'Member':
      return n.computed ? `${show(n.object)}${n.optional ? '?.' : ''}[${show(n.property)}]` : `${show(n.object)}${n.optional ? '?.' : '.'}${String((n.property as { value: unknown }).value)}`;
    case 'Slice':
      return `${show(n.object)}[${n.from ? show(n.from) : ''}:${n.to ? show(n.to) : ''}]`;
    case 'Call':
      return `${n.callee.type === 'Identifier' ? n.callee.name : show(n.callee)}(${n.args.map(show).join(', ')})`;
    case 'Predicate':
      return `{${show(n.body)}}`;
    case 'Array':
      return `[${n.items.map(show).join(', ')}]`;
    case 'Map':
      return `{${n.pairs.map((p) => `${show(p.key)}: ${show(p.value)}`).join(', ')}}`;
    case 'Conditional':
      return `(${show(n.cond)} ? ${show(n.then)} : ${show(n.otherwise)})`;
    case 'Let':
      return `(let ${n.name} = ${show(n.value)}; ${show(n.body)})`;
    case 'Sequence':
      return `(${n.items.map(show).join('; ')})`;
  }
}

const tree = (src: string) => {
  const r = parseExpr(src);
  assert.equal(r.error, undefined, `${src}: ${r.error?.message}`);
  return show(r.ast!);
};

test('precedence and associativity follow expr', () => {
  assert.equal(tree('1 + 2 * 3'), '(1 + (2 * 3))');
  assert.equal(tree('1 - 2 - 3'), '((1 - 2) - 3)');
  assert.equal(tree('2 ** 3 ** 2'), '(2 ** (3 ** 2))');
  assert.equal(tree('2 ^ 3 ^ 2'), '(2 ^ (3 ^ 2))');
  assert.equal(tree('-2 ** 2'), '(- (2 ** 2))');
  assert.equal(tree('a or b and c'), '(a or (b and c))');
  assert.equal(tree('a || b && c == d'), '(a || (b && (c == d)))');
  assert.equal(tree('not a == b'), '((not a) == b)');
  assert.equal(tree('!a && b'), '((! a) && b)');
  assert.equal(tree('1..3 == [1, 2, 3]'), '((1 .. 3) == [1, 2, 3])');
  assert.equal(tree('a ?? b ?? c'), '((a ?? b) ?? c)');
  assert.equal(tree('x + y ?? 0'), '(x + (y ?? 0))');
});

test('chained comparisons become conjunctions', () => {
  assert.equal(tree('0 < result < 1'), '((0 < result) && (result < 1))');
  assert.equal(tree('0 <= result[0] <= 1 || isNaN(result)'), '(((0 <= result[0]) && (result[0] <= 1)) || isNaN(result))');
});

test('negated operators, membership and string operators', () => {
  assert.equal(tree('10 not in result'), '(not (10 in result))');
  assert.equal(tree('result not contains "x"'), '(not (result contains "x"))');
  assert.equal(tree('result matches "^ok" and result startsWith "o" and result endsWith "k"'), '(((result matches "^ok") and (result startsWith "o")) and (result endsWith "k"))');
  assert.equal(tree('not (10 in result)'), '(not (10 in result))');
});

test('member, index, slice, optional chaining and methods', () => {
  assert.equal(tree('result.a.b'), 'result.a.b');
  assert.equal(tree("result['average.duration'] >= 15.0"), '(result["average.duration"] >= 15)');
  assert.equal(tree('result[-1]'), 'result[(- 1)]');
  assert.equal(tree('result[1:3]'), 'result[1:3]');
  assert.equal(tree('result[:2]'), 'result[:2]');
  assert.equal(tree('result[1:]'), 'result[1:]');
  assert.equal(tree('result[:]'), 'result[:]');
  assert.equal(tree('result?.a?.b'), 'result?.a?.b');
  assert.equal(tree('result?.[0]'), 'result?.[0]');
  assert.equal(tree('result.items[0].value'), 'result.items[0].value');
  assert.equal(tree('result.matches'), 'result.matches');
  assert.equal(tree('result.Get("x")'), 'result.Get("x")');
});

test('calls, predicates, pipes', () => {
  assert.equal(tree('all(result, {# < 0.05})'), 'all(result, {(# < 0.05)})');
  assert.equal(tree('all(result, # < 1000)'), 'all(result, {(# < 1000)})');
  assert.equal(tree('all(result.service_apdex.values.values, {asFloat(.value) >= 9900})'), 'all(result.service_apdex.values.values, {(asFloat(#.value) >= 9900)})');
  assert.equal(tree('filter(result, {#index > 0})'), 'filter(result, {(#index > 0)})');
  assert.equal(tree('reduce(result, #acc + #, 0)'), 'reduce(result, {(#acc + #)}, 0)');
  assert.equal(tree('count(result)'), 'count(result)');
  assert.equal(tree('sortBy(result, .x, "desc")'), 'sortBy(result, {#.x}, "desc")');
  assert.equal(tree('result | filter(# > 1) | len() > 0'), '(len(filter(result, {(# > 1)})) > 0)');
  assert.equal(tree('map(result, {let x = #; x * 2})'), 'map(result, {(let x = #; (x * 2))})');
  assert.equal(tree('max(result) < 0.05'), '(max(result) < 0.05)');
});

test('literals', () => {
  assert.equal(tree('0x2A == 42 && 0o52 == 42 && 0b101010 == 42 && 1_000 == 1000'), '((((42 == 42) && (42 == 42)) && (42 == 42)) && (1000 == 1000))');
  assert.equal(tree('.5 + 0.5 + 1e3 + 1.5e-3'), '(((0.5 + 0.5) + 1000) + 0.0015)');
  assert.equal(tree("'single' + \"double\" + `raw\nline`"), '(("single" + "double") + "raw\\nline")');
  assert.equal(tree('"a\\tb\\u00e9\\x41"'), JSON.stringify('a\tbéA'));
  assert.equal(tree('{a: 1, "b": 2, 3: 4, (x): 5}'), '{"a": 1, "b": 2, "3": 4, x: 5}');
  assert.equal(tree('[1, 2, 3,]'), '[1, 2, 3]');
  assert.equal(tree('nil == result'), '(null == result)');
  assert.equal(tree('b"bytes" != nil'), '("bytes" != null)');
});

test('ternary, if/else, let, sequences, comments', () => {
  assert.equal(tree('result > 0 ? true : false'), '((result > 0) ? true : false)');
  assert.equal(tree('result ?: 0'), '(result ? result : 0)');
  assert.equal(tree('if result > 1 { true } else if result < 0 { false } else { nil }'), '((result > 1) ? true : ((result < 0) ? false : null))');
  assert.equal(tree('let x = result[0]; let y = 2; x < y'), '(let x = result[0]; (let y = 2; (x < y)))');
  assert.equal(tree('result > 0 /* positive */ && // and small\n result < 1'), '((result > 0) && (result < 1))');
  assert.equal(tree('1; 2'), '(1; 2)');
});

// Expressions from the Argo Rollouts docs, examples and tests, and from the shared corpus: all must parse and check clean.
const UPSTREAM_VALID = [
  'default(result, 0) > 5',
  'isInf(result)',
  'result < 0.95',
  'result.Status == -1',
  'result[0] < 0.50',
  'result[0] >= 10',
  'all(result, # < 1000)',
  'all(result.service_apdex.values.values, {asFloat(.value) >= 9900})',
  'len(result[0].Values) >= 5 and all(result[0].Values, {# <= 0.01})',
  'result.ok && result.successPercent >= 0.90',
  'default(result, 0) < 0.05',
  'default(result, 0) < 10',
  'isNaN(result) || result >= 0.95',
  'len(result) == 0 || result[0] >= 0.95',
  'len(result) > 0 && result[0] >= 0.95',
  'max(result) < 0.05 ',
  'result <= 0.01',
  'result == "I am OK"',
  'result == "true"',
  "result == 'It worked!'",
  "result == 'true'",
  'result == true',
  'result >= 0.95',
  'result.Status == 999',
  "result.major == '1'",
  'result.successRate >= 0.95',
  'result[0] <= 0.01',
  'result[0] >= 0.90',
  '10.000000 not in result',
  'all(result, # < 10)',
  'asFloat(result) < 1.3',
  'asInt(result) <= 0',
  'false',
  'len(result) != 2',
  'result != 10',
  'result == false',
  'result.a <= 0 && result.b && all(result.c, {# < 5}) && result.d == nil',
  "result.count != 10 or result['average.duration'] >= 15.0",
  'result[0].Values[0] != 0.1',
  'result[1] <  20',
  'result[2].count < 20',
  '10 in result',
  'any(result, {# > 5})',
  'max(result) < 1000000',
  'result >= 0.9 || isNaN(result)',
  'isNil(result) || result < 5',
  'result > {{args.metric-name}}',
  'result == "{{args.success-condition}}"',
  'default(result, 0) > {{ args.restarts.max-restarts }}',
  'result[0] >= {{args.threshold}}',
];

test('upstream conditions parse and check clean', () => {
  for (const src of UPSTREAM_VALID) {
    const r = analyzeCondition(src);
    assert.deepEqual(r.problems, [], src);
    assert.ok(r.ast, src);
  }
});

test('conditions found in the shared corpus parse and check clean', () => {
  const dir = path.join(sharedRoot, 'corpus');
  if (!fs.existsSync(dir)) return;
  const found: string[] = [];
  const walkDir = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walkDir(p);
      else if (/\.ya?ml$/.test(name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:success|failure)Condition: *(.+)$/gm)) found.push(m[1].replace(/^(["'])(.*)\1$/, '$2'));
      }
    }
  };
  walkDir(dir);
  assert.ok(found.length > 0);
  for (const src of found) assert.deepEqual(analyzeCondition(src).problems, [], src);
});

/** Broken expressions, the column (0-based offset) the error must start at, and the message. */
const BROKEN: Array<[string, number, string | RegExp]> = [
  ['result[0] 10.000000', 10, 'unexpected token Number("10.000000")'],
  ['result[0] >=', 11, 'unexpected token EOF'],
  ['result[0 >= 0.95', 15, /unexpected token EOF|unexpected end/],
  ['result[0]) >= 0.95', 9, 'unexpected token Bracket(")")'],
  ['(result[0] >= 0.95', 17, 'unexpected token EOF'],
  ['result[0] => 0.95', 10, 'unexpected token Operator("=")'],
  ['result[0] = 0.95', 10, 'unexpected token Operator("=")'],
  ['result[0] >= 0.95 AND result[1] < 2', 18, 'unexpected token Identifier("AND")'],
  ['result[0] >= 0.95 & result[1] < 2', 18, 'unexpected token Operator("&")'],
  ["result == 'ok", 12, 'literal not terminated'],
  ['result == "ok\\q"', 14, 'invalid char escape'],
  ['result @ 1', 7, "unrecognized character: U+0040 '@'"],
  ['1.2.3 > result', 3, /bad number syntax|unexpected token/],
  ['0x > 1', 0, /invalid hex literal/],
  ['1e > result', 0, /invalid float literal/],
  ['result > 0 /* unclosed', 21, 'unclosed comment'],
  ['result ?? 0 > 1', 12, 'Operator (>) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.'],
  ['result not 1', 11, 'unexpected token Number("1")'],
  ['all(result)', 10, 'expected at least 2 arguments'],
  ['{a 1}', 3, 'unexpected token Number("1")'],
  ['result.', 6, 'unexpected end of expression'],
  ['result[0] >= 0.95 ? true', 23, 'unexpected token EOF'],
  ['if result { true }', 17, /unexpected/],
];

test('broken expressions fail at the right column with expr\'s message', () => {
  for (const [src, at, message] of BROKEN) {
    const r = analyzeCondition(src);
    assert.equal(r.problems.length, 1, `${src}: ${JSON.stringify(r.problems)}`);
    const p = r.problems[0];
    assert.equal(p.kind, 'syntax', src);
    assert.equal(p.start, at, `${src}: ${p.message} at ${p.start}`);
    if (typeof message === 'string') assert.equal(p.message, message, src);
    else assert.match(p.message, message, src);
  }
});

test('names outside the environment are unknown, with a hint', () => {
  const check = (src: string) => analyzeCondition(src).problems.map((p) => `${p.kind}@${p.start}: ${p.message}`);
  assert.deepEqual(check('invalidVar == true'), ['unknown-name@0: unknown name invalidVar (the only variable is result)']);
  assert.deepEqual(check('results[0] >= 90.000000'), ['unknown-name@0: unknown name results (did you mean result?)']);
  assert.match(check('isnan(result) || result > 1')[0], /^unknown-name@0: unknown name isnan: .*did you mean isNaN\?$/);
  assert.match(check('length(result) > 0')[0], /did you mean len\?/);
  assert.deepEqual(check('len > 0'), ['unknown-name@0: unknown name len (len is a function: call it)']);
  assert.deepEqual(check('all(result, {#acc > 0})'), ['unknown-name@13: unknown pointer #acc']);
  assert.deepEqual(check('reduce(result, #acc + #, 0) > 0'), []);
  assert.deepEqual(check('let t = 0.95; result[0] >= t'), []);
  assert.deepEqual(check('let result = 1; result > 0'), ['type@4: cannot redeclare result']);
  assert.deepEqual(check('$env.result > 0'), []);
});

test('arity of Argo helpers and built-ins', () => {
  const check = (src: string) => analyzeCondition(src).problems.map((p) => `${p.kind}@${p.start}: ${p.message}`);
  assert.match(check('default(result) < 5')[0], /^arity@0: not enough arguments to call default/);
  assert.match(check('default(result, 0, 1) < 5')[0], /^arity@0: too many arguments to call default/);
  assert.deepEqual(check('isNaN(result, 1)'), ['arity@0: too many arguments to call isNaN']);
  assert.deepEqual(check('len(result, 1) > 0'), ['arity@0: invalid number of arguments (expected 1, got 2)']);
  assert.deepEqual(check('max() > 0'), ['arity@0: not enough arguments to call max']);
  assert.deepEqual(check('split(result) != nil'), ['arity@0: no matching overload for split']);
  assert.deepEqual(check('upper(result, 1) == "X"'), ['arity@0: too many arguments to call upper']);
});

test('non-boolean results and obvious type clashes', () => {
  const check = (src: string) => analyzeCondition(src).problems.map((p) => `${p.kind}@${p.start}: ${p.message}`);
  assert.match(check('result[0] * 100')[0], /^result@0: expected bool, but got a number/);
  assert.match(check('asFloat(result)')[0], /expected bool, but got float64/);
  assert.match(check('len(result)')[0], /expected bool, but got int/);
  assert.match(check('"true"')[0], /expected bool, but got string/);
  assert.deepEqual(check('result[0]'), []);
  assert.deepEqual(check('default(result, false)'), []);
  assert.deepEqual(check('len(result) > "3"'), ['type@12: invalid operation: > (mismatched types int and string)']);
  assert.deepEqual(check('len(result) and true'), ['type@12: invalid operation: and (mismatched types int and bool)']);
  assert.deepEqual(check('not 5'), ['type@0: invalid operation: not (mismatched type int)']);
});

test('placeholders are masked to same-length names and never blamed', () => {
  const m = maskPlaceholders('result[0] >= {{args.threshold}} && "{{ args.x }}" != ""');
  assert.equal(m.text.length, 'result[0] >= {{args.threshold}} && "{{ args.x }}" != ""'.length);
  assert.deepEqual(m.spans, [[13, 31], [36, 48]]);
  assert.deepEqual(analyzeCondition('result[0] {{args.op}} 0.5').problems, []);
  assert.deepEqual(analyzeCondition('{{args.condition}}').problems, []);
  // An error away from the placeholder is still found, at its own column.
  const p = analyzeCondition('result[0] >= {{args.threshold}} &&').problems;
  assert.equal(p.length, 1);
  assert.equal(p[0].start, 33);
});

test('lexer offsets are string offsets, astral characters included', () => {
  const { tokens } = tokenize('result == "😀" && x');
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.start, t.end]),
    [
      ['Identifier', 0, 6],
      ['Operator', 7, 9],
      ['String', 10, 14],
      ['Operator', 15, 17],
      ['Identifier', 18, 19],
      ['EOF', 18, 19],
    ],
  );
});

test('rangeQuery start/end expressions use the EvalTime environment', () => {
  const check = (src: string) => analyzeCondition(src, TIME_ENV).problems.map((p) => `${p.kind}@${p.start}: ${p.message}`);
  assert.deepEqual(check('now() - duration("{{args.lookback}}")'), []);
  assert.deepEqual(check('now()'), []);
  assert.deepEqual(check('now() - duration("1h") > 0'), ['type@23: invalid operation: > (mismatched types time.Time and int)', 'result@0: expected time.Time, but got bool']);
  assert.match(check('result')[0], /^unknown-name@0: unknown name result \(no variables are defined here\)/);
  assert.deepEqual(check('"2024-01-01"'), ['result@0: expected time.Time, but got string']);
});

test('pathological input fails cleanly instead of exhausting the stack', () => {
  const deep = '('.repeat(5000) + 'result' + ')'.repeat(5000) + ' > 0';
  assert.match(analyzeCondition(deep).problems[0].message, /nested too deeply/);
  const long = Array.from({ length: 6000 }, () => 'result').join(' + ') + ' > 0';
  assert.match(analyzeCondition(long).problems[0]?.message ?? '', /maximum allowed nodes/);
  const chain = Array.from({ length: 3000 }, () => 'result').join(' + ') + ' > 0';
  assert.ok(Array.isArray(analyzeCondition(chain).problems));
});

test('identifiers: ASCII letters, digits, _ and $, and Unicode letters and digits (expr-lang lexer)', () => {
  const idents = (src: string) => tokenize(src).tokens.filter((t) => t.kind === 'Identifier').map((t) => t.value);
  assert.deepEqual(idents('_a1 $b2 été x٣ Zz'), ['_a1', '$b2', 'été', 'x٣', 'Zz']);
  assert.deepEqual(idents('a-b'), ['a', 'b']);
});

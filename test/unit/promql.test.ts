// PromQL checks of prometheus provider queries (argo-rollouts.md §1.6.5, §2.3; seeds 002, 004).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, visit, isMap, isScalar } from 'yaml';
import { analyzePromql, promDurationSeconds } from '../../server/src/semantics/promql/promql';
import { sharedRoot } from '../helpers/paths';

// Queries from the Argo Rollouts docs/examples and the field guides: all must parse clean.
const VALID = [
  'sum(rate(http_requests_total{job="x",code!~"5.."}[5m])) / sum(rate(http_requests_total{job="x"}[5m]))',
  `sum(irate(
  istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code!~"5.*"}[5m]
)) /
sum(irate(
  istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}"}[5m]
))
`,
  'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{service="{{args.service-name}}"}[2m])) by (le))',
  'sum by (le) (rate(x_bucket[5m]))',
  'scalar(sum(rate(x[1m])))',
  'x > bool 1',
  'x[5m:1m] offset 1h',
  'max_over_time(up{job="a"}[10m]) == 0',
  'quantile_over_time(0.9, x[5m])',
  'sum(rate(x{pod=~"{{args.canary-hash}}.*"}[{{args.window}}]))',
  'sum(rate(x[5m])) > {{args.threshold}}',
  'sum({{args.metric}}{job="a"})',
  'count(up) # trailing comment',
  'x @ start()',
  'vector(1)',
  '1 + 2',
];

test('upstream-style queries parse clean', () => {
  for (const q of VALID) assert.deepEqual(analyzePromql(q).problems, [], q);
});

test('prometheus queries in the shared corpus parse clean', () => {
  const dir = path.join(sharedRoot, 'corpus');
  if (!fs.existsSync(dir)) return;
  let n = 0;
  const walkDir = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walkDir(p);
      else if (/\.ya?ml$/.test(name)) {
        for (const doc of parseAllDocuments(fs.readFileSync(p, 'utf8'))) {
          if (doc.errors.length) continue;
          visit(doc, {
            Pair: (_k, pair) => {
              if (!isScalar(pair.key) || pair.key.value !== 'prometheus' || !isMap(pair.value)) return;
              const query = pair.value.get('query');
              if (typeof query !== 'string') return;
              n++;
              assert.deepEqual(analyzePromql(query).problems, [], `${p}: ${query}`);
            },
          });
        }
      }
    }
  };
  walkDir(dir);
  assert.ok(n > 0);
});

const BROKEN: Array<[string, number, RegExp]> = [
  ['rate(x[5m]', 4, /unclosed left parenthesis/],
  ['sum(rate(x[5m]))) ', 16, /unexpected right parenthesis/],
  ['x{job="a"', 1, /unclosed left brace/],
  ['rate(x[5m)', 9, /unexpected right parenthesis '\)'/],
  ['foo bar', 4, /unexpected "bar"/],
  ['x and ', 4, /unexpected end of input/],
  ['x{a=b}', 4, /unexpected "b"/],
  ['x[5x]', 3, /unexpected "x"/],
  ['x{job="a}', 6, /unterminated quoted string/],
  ['sum(x)[5m]', 0, /ranges only allowed for vector selectors/],
  ['rate(x)', 5, /expected type range vector in call to function "rate", got instant vector/],
  ['sum(x[5m])', 4, /expected type instant vector in aggregation expression, got range vector/],
  ['x[5m] / 2', 0, /binary expression must contain only scalar and instant vector types/],
  ['1 > 2', 2, /comparisons between scalars must use BOOL modifier/],
  ['sum(rate(x{job="{{args.job}}"}[5m]) / ', 3, /unclosed left parenthesis|unexpected end/],
];

test('broken queries fail at the right offset', () => {
  for (const [q, at, message] of BROKEN) {
    const r = analyzePromql(q);
    assert.equal(r.problems.length, 1, `${q}: ${JSON.stringify(r.problems)}`);
    assert.match(r.problems[0].message, message, q);
    assert.equal(r.problems[0].start, at, `${q}: ${r.problems[0].message}`);
  }
});

test('placeholders never cause errors of their own', () => {
  assert.deepEqual(analyzePromql('sum(rate(x[{{args.window}}])) {{args.op}} 0.5').problems, []);
  assert.deepEqual(analyzePromql('{{args.query}}').problems, []);
  assert.deepEqual(analyzePromql('x{job="{{args.job}}"} offset {{args.offset}}').problems, []);
});

test('value types decide the shape of result', () => {
  assert.equal(analyzePromql('sum(rate(x[5m]))').valueType, 'vector');
  assert.equal(analyzePromql('scalar(sum(rate(x[5m])))').valueType, 'scalar');
  assert.equal(analyzePromql('scalar(sum(rate(x[5m]))) / 2').valueType, 'scalar');
  assert.equal(analyzePromql('x[5m]').valueType, 'matrix');
  assert.equal(analyzePromql('sum(x) / sum(y)').valueType, 'vector');
  assert.equal(analyzePromql('1 - (sum(x) / sum(y))').valueType, 'vector');
  assert.equal(analyzePromql('{{args.query}}').valueType, 'unknown');
});

test('range windows are collected with their function', () => {
  const r = analyzePromql('sum(rate(x[5m])) / sum(increase(y[1h30m])) + max_over_time(z[90s:15s])');
  assert.deepEqual(
    r.ranges.map((w) => [w.fn, w.seconds, w.text, w.subquery]),
    [
      ['rate', 300, '5m', false],
      ['increase', 5400, '1h30m', false],
      ['max_over_time', 90, '90s', true],
    ],
  );
  assert.deepEqual(analyzePromql('rate(x[{{args.w}}])').ranges, []);
  assert.equal(promDurationSeconds('300'), 300);
  assert.equal(promDurationSeconds('1d'), 86400);
  assert.equal(promDurationSeconds('5x'), undefined);
});

test('pathological queries are analysed without exhausting the stack', () => {
  const deep = '('.repeat(3000) + 'up' + ')'.repeat(3000);
  assert.deepEqual(analyzePromql(deep).problems, []);
  const chain = Array.from({ length: 3000 }, () => 'up').join(' + ');
  assert.deepEqual(analyzePromql(chain).problems, []);
});

test('query shape: string texts blanked, everything that can change the reading kept', async () => {
  const { queryShape } = await import('../../server/src/semantics/promql/query-shape');
  assert.equal(queryShape('sum(rate(x{pod=~"a-0042-.*",ns=\'shop\'}[5m]))'), 'sum(rate(x{pod=~"xxxxxxxxx",ns=\'xxxx\'}[5m]))');
  assert.equal(queryShape('x{a="{{args.n}}",b="v"}'), 'x{a="{{args.n}}",b="x"}');
  assert.equal(queryShape('x{a="q\\"uote"}'), 'x{a="q\\"uote"}', 'escapes: left alone');
  assert.equal(queryShape('x{a="(("}'), 'x{a="(("}', 'brackets count toward the nesting guard');
  assert.equal(queryShape('x{a="unterminated}'), 'x{a="unterminated}');
  assert.equal(queryShape('x # "comment"\n+ y{a=`raw`}'), 'x # "comment"\n+ y{a=`raw`}');
  assert.equal(queryShape('up'), 'up');
});

test('queries of one shape get the analysis each would get alone', () => {
  const queries = [
    'sum(rate(http_requests_total{pod=~"shape-one-.*"}[7m])) / 3',
    'sum(rate(http_requests_total{pod=~"shape-two-.*"}[7m])) / 3',
    'rate(x{a="shape-bad"}[5m]) > 1 and 2',
    'rate(x{a="shape-odd"}[5m]) > 1 and 2',
    'x{a="shape-a"}[5m]',
    'x{a="shape-b"}[5m]',
  ];
  const first = queries.map((q) => JSON.stringify(analyzePromql(q)));
  // Each analyzed again, in the other order, after its shape-mate was analyzed first.
  for (let i = queries.length - 1; i >= 0; i--) assert.equal(JSON.stringify(analyzePromql(queries[i])), first[i]);
  assert.deepEqual(analyzePromql(queries[0]).ranges.map((r) => r.text), ['7m']);
  assert.ok(analyzePromql(queries[2]).problems.length > 0);
});

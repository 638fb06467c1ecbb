// TextMate injection grammars, tokenized with vscode-textmate and oniguruma as VS Code does.
// Each case names a substring of a line and a scope it must carry.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const vsctm = require('vscode-textmate') as typeof import('vscode-textmate');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oniguruma = require('vscode-oniguruma') as typeof import('vscode-oniguruma');

const GRAMMARS: Record<string, string> = {
  'source.yaml': path.join(repoRoot, 'test', 'grammar', 'yaml-host.tmLanguage.json'),
  'fleet-rollouts.args.injection': path.join(repoRoot, 'syntaxes', 'args.injection.tmLanguage.json'),
  'fleet-rollouts.promql.injection': path.join(repoRoot, 'syntaxes', 'promql.injection.tmLanguage.json'),
  'fleet-rollouts.expr.injection': path.join(repoRoot, 'syntaxes', 'expr.injection.tmLanguage.json'),
};

let grammar: import('vscode-textmate').IGrammar;

before(async () => {
  const wasm = fs.readFileSync(path.join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope: string) => (GRAMMARS[scope] ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMARS[scope], 'utf8'), GRAMMARS[scope]) : null),
    getInjections: (scope: string) => (scope === 'source.yaml' ? ['fleet-rollouts.args.injection', 'fleet-rollouts.promql.injection', 'fleet-rollouts.expr.injection'] : undefined),
  });
  grammar = (await registry.loadGrammar('source.yaml'))!;
});

/** Scopes of every character of every line. */
function tokenize(text: string): string[][][] {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    const perChar: string[][] = [];
    for (const t of r.tokens) for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) perChar[i] = t.scopes;
    return perChar;
  });
}

function expectScope(text: string, lineNo: number, needle: string, scope: string, occurrence = 0): void {
  const lines = text.split('\n');
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = lines[lineNo].indexOf(needle, at + 1);
  assert.ok(at !== -1, `"${needle}" on line ${lineNo}`);
  const scopes = tokenize(text)[lineNo];
  for (let i = at; i < at + needle.length; i++) assert.ok(scopes[i]?.includes(scope), `"${needle}" char ${i - at} on line ${lineNo} has ${scope}; got ${scopes[i]?.join(' ')}`);
}

const TEMPLATE = [
  'spec:',
  '  args:',
  '    - name: service-name',
  '  metrics:',
  '    - name: success-rate',
  '      successCondition: len(result) == 0 || result[0] >= {{args.threshold}}',
  '      failureCondition: "isNaN(result) or default(result, 0) < 0.5"',
  '      provider:',
  '        prometheus:',
  '          query: |',
  '            sum by (code) (rate(http_requests_total{service="{{args.service-name}}", code=~"5.."}[5m]))',
  '            / on() group_left',
  '            sum(rate(http_requests_total[5m]))',
  '      count: 5',
  '    - query: histogram_quantile(0.99, sum by (le) (rate(latency_bucket[2m])))',
  '      interval: 1m',
].join('\n');

test('{{args.x}} placeholders anywhere', () => {
  expectScope(TEMPLATE, 5, 'threshold', 'variable.other.readwrite.arg.fleet-rollouts');
  expectScope(TEMPLATE, 5, '{{', 'punctuation.definition.template-expression.begin.fleet-rollouts');
  expectScope(TEMPLATE, 10, 'service-name', 'variable.other.readwrite.arg.fleet-rollouts');
});

test('expr in successCondition and failureCondition', () => {
  expectScope(TEMPLATE, 5, 'len', 'support.function.builtin.expr');
  expectScope(TEMPLATE, 5, 'result', 'variable.language.result.expr');
  expectScope(TEMPLATE, 5, '==', 'keyword.operator.expr');
  expectScope(TEMPLATE, 5, 'successCondition', 'entity.name.tag.yaml');
  expectScope(TEMPLATE, 6, 'isNaN', 'support.function.argo.expr');
  expectScope(TEMPLATE, 6, 'or', 'keyword.operator.word.expr');
  expectScope(TEMPLATE, 6, 'default', 'support.function.argo.expr');
  expectScope(TEMPLATE, 6, '0.5', 'constant.numeric.expr');
});

test('PromQL in block-scalar and single-line queries, and where it stops', () => {
  expectScope(TEMPLATE, 10, 'sum', 'support.function.aggregation.promql');
  expectScope(TEMPLATE, 10, 'by', 'keyword.operator.word.promql');
  expectScope(TEMPLATE, 10, 'rate', 'support.function.promql');
  expectScope(TEMPLATE, 10, 'http_requests_total', 'variable.other.metric.promql');
  expectScope(TEMPLATE, 10, 'service', 'entity.name.label.promql');
  expectScope(TEMPLATE, 10, '"5.."', 'string.quoted.double.promql');
  expectScope(TEMPLATE, 10, '5m', 'constant.numeric.duration.promql');
  expectScope(TEMPLATE, 11, 'group_left', 'keyword.operator.word.promql');
  expectScope(TEMPLATE, 12, '5m', 'constant.numeric.duration.promql');
  const count = tokenize(TEMPLATE)[13];
  assert.ok(!count[8]?.some((s) => s.endsWith('.promql')), `count: 5 after the block is YAML again: ${count[8]?.join(' ')}`);
  expectScope(TEMPLATE, 14, 'histogram_quantile', 'support.function.promql');
  expectScope(TEMPLATE, 14, '0.99', 'constant.numeric.promql');
  expectScope(TEMPLATE, 14, '2m', 'constant.numeric.duration.promql');
  const interval = tokenize(TEMPLATE)[15];
  assert.ok(!interval[8]?.some((s) => s.endsWith('.promql')), 'the line after a single-line query is YAML');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService } from '../../server/src/language-service';
import { Checker } from '../../server/src/check/checker';
import { Workspace } from '../../server/src/engine/workspace';
import { typeIdOf } from '../../server/src/engine/kinds';
import type { Rule } from '../../server/src/rules/rule';

const surgeZero = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: nginx}]
  strategy:
    canary:
      maxSurge: 0
      maxUnavailable: 0
`;

test('diagnostic carries range on the key, severity, code, doc link and the upstream message', () => {
  const svc = new LanguageService();
  svc.setFile('file:///r.yaml', surgeZero);
  const [d] = svc.diagnostics('file:///r.yaml');
  assert.equal(d.code, 'rollouts/max-surge-unavailable-zero');
  assert.equal(d.severity, 'error');
  assert.deepEqual(d.range, { start: { line: 14, character: 16 }, end: { line: 14, character: 17 } });
  assert.match(d.message, /^spec\.strategy\.maxSurge: Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero/);
  assert.match(d.docUrl, /rules\.md#rollouts-max-surge-unavailable-zero$/);
});

test('suppression comment silences the next line; an unused one is reported', () => {
  const svc = new LanguageService();
  const text = surgeZero.replace('      maxSurge: 0\n', '      # fleet-rollouts-disable-next-line rollouts/max-surge-unavailable-zero\n      maxSurge: 0\n').replace('  selector:', '  # fleet-rollouts-disable-next-line yaml/duplicate-key\n  selector:');
  svc.setFile('file:///r.yaml', text);
  const d = svc.diagnostics('file:///r.yaml');
  assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [['fleet-rollouts/unused-suppression', 5]]);
});

test('per-rule severity settings and off', () => {
  const svc = new LanguageService();
  svc.setFile('file:///r.yaml', surgeZero);
  svc.setConfig({ ...svc.checker.config, rules: { 'rollouts/max-surge-unavailable-zero': 'warning' } });
  assert.equal(svc.diagnostics('file:///r.yaml')[0].severity, 'warning');
  svc.setConfig({ ...svc.checker.config, rules: { 'rollouts/max-surge-unavailable-zero': 'off' } });
  assert.deepEqual(svc.diagnostics('file:///r.yaml'), []);
});

test('syntax errors are errors with the parser message; a Helm template gets one info and nothing else', () => {
  const svc = new LanguageService();
  svc.setFile('file:///bad.yaml', 'kind: Rollout\nmetadata:\n  name: [unclosed\n');
  const bad = svc.diagnostics('file:///bad.yaml');
  assert.ok(bad.length >= 1 && bad.every((d) => d.code === 'yaml/syntax' && d.severity === 'error'));
  svc.setFile('file:///templates/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n---\n{{ include "x" . }}\n');
  const tpl = svc.diagnostics('file:///templates/deploy.yaml');
  assert.deepEqual(tpl.map((d) => [d.code, d.severity]), [['yaml/go-template', 'info']]);
});

test('argument placeholders inside strings are not mistaken for templates', () => {
  const svc = new LanguageService();
  svc.setFile('file:///t.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: t\nspec:\n  args: [{name: x}]\n  metrics:\n    - name: m\n      successCondition: result[0] >= {{args.x}}\n      provider:\n        prometheus:\n          address: http://p:9090\n          query: |\n            sum(rate(x{svc="{{args.x}}"}[1m]))\n');
  assert.deepEqual(svc.diagnostics('file:///t.yaml').filter((d) => d.code.startsWith('yaml/')), []);
});

test('alias bomb: reported, not expanded', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  const svc = new LanguageService();
  svc.setFile('file:///bomb.yaml', 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: lol}\ndata:\n' + lines.map((l) => '  ' + l).join('\n') + '\n');
  const d = svc.diagnostics('file:///bomb.yaml');
  assert.deepEqual(d.map((x) => x.code), ['yaml/alias-limit']);
  assert.match(d[0].message, /alias/i);
});

test('an unquoted {{args.x}} is an error that says to quote it, not a Helm template', () => {
  const svc = new LanguageService();
  svc.setFile('file:///r.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    linkerd.io/inject: {{args.linkerd-enabled}}\n');
  const d = svc.diagnostics('file:///r.yaml');
  assert.deepEqual(d.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character]), [['yaml/syntax', 'error', 5, 23]]);
  assert.match(d[0].message, /Quote it: "\{\{args\.linkerd-enabled\}\}"/);
});

test('rules sharing one context per object: each finding keeps its own rule, a failing rule is named, lookups re-check', () => {
  const cm = typeIdOf('v1', 'ConfigMap')!;
  const rule = (id: string, appliesTo: string[], check: Rule['check']): Rule => ({ id, description: id, severity: 'warning', appliesTo, upstream: '', check });
  const rules: Rule[] = [
    rule('test/any', ['*'], (o, ctx) => ctx.report({ message: `any ${o.name}` })),
    rule('test/throws', [cm], () => {
      throw new Error('boom');
    }),
    rule('test/lookup', [cm], (o, ctx) => {
      if (o.name === 'a' && ctx.find(cm, 'b').length === 0) ctx.report({ message: 'no b' });
    }),
  ];
  const ws = new Workspace();
  const checker = new Checker(ws, rules);
  const doc = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
  checker.update(ws.setFile('file:///a.yaml', doc('a')));
  const codes = () => checker.diagnostics('file:///a.yaml').map((d) => [d.code, d.message]);
  assert.deepEqual(codes(), [
    ['test/any', 'any a'],
    ['fleet-rollouts/internal-error', 'Rule test/throws failed on this document: boom'],
    ['test/lookup', 'no b'],
  ]);
  const affected = checker.update(ws.setFile('file:///b.yaml', doc('b')));
  assert.ok(affected.has('file:///a.yaml'));
  assert.deepEqual(codes().map(([c]) => c), ['test/any', 'fleet-rollouts/internal-error']);
});

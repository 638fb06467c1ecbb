// Analysis semantics (argo-rollouts.md §1.6–1.8): ValidateMetrics, Go durations, placeholders, and the
// analysis/* rules across files (a template edit re-checks the Rollouts using it), with exact columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService } from '../../server/src/language-service';
import { parseDurationSeconds } from '../../server/src/semantics/go/duration';
import { effectiveCount, validateMetrics } from '../../server/src/semantics/analysis/metrics';
import { knownArgValues, substitute, tagsOf } from '../../server/src/semantics/analysis/placeholders';
import { downwardApiError, walkRollout } from '../../server/src/semantics/analysis/field-ref';
import { metricsOf, type Obj } from '../../server/src/semantics/analysis/spec';

const prom = { prometheus: { address: 'http://p:9090', query: 'up' } };
const check = (metrics: Obj[], args: Map<string, string | undefined> = new Map()) => validateMetrics(metricsOf({ metrics }), args).map((i) => i.full);

test('ValidateMetrics messages match utils/analysis/factory_test.go', () => {
  assert.deepEqual(check([{ name: 'm', count: 1, failureLimit: 2, provider: prom }]), ['metrics[0]: count (1) must be >= failureLimit + consecutiveSuccessLimit (2 + 0) if both >= 0']);
  assert.deepEqual(check([{ name: 'm', count: 1, inconclusiveLimit: 2, interval: '1m', provider: prom }]), ['metrics[0]: count must be >= inconclusiveLimit']);
  assert.deepEqual(check([]), ['no metrics specified']);
  assert.deepEqual(check([{ name: 'm', count: 2, provider: prom }]), ['metrics[0]: interval must be specified when count > 1']);
  assert.deepEqual(check([{ name: 'success-rate', provider: prom }, { name: 'success-rate', provider: prom }]), ["metrics[1]: duplicate name 'success-rate'"]);
  assert.deepEqual(check([{ name: 'm', failureLimit: -2, provider: prom }]), ['metrics[0]: failureLimit must be >= 0, or -1 to be disabled']);
  assert.deepEqual(check([{ name: 'm', inconclusiveLimit: -1, provider: prom }]), ['metrics[0]: inconclusiveLimit must be >= 0']);
  assert.deepEqual(check([{ name: 'm', consecutiveErrorLimit: -1, provider: prom }]), ['metrics[0]: consecutiveErrorLimit must be >= 0']);
  assert.deepEqual(check([{ name: 'm', provider: {} }]), ['metrics[0]: no provider specified']);
  assert.deepEqual(check([{ name: 'm', provider: { ...prom, web: { url: 'x' } } }]), ['metrics[0]: multiple providers specified']);
  assert.deepEqual(check([{ name: 'm', provider: { plugin: { 'a/b': {}, 'c/d': {} } } }]), ['metrics[0]: multiple providers specified']);
  assert.deepEqual(check([{ name: 'm', consecutiveSuccessLimit: -1, provider: prom }]), ['metrics[0]: consecutiveSuccessLimit must be >= 0']);
  assert.deepEqual(check([{ name: 'm', failureLimit: -1, provider: prom }]), ['metrics[0]: failureLimit and consecutiveSuccessLimit cannot both be disabled']);
  assert.deepEqual(check([{ name: 'm', count: 2, failureLimit: -1, consecutiveSuccessLimit: 3, interval: '1m', provider: prom }]), ['metrics[0]: count must be >= consecutiveSuccessLimit']);
  assert.deepEqual(check([{ name: 'm', interval: '5', provider: prom }]), ['metrics[0]: invalid interval string: time: missing unit in duration "5"']);
  assert.deepEqual(check([{ name: 'm', initialDelay: 'soon', provider: prom }]), ['metrics[0]: invalid startDelay string: time: invalid duration "soon"']);
  assert.deepEqual(check([{ name: 'm', count: 5, interval: '1m', failureLimit: 1, provider: prom }]), []);
});

test('placeholders in int-or-string fields resolve from arg values; unknown values skip the rule', () => {
  const count = { name: 'm', count: '{{args.n}}', provider: prom };
  assert.deepEqual(check([count], new Map([['n', '5']])), ['metrics[0]: interval must be specified when count > 1']);
  assert.deepEqual(check([count], new Map([['n', undefined]])), []);
  // IntValue() of a non-number string is 0.
  assert.deepEqual(check([{ ...count, failureLimit: 1 }], new Map([['n', 'many']])), []);
  assert.equal(effectiveCount({ interval: '1m' }, new Map()), undefined);
  assert.equal(effectiveCount({}, new Map()), 1);
  assert.equal(effectiveCount({ interval: '1m', count: 0 }, new Map()), undefined);
  assert.equal(effectiveCount({ interval: '1m', count: '{{args.n}}' }, new Map([['n', 'dummy-value']])), undefined);
  assert.equal(effectiveCount({ interval: '1m', count: '{{args.n}}' }, new Map([['n', undefined]])), 'unknown');
  assert.deepEqual(knownArgValues([{ name: 'a', value: 'x', index: 0, path: [] }, { name: 'b', index: 1, path: [] }], new Map([['b', 'y']])), new Map([['a', 'x'], ['b', 'y']]));
  assert.equal(substitute('{{ args.a }}-{{args.b}}', new Map([['a', '1'], ['b', '2']])), '1-2');
  assert.equal(substitute('{{args.a}}', new Map()), undefined);
  assert.deepEqual(tagsOf('a {{ args.x }} b {{y'), { tags: [{ raw: ' args.x ', start: 2, end: 14 }], unclosed: 17 });
});

test('Go durations and their errors', () => {
  assert.equal(parseDurationSeconds('1h30m').seconds, 5400);
  assert.equal(parseDurationSeconds('1.5h').seconds, 5400);
  assert.equal(parseDurationSeconds('300ms').seconds, 0.3);
  assert.equal(parseDurationSeconds('0').seconds, 0);
  assert.equal(parseDurationSeconds('-1m').seconds, -60);
  assert.equal(parseDurationSeconds('1d').error, 'time: unknown unit "d" in duration "1d"');
  assert.equal(parseDurationSeconds('5').error, 'time: missing unit in duration "5"');
  assert.equal(parseDurationSeconds('').error, 'time: invalid duration ""');
  assert.equal(parseDurationSeconds('.m').error, 'time: invalid duration ".m"');
  assert.equal(parseDurationSeconds('m').error, 'time: invalid duration "m"');
  // Go's time.quote writes every non-ASCII or control byte as \xNN (argo-rollouts.md §1.4).
  assert.equal(parseDurationSeconds('5µ').error, 'time: unknown unit "\\xc2\\xb5" in duration "5\\xc2\\xb5"');
  assert.equal(parseDurationSeconds('5\tm').error, 'time: unknown unit "\\x09m" in duration "5\\x09m"');
  assert.equal(parseDurationSeconds('1µs').seconds, 0.000001);
});

test('downward API paths and Rollout field paths', () => {
  assert.equal(downwardApiError('metadata.name'), undefined);
  assert.equal(downwardApiError("metadata.labels['app']"), undefined);
  assert.equal(downwardApiError("metadata.annotations['example.com/team']"), undefined);
  assert.equal(downwardApiError("metadata.label['app']"), 'fieldPath "metadata.label[\'app\']" does not support subscript');
  assert.equal(downwardApiError('metadata.generation'), 'unsupported fieldPath: metadata.generation');
  const rollout = { spec: { template: { spec: { containers: [{ image: 'x' }] } } } };
  assert.deepEqual(walkRollout(rollout, 'spec.template.spec.containers[0].image'), { ok: true });
  assert.deepEqual(walkRollout(rollout, 'spec.template.spec.containers[1].image'), { ok: false, error: 'index 1 out of range' });
  assert.deepEqual(walkRollout(rollout, 'spec.template.spec.containers'), { ok: false, error: 'path spec.template.spec.containers in rollout must terminate in a primitive value' });
  assert.deepEqual(walkRollout(rollout, 'spec.replicas'), { ok: false, error: 'invalid path spec.replicas in rollout' });
  assert.deepEqual(walkRollout(rollout, 'status.canary.weights'), { ok: 'unknown' });
});

const TEMPLATE = (count: string) => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: service-name
  metrics:
    - name: success-rate
      interval: 1m
${count}      failureLimit: 1
      successCondition: len(result) == 0 || result[0] >= 0.95
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: |
            sum(rate(http_requests_total{service="{{args.service-name}}"}[1m]))
              / sum(rate(http_requests_total{service="{{args.service-nmae}}",code!~"5.."}[1m]))
`;

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
spec:
  selector:
    matchLabels:
      app: checkout
  template:
    metadata:
      labels:
        app: checkout
    spec:
      containers:
        - name: checkout
          image: registry.example.com/checkout:1.4.2
  strategy:
    canary:
      steps:
        - setWeight: 20
        - analysis:
            templates:
              - templateName: success-rate
            args:
              - name: service-name
                value: checkout
              - name: threshold
                value: "0.99"
`;

test('a template edit re-checks the Rollout that uses it (both directions)', () => {
  const s = new LanguageService();
  const fixed = (t: string) => t.replace('{{args.service-nmae}}', '{{args.service-name}}');
  s.setFile('file:///w/template.yaml', fixed(TEMPLATE('')));
  s.setFile('file:///w/rollout.yaml', ROLLOUT);
  const codes = () =>
    s
      .diagnostics('file:///w/rollout.yaml')
      .filter((d) => d.code.startsWith('analysis/'))
      .map((d) => `${d.range.start.line + 1}:${d.code}`)
      .sort();
  assert.deepEqual(codes(), ['22:analysis/runs-indefinitely', '27:analysis/arg-not-declared']);
  // Give the metric a count and declare threshold: the Rollout's findings go away.
  s.setFile('file:///w/template.yaml', fixed(TEMPLATE('      count: 5\n')).replace('    - name: service-name\n', '    - name: service-name\n    - name: threshold\n'));
  assert.deepEqual(codes(), []);
});

test('a placeholder inside a block-scalar query is underlined at its own column', () => {
  const s = new LanguageService();
  s.setFile('file:///w/template.yaml', TEMPLATE('      count: 5\n'));
  const d = s.diagnostics('file:///w/template.yaml').filter((x) => x.code === 'analysis/undeclared-placeholder');
  assert.equal(d.length, 1);
  const line = TEMPLATE('      count: 5\n').split('\n')[d[0].range.start.line];
  assert.equal(line.slice(d[0].range.start.character, d[0].range.end.character), '{{args.service-nmae}}');
  assert.match(d[0].message, /failed to resolve \{\{args\.service-nmae\}\}/);
});

test('a PromQL error inside a multi-line query is placed on its line and column', () => {
  const text = TEMPLATE('      count: 5\n').replace('{{args.service-nmae}}', '{{args.service-name}}').replace('[1m]))\n              /', '[1m])\n              /');
  const s = new LanguageService();
  s.setFile('file:///w/template.yaml', text);
  const d = s.diagnostics('file:///w/template.yaml').filter((x) => x.code === 'analysis/invalid-promql');
  assert.equal(d.length, 1, JSON.stringify(d));
  const line = text.split('\n')[d[0].range.start.line];
  assert.equal(line.slice(d[0].range.start.character - 3, d[0].range.end.character), 'sum(');
  assert.match(d[0].message, /unclosed left parenthesis/);
});

test('a condition error inside a double-quoted scalar with escapes is placed exactly', () => {
  const text = TEMPLATE('      count: 5\n').replace('successCondition: len(result) == 0 || result[0] >= 0.95', 'successCondition: "result[0] == \\"ok\\" && reslt[1] > 0"');
  const s = new LanguageService();
  s.setFile('file:///w/template.yaml', text);
  const d = s.diagnostics('file:///w/template.yaml').filter((x) => x.code === 'analysis/invalid-condition');
  assert.equal(d.length, 1, JSON.stringify(d));
  const line = text.split('\n')[d[0].range.start.line];
  assert.equal(line.slice(d[0].range.start.character, d[0].range.end.character), 'reslt');
  assert.match(d[0].message, /unknown name reslt \(did you mean result\?\)/);
});

test('each template resolves its own placeholders in a step analysis (sibling args do not count)', () => {
  const a = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: args-only
spec:
  args:
    - name: service-name
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: uses-arg
spec:
  metrics:
    - name: up
      provider:
        web:
          url: http://{{args.service-name}}/healthz
`;
  const s = new LanguageService();
  s.setFile('file:///w/templates.yaml', a);
  s.setFile('file:///w/rollout.yaml', ROLLOUT.replace('              - templateName: success-rate', '              - templateName: args-only\n              - templateName: uses-arg').replace(/              - name: threshold\n                value: "0.99"\n/, ''));
  const d = s.diagnostics('file:///w/rollout.yaml').filter((x) => x.code === 'analysis/undeclared-placeholder');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /^spec\.strategy\.canary\.steps\[1\]\.analysis\.templates: Invalid value: "uses-arg": AnalysisTemplate uses-arg: failed to resolve \{\{args\.service-name\}\}\. 'service-name' is declared by another template/);
});

test('count from an arg without a default is reported even when the Rollout passes it (quirk 7)', () => {
  const t = TEMPLATE('      count: "{{args.n}}"\n').replace('    - name: service-name\n', '    - name: service-name\n    - name: n\n').replace('{{args.service-nmae}}', '{{args.service-name}}');
  const s = new LanguageService();
  s.setFile('file:///w/template.yaml', t);
  s.setFile('file:///w/rollout.yaml', ROLLOUT.replace('              - name: threshold', '              - name: n').replace('"0.99"', '"3"'));
  const d = s.diagnostics('file:///w/rollout.yaml').filter((x) => x.code === 'analysis/runs-indefinitely');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /which runs indefinitely\. Invalid value for count: dummy-value\./);
  assert.equal(d[0].fixes?.[0]?.title, `Give arg 'n' a default of "5"`);
});

// Semantics helpers of the Argo Rollouts rules, each against the upstream behaviour it mirrors
// (shared/docs/semantics/argo-rollouts.md, section cited per test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoDuration } from '../../server/src/semantics/go/duration';
import { pauseDurationSeconds, parseInt32 } from '../../server/src/semantics/rollouts/duration';
import { canaryIntOrPercent, goIntValue, resolveFenceposts, scaledIntOrPercent } from '../../server/src/semantics/rollouts/intstr';
import { downwardApiPathError, isInvalidAnalysisFieldRef, splitSubscriptedPath } from '../../server/src/semantics/rollouts/fieldpath';
import { basicCanarySplit } from '../../server/src/semantics/rollouts/replicas';
import { fieldError, goJson, goQuote, goStruct } from '../../server/src/semantics/rollouts/field-error';
import { isQualifiedName, isValidLabelValue, selectorMatches, validateLabelSelector } from '../../server/src/semantics/rollouts/labels';
import { virtualServiceNamespaceName } from '../../server/src/semantics/rollouts/references';
import { stableAndCanaryServices, virtualServiceProblems } from '../../server/src/semantics/rollouts/istio';
import { groupOfApiVersion, workloadKind } from '../../server/src/semantics/rollouts/workload-ref';
import { argPlaceholder } from '../../server/src/semantics/rollouts/arg-placeholder';
import { Workspace } from '../../server/src/engine/workspace';
import { Checker } from '../../server/src/check/checker';
import type { Rule } from '../../server/src/rules/rule';
import { rule as fleetFinalPause, bundleFleetYaml } from '../../server/src/rules/rollouts/fleet-final-indefinite-pause';
import { rule as serviceSelectorMismatch } from '../../server/src/rules/rollouts/service-selector-mismatch';

test('§1.4: Go time.ParseDuration accepts unit sequences and "0", rejects bare numbers with Go texts', () => {
  const ns = (s: string) => {
    const d = parseGoDuration(s);
    assert.ok(d.ok, `${s}: ${!d.ok ? d.error : ''}`);
    return Number(d.ns);
  };
  assert.equal(ns('30s'), 30e9);
  assert.equal(ns('1h30m'), 5400e9);
  assert.equal(ns('1.5h'), 5400e9);
  assert.equal(ns('300ms'), 300e6);
  assert.equal(ns('.5s'), 500e6);
  assert.equal(ns('5.s'), 5e9);
  assert.equal(ns('2µs'), 2000);
  assert.equal(ns('2μs'), 2000);
  assert.equal(ns('-1m'), -60e9);
  assert.equal(ns('+2m'), 120e9);
  assert.equal(ns('0'), 0);
  assert.equal(ns('1h1m1s1ms1us1ns'), 3661001001001);
  const err = (s: string) => {
    const d = parseGoDuration(s);
    assert.ok(!d.ok, s);
    return d.error;
  };
  assert.equal(err('5'), 'time: missing unit in duration "5"');
  assert.equal(err('1d'), 'time: unknown unit "d" in duration "1d"');
  assert.equal(err(''), 'time: invalid duration ""');
  assert.equal(err('abc'), 'time: invalid duration "abc"');
  assert.equal(err('.s'), 'time: invalid duration ".s"');
  assert.equal(err('-'), 'time: invalid duration "-"');
  assert.equal(err('5 m'), 'time: unknown unit " m" in duration "5 m"');
  assert.equal(err('1é'), 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"');
  assert.equal(err('9999999999999h'), 'time: invalid duration "9999999999999h"');
});

test('§1.4: RolloutPause.DurationSeconds — int, digit string, Go duration truncated, -1 when unparsable, 0 when absent', () => {
  assert.equal(pauseDurationSeconds(undefined), 0);
  assert.equal(pauseDurationSeconds(null), 0);
  assert.equal(pauseDurationSeconds(30), 30);
  assert.equal(pauseDurationSeconds(-1), -1);
  assert.equal(pauseDurationSeconds('30'), 30);
  assert.equal(pauseDurationSeconds('-5'), -5);
  assert.equal(pauseDurationSeconds('1h'), 3600);
  assert.equal(pauseDurationSeconds('500ms'), 0);
  assert.equal(pauseDurationSeconds('1.9s'), 1);
  assert.equal(pauseDurationSeconds('1d'), -1);
  assert.equal(pauseDurationSeconds('5 m'), -1);
  assert.equal(pauseDurationSeconds('99999999999'), -1, 'out of int32 and no unit');
  assert.equal(pauseDurationSeconds('1000000h'), -2147483648, 'beyond int32 seconds converts as amd64 does');
  assert.equal(pauseDurationSeconds(1.5), undefined, 'does not decode');
  assert.equal(parseInt32('+7'), 7);
  assert.equal(parseInt32('2147483648'), undefined);
});

test('§1.3 C1 and §1.12 quirk 6: the zero check reads N% as N, ints as themselves, other strings by Atoi', () => {
  assert.equal(canaryIntOrPercent(0), 0);
  assert.equal(canaryIntOrPercent('0'), 0);
  assert.equal(canaryIntOrPercent('0%'), 0);
  assert.equal(canaryIntOrPercent('25'), 25);
  assert.equal(canaryIntOrPercent('abc'), 0);
  assert.equal(goIntValue('12'), 12);
  assert.equal(goIntValue('x'), 0);
  assert.equal(goIntValue(3), 3);
});

test('§1.3 replica arithmetic: any string is a percentage for resolveFenceposts, so the default "25" means 25%', () => {
  assert.equal(scaledIntOrPercent('25', 4, true), 1);
  assert.equal(scaledIntOrPercent('25%', 5, true), 2);
  assert.equal(scaledIntOrPercent('25%', 5, false), 1);
  assert.equal(scaledIntOrPercent(3, 10, true), 3);
  assert.equal(scaledIntOrPercent('x%', 10, true), undefined);
  assert.deepEqual(resolveFenceposts(undefined, undefined, 4), { surge: 1, unavailable: 1 });
  assert.deepEqual(resolveFenceposts(0, '10%', 4), { surge: 0, unavailable: 1 }, 'both 0 after rounding: unavailable becomes 1');
  assert.deepEqual(resolveFenceposts('bad', 1, 4), { surge: 0, unavailable: 0 });
});

test('canary.go approximateWeightedCanaryStableReplicaCounts: the pod split a setWeight gets without traffic routing', () => {
  assert.deepEqual(basicCanarySplit(4, 10, 1), { canary: 1, stable: 4, actualPercent: 20 });
  assert.deepEqual(basicCanarySplit(10, 10, 3), { canary: 1, stable: 9, actualPercent: 10 });
  assert.deepEqual(basicCanarySplit(4, 25, 1), { canary: 1, stable: 3, actualPercent: 25 });
  assert.deepEqual(basicCanarySplit(3, 50, 1), { canary: 2, stable: 2, actualPercent: 50 }, 'tie at 1.5 pods: surge to 4 pods');
  assert.deepEqual(basicCanarySplit(3, 50, 0), { canary: 2, stable: 1, actualPercent: (2 * 100) / 3 }, 'no surge: the larger canary count wins a tie');
  assert.deepEqual(basicCanarySplit(1, 20, 1), { canary: 1, stable: 1, actualPercent: 50 });
  assert.deepEqual(basicCanarySplit(1, 20, 0), { canary: 0, stable: 1, actualPercent: 0 });
  assert.deepEqual(basicCanarySplit(5, 100, 2), { canary: 5, stable: 0, actualPercent: 100 });
  assert.deepEqual(basicCanarySplit(0, 50, 0), { canary: 0, stable: 0, actualPercent: 0 });
});

test('§1.3.1 C24: downward-API field paths ExtractFieldPathAsString accepts on a Rollout', () => {
  for (const ok of ['metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations', "metadata.labels['app']", "metadata.annotations['Example.com/Team']", "metadata.labels['app.kubernetes.io/name']"]) {
    assert.equal(downwardApiPathError(ok), undefined, ok);
  }
  assert.equal(downwardApiPathError("metadata.label['app']"), `fieldPath "metadata.label['app']" does not support subscript`);
  assert.equal(downwardApiPathError('metadata.generation'), 'unsupported fieldPath: metadata.generation');
  assert.match(downwardApiPathError("metadata.labels['-bad']")!, /^invalid key subscript in metadata\.labels\['-bad'\]: name part must consist of/);
  assert.match(downwardApiPathError("metadata.labels['Example.com/x']")!, /prefix part a lowercase RFC 1123 subdomain/);
  assert.deepEqual(splitSubscriptedPath("metadata.annotations['a[b]c']"), ['metadata.annotations', 'a[b]c']);
  assert.equal(splitSubscriptedPath("['x']"), undefined);
  // Only paths starting with "metadata" are checked by validation.
  assert.equal(isInvalidAnalysisFieldRef('spec.template.spec.containers[0].image'), false);
  assert.equal(isInvalidAnalysisFieldRef('status.canary.weights.canary.weight'), false);
  assert.equal(isInvalidAnalysisFieldRef("metadata.label['app']"), true);
});

test('§0.1: field.Error rendering — %q strings, JSON for complex values with Go map order and HTML escaping', () => {
  assert.equal(fieldError('spec.selector', 'Required value', undefined, "Rollout has missing field '.spec.selector'"), "spec.selector: Required value: Rollout has missing field '.spec.selector'");
  assert.equal(fieldError('spec.strategy.maxSurge', 'Invalid value', 0, 'x'), 'spec.strategy.maxSurge: Invalid value: 0: x');
  assert.equal(fieldError('spec.strategy.maxSurge', 'Invalid value', '0%', 'x'), 'spec.strategy.maxSurge: Invalid value: "0%": x');
  assert.equal(fieldError('spec.template.spec.containers', 'Required value', undefined, ''), 'spec.template.spec.containers: Required value');
  assert.equal(goQuote('a"b\n\x01é\u00a0'), '"a\\"b\\n\\x01é\\u00a0"');
  assert.equal(goJson({ b: 1, a: '<&>' }), '{"a":"\\u003c\\u0026\\u003e","b":1}');
  assert.equal(goJson({ '10': 'x', '9': 'y' }), '{"10":"x","9":"y"}', 'byte order, not JS integer-key order');
  assert.equal(goJson(goStruct([['name', 'a'], ['value', '', true], ['percentage', 0, 'ptr'], ['weight', undefined, 'ptr']])), '{"name":"a","percentage":0}');
});

test('§1.1 S3: label selector validation texts of apimachinery', () => {
  assert.deepEqual(isQualifiedName('app.kubernetes.io/name'), []);
  assert.deepEqual(isQualifiedName('/x'), ['prefix part must be non-empty']);
  assert.equal(
    isValidLabelValue('-bad')[0],
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  );
  const problems = validateLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['a'] }, { key: 'x', operator: 'Exists', values: ['y'] }, { key: 'z', operator: 'In' }] });
  assert.deepEqual(
    problems.map((p) => `${p.field} ${p.type} ${p.detail}`),
    [
      '.matchExpressions[0].operator Invalid value not a valid selector operator',
      ".matchExpressions[1].values Forbidden may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ".matchExpressions[2].values Required value must be specified when `operator` is 'In' or 'NotIn'",
    ],
  );
  assert.deepEqual(validateLabelSelector({ matchLabels: { app: 'step-plugin-e2e-$$name$$' } }), [], 'substituted placeholders are not checked');
  assert.equal(selectorMatches({ matchLabels: { app: 'a' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }, { app: 'a', tier: 'web' }), true);
  assert.equal(selectorMatches({ matchLabels: { app: 'a' } }, { app: 'b' }), false);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'k', operator: 'Bogus' }] }, {}), undefined);
});

test('§1.1 workloadRef: only core PodTemplate and apps Deployment/ReplicaSet resolve', () => {
  assert.equal(groupOfApiVersion('v1'), '');
  assert.equal(groupOfApiVersion('apps/v1'), 'apps');
  assert.equal(groupOfApiVersion('a/b/c'), '');
  assert.ok(workloadKind({ apiVersion: 'apps/v1', kind: 'Deployment' }).known);
  assert.ok(workloadKind({ apiVersion: 'v1', kind: 'PodTemplate' }).known);
  assert.equal(workloadKind({ apiVersion: 'v1', kind: 'Deployment' }).known, undefined);
  assert.equal(workloadKind({ apiVersion: 'extensions/v1beta1', kind: 'Deployment' }).known, undefined);
});

test('§1.5 R8/V5: VirtualService references and route validation', () => {
  assert.deepEqual(virtualServiceNamespaceName('reviews'), { name: 'reviews' });
  assert.deepEqual(virtualServiceNamespaceName('reviews.bookinfo'), { name: 'reviews', namespace: 'bookinfo' });
  assert.deepEqual(virtualServiceNamespaceName('my.vs.bookinfo.svc.cluster.local'), { name: 'my.vs.bookinfo', namespace: 'svc' });
  assert.deepEqual(stableAndCanaryServices({ pingPong: { pingService: 'ping', pongService: 'pong' } }), { stable: 'pong', canary: 'ping' });
  const canary = { stableService: 'stable', canaryService: 'canary', trafficRouting: { istio: { virtualService: { name: 'vs' } } } };
  const vs = (http: unknown) => ({ spec: { http } });
  const route = (...hosts: string[]) => ({ route: hosts.map((host) => ({ destination: { host } })) });
  assert.deepEqual(virtualServiceProblems(canary, { name: 'vs' }, vs([route('stable.ns.svc.cluster.local', 'canary')])), []);
  assert.deepEqual(virtualServiceProblems(canary, { name: 'vs' }, vs([route('stable')])).map((p) => p.detail), ["Istio VirtualService has invalid HTTP routes. Error: Canary Service 'canary' not found in route"]);
  assert.deepEqual(virtualServiceProblems(canary, { name: 'vs', routes: ['primary'] }, vs([route('stable', 'canary')])).map((p) => p.detail), [
    "Istio VirtualService has invalid HTTP routes. Error: HTTP Route 'primary' is not found in the defined Virtual Service.",
  ]);
  assert.deepEqual(virtualServiceProblems(canary, { name: 'vs' }, { spec: {} }).map((p) => p.detail), ['Unable to get any of the HTTP, TCP or TLS routes for the Istio VirtualService']);
  assert.deepEqual(virtualServiceProblems(canary, { name: 'vs' }, vs([{ name: 'a', ...route('stable', 'canary') }, { name: 'b', ...route('x') }])).map((p) => p.detail), [
    'Istio VirtualService has invalid HTTP routes. Error: spec.http[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.routes',
  ]);
  assert.deepEqual(virtualServiceProblems(canary, { name: 'vs' }, vs([{ route: [{ destination: { host: 'stable' }, weight: '50' }] }])).map((p) => p.detail), ['Unable to get HTTP routes for Istio VirtualService']);
});

test('quick-fix values for analysis args: the Service or downward-API path the name suggests', () => {
  const rollout = { spec: { strategy: { canary: { canaryService: 'web-canary', stableService: 'web' } } } };
  assert.deepEqual(argPlaceholder('service-name', rollout, 'InlineAnalysis'), { name: 'service-name', value: 'web-canary' });
  assert.deepEqual(argPlaceholder('namespace', rollout, 'InlineAnalysis'), { name: 'namespace', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } });
  assert.deepEqual(argPlaceholder('threshold', rollout, 'InlineAnalysis'), { name: 'threshold', value: '' });
  const bg = { spec: { strategy: { blueGreen: { activeService: 'web', previewService: 'web-preview' } } } };
  assert.deepEqual(argPlaceholder('svc', bg, 'PrePromotionAnalysis'), { name: 'svc', value: 'web-preview' });
});

const ROLLOUT = (name: string, labels: string, lastStep: string) => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: ${name}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: ${labels}
  template:
    metadata:
      labels:
        app: ${labels}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0.0
  strategy:
    canary:
      canaryService: ${name}-canary
      stableService: ${name}-stable
      trafficRouting:
        smi: {}
      steps:
        - setWeight: 20
        - pause: {duration: 10m}
        - ${lastStep}
`;

function check(rules: readonly Rule[], files: Record<string, string>) {
  const ws = new Workspace();
  const checker = new Checker(ws, rules);
  for (const [uri, text] of Object.entries(files)) checker.update(ws.setFile(uri, text));
  return (uri: string) => checker.diagnostics(uri);
}

test('fleet-argocd.md §3.4: a final indefinite pause in a Fleet bundle directory is reported', () => {
  const fleet = 'name: checkout\nrolloutStrategy:\n  maxUnavailablePartitions: 0\n';
  const diags = check([fleetFinalPause], {
    'file:///repo/apps/checkout/fleet.yaml': fleet,
    'file:///repo/apps/checkout/manifests/rollout.yaml': ROLLOUT('checkout', 'checkout', 'pause: {}'),
    'file:///repo/apps/other/rollout.yaml': ROLLOUT('other', 'other', 'pause: {}'),
    'file:///repo/apps/checkout/timed.yaml': ROLLOUT('timed', 'timed', 'pause: {duration: 1h}'),
  });
  const found = diags('file:///repo/apps/checkout/manifests/rollout.yaml');
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'rollouts/fleet-final-indefinite-pause');
  assert.equal(found[0].range.start.line, 26);
  assert.deepEqual(diags('file:///repo/apps/other/rollout.yaml'), [], 'not in a bundle directory');
  assert.deepEqual(diags('file:///repo/apps/checkout/timed.yaml'), [], 'a timed pause ends by itself');
  const ignoring = check([fleetFinalPause], {
    'file:///repo/a/fleet.yaml': 'name: a\nignore:\n  conditions:\n    - type: Completed\n      status: "False"\n',
    'file:///repo/a/rollout.yaml': ROLLOUT('a', 'a', 'pause: {}'),
  });
  assert.deepEqual(ignoring('file:///repo/a/rollout.yaml'), [], 'fleet.yaml ignores Completed=False, so Fleet sees the Rollout Ready');
});

test('fleet bundle directory: the deepest fleet.yaml above a file', () => {
  const ws = new Workspace();
  ws.setFile('file:///r/fleet.yaml', 'name: root\n');
  ws.setFile('file:///r/sub/fleet.yaml', 'name: sub\n');
  const all = [...ws.objectsOfFile('file:///r/fleet.yaml'), ...ws.objectsOfFile('file:///r/sub/fleet.yaml')];
  assert.equal(bundleFleetYaml('file:///r/sub/x/rollout.yaml', all)?.name, 'sub');
  assert.equal(bundleFleetYaml('file:///r/rollout.yaml', all)?.name, 'root');
  assert.equal(bundleFleetYaml('file:///other/rollout.yaml', all), undefined);
});

test('§1.5 V1: a Service is held against the Rollout only from the same file or directory', () => {
  const service = (selector: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web-canary\nspec:\n  selector:\n    app: ${selector}\n  ports:\n    - port: 80\n`;
  const rollout = ROLLOUT('web', 'web', 'setWeight: 100');
  const near = check([serviceSelectorMismatch], { 'file:///a/rollout.yaml': rollout, 'file:///a/svc.yaml': service('other') });
  assert.deepEqual(near('file:///a/rollout.yaml').map((d) => d.message.split('. ')[0]), ['spec.strategy.canary.canaryService: Invalid value: "web-canary": Service "web-canary" has unmatch label "app" in rollout']);
  const far = check([serviceSelectorMismatch], { 'file:///a/rollout.yaml': rollout, 'file:///b/svc.yaml': service('other') });
  assert.deepEqual(far('file:///a/rollout.yaml'), [], 'another directory may be another environment');
});

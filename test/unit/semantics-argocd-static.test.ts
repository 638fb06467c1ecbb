// Static reading of ApplicationSets for RollingSync (fleet-argocd.md §5.3): template rendering,
// generated Applications from list/matrix generators, label sources and step-selection algebra,
// checked on hand-made cases and on the upstream examples in ../shared/corpus/argocd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repoRoot, sharedRoot } from '../helpers/paths';
import { renderFast, renderGo } from '../../server/src/semantics/argocd/templating';
import { labelSources, listParameterValues, staticApplications, type LabelSource } from '../../server/src/semantics/argocd/generated-apps';
import { containedIn, emptyCause } from '../../server/src/semantics/argocd/step-selection';
import { analyse } from '../../server/src/semantics/argocd/analysis';
import { stepOverlaps } from '../../server/src/semantics/argocd/step-overlap';
import { buildAppDependencyList, strategyOf } from '../../server/src/semantics/argocd/progressive-sync';

const corpus = path.join(sharedRoot, 'corpus', 'argocd');
const load = (rel: string) => parse(fs.readFileSync(path.join(corpus, rel), 'utf8'));

test('§5.3 fasttemplate: trimmed tags replaced by string params; unknown tags and unterminated markup are undecidable', () => {
  assert.equal(renderFast('{{cluster}}-{{ env }}', { cluster: 'a', env: 'dev' }), 'a-dev');
  assert.equal(renderFast('no markup', {}), 'no markup');
  assert.equal(renderFast('{{values.x}}', { 'values.x': 'y' }), 'y');
  assert.equal(renderFast('{{missing}}', { a: 'b' }), undefined);
  // Render.Replace leaves strings without a complete {{…}} alone; fasttemplate fails on a later unterminated tag.
  assert.equal(renderFast('{{open', { open: 'x' }), '{{open');
  assert.equal(renderFast('{{a}} {{b', { a: 'x', b: 'y' }), undefined);
});

test('§5.3 Go template subset: field chains with trim markers; anything else undecidable', () => {
  assert.equal(renderGo('{{.cluster}}-guestbook', { cluster: 'eng' }), 'eng-guestbook');
  assert.equal(renderGo('{{ .a.b }}', { a: { b: 'x' } }), 'x');
  assert.equal(renderGo('x {{- .a -}} y', { a: '1' }), 'x1y');
  assert.equal(renderGo('{{.n}}', { n: 3 }), '3');
  assert.equal(renderGo('{{.n}}', { n: 1000000 }), undefined);
  assert.equal(renderGo('{{ .a | upper }}', { a: 'x' }), undefined);
  assert.equal(renderGo('{{.missing}}', {}), undefined);
});

test('§5.3 the Progressive-Syncs.md guestbook example: three static Applications, one per step', () => {
  const appset = load('docs-extracted/Progressive-Syncs.guestbook-example.applicationset.yaml');
  const r = staticApplications(appset);
  assert.ok('apps' in r);
  assert.deepEqual(
    r.apps.map((a) => [a.name, a.labels]),
    [
      ['engineering-dev-guestbook', { envLabel: 'env-dev' }],
      ['engineering-qa-guestbook', { envLabel: 'env-qa' }],
      ['engineering-prod-guestbook', { envLabel: 'env-prod' }],
    ],
  );
  const deps = buildAppDependencyList(strategyOf(appset), r.apps);
  assert.deepEqual(deps.list, [['engineering-dev-guestbook'], ['engineering-qa-guestbook'], ['engineering-prod-guestbook']]);
  assert.equal(deps.issues.emptySteps.length + deps.issues.duplicateAppSelections.size + deps.issues.invalidMatchExpressions.length, 0);
});

test('§5.3 list x list matrix (upstream example): cartesian product, first generator wins on conflicts', () => {
  const appset = load('upstream/applicationset/examples/matrix/list-and-list.yaml');
  const r = staticApplications(appset);
  assert.ok('apps' in r, 'reason' in r ? r.reason : '');
  assert.ok(r.apps.length >= 2);
  assert.equal(new Set(r.apps.map((a) => a.name)).size, r.apps.length);
});

test('§5.3 generators known only at run time, templatePatch on metadata, elementsYaml: no static Applications', () => {
  for (const rel of ['upstream/applicationset/examples/cluster/cluster-example-fasttemplate.yaml', 'upstream/docs/operator-manual/applicationset.yaml']) {
    assert.ok('reason' in staticApplications(load(rel)), rel);
  }
  const patched = { spec: { generators: [{ list: { elements: [{ a: 'x' }] } }], templatePatch: 'metadata:\n  labels: {}', template: { metadata: { name: '{{a}}' } } } };
  assert.ok('reason' in staticApplications(patched));
  const yamlEls = { spec: { generators: [{ list: { elementsYaml: '- a: x' } }], template: { metadata: { name: '{{a}}' } } } };
  assert.ok('reason' in staticApplications(yamlEls));
});

test('§5.3 a generator selector filters list elements (post-generation label selector)', () => {
  const appset = { spec: { generators: [{ list: { elements: [{ env: 'staging', c: 'a' }, { env: 'prod', c: 'b' }] }, selector: { matchLabels: { env: 'staging' } } }], template: { metadata: { name: '{{c}}', labels: { env: '{{env}}' } } } } };
  const r = staticApplications(appset);
  assert.ok('apps' in r);
  assert.deepEqual(r.apps.map((a) => a.name), ['a']);
});

test('§5.3 label sources: spec.template merged under the generator template; templatePatch opens the set', () => {
  const appset = {
    spec: {
      generators: [{ list: { elements: [], template: { metadata: { labels: { tier: 'web' } } } } }, { clusters: {} }],
      template: { metadata: { labels: { env: '{{env}}', tier: 'base' } } },
      templatePatch: 'metadata:\n  labels:\n    wave: "1"',
    },
  };
  const [a, b] = labelSources(appset);
  assert.deepEqual([...a.labels].map(([k, v]) => [k, v.literal ?? '*']), [['env', '*'], ['tier', 'web']]);
  assert.deepEqual([...b.labels].map(([k, v]) => [k, v.literal ?? '*']), [['env', '*'], ['tier', 'base']]);
  assert.ok(a.open && b.open);
  assert.deepEqual([...listParameterValues(load('docs-extracted/Progressive-Syncs.guestbook-example.applicationset.yaml')).get('env')!], ['env-dev', 'env-qa', 'env-prod']);
});

const src = (labels: Record<string, string | null>, open = false): LabelSource => ({
  generator: 0,
  kind: 'clusters',
  open,
  labels: new Map(Object.entries(labels).map(([k, v]) => [k, v === null ? { templated: true, path: [] } : { literal: v, templated: false, path: [] }])),
});
const step = (...exprs: Array<[string, string, string[]?]>) => ({ matchExpressions: exprs.map(([key, operator, values]) => ({ key, operator, values })) });

test('§5.3 step selection algebra: why a step selects nothing', () => {
  assert.deepEqual(emptyCause(step(['env', 'In', ['dev']]), src({})), { kind: 'missing-key', key: 'env' });
  assert.equal(emptyCause(step(['env', 'In', ['dev']]), src({}, true)), undefined);
  assert.equal(emptyCause(step(['env', 'In', ['dev']]), src({ env: null })), undefined);
  assert.deepEqual(emptyCause(step(['env', 'In', ['dev']]), src({ env: 'prod' })), { kind: 'literal-excluded', key: 'env', literal: 'prod' });
  assert.deepEqual(emptyCause(step(['env', 'In', []]), src({ env: null })), { kind: 'contradiction', key: 'env' });
  assert.deepEqual(emptyCause(step(['env', 'In', ['a']], ['env', 'NotIn', ['a']]), src({ env: null })), { kind: 'contradiction', key: 'env' });
  assert.deepEqual(emptyCause(step(['env', 'Exists']), src({ env: null })), { kind: 'present-excluded', key: 'env' });
  assert.equal(emptyCause(step(['env', 'NotIn', ['dev']]), src({})), undefined);
  assert.equal(emptyCause(step(['env', 'Exists']), src({})), undefined, 'an unsupported operator passes when the key is absent');
});

test('§5.3/§5.4 containment: later steps inside earlier ones (unreachable), catch-all steps (overlap)', () => {
  const s = src({ env: null });
  assert.ok(containedIn(step(['env', 'In', ['dev']]), step(['env', 'NotIn', ['prod']]), s));
  assert.ok(!containedIn(step(['env', 'In', ['dev']]), step(['env', 'In', ['prod']]), s));
  assert.ok(containedIn(step(['env', 'In', ['dev']]), step(), s));
  assert.ok(!containedIn(step(), step(['env', 'In', ['dev']]), s));
  assert.ok(!containedIn(step(['env', 'NotIn', ['dev']]), step(['env', 'In', ['x']]), s));
  assert.ok(containedIn(step(['region', 'In', ['eu']]), step(['region', 'In', ['eu', 'us']]), src({ region: null })));
  // Templated values of different keys are independent here: no claim about env from region.
  assert.ok(!containedIn(step(['region', 'In', ['eu']]), step(['env', 'In', ['dev']]), src({ region: null, env: null })));
});

test('§5.4 static overlap analysis matches buildAppDependencyList on the generated Applications', () => {
  const [doc] = parseAllDocuments(fs.readFileSync(path.join(repoRoot, 'server', 'src', 'rules', 'argocd', 'rollingsync-step-overlap.fail.yaml'), 'utf8')).slice(1);
  const an = analyse(doc.toJS());
  assert.ok(an.deps);
  assert.deepEqual(Object.fromEntries(an.deps!.issues.duplicateAppSelections), { 'dev-eu-web': [0, 1] });
  assert.deepEqual(stepOverlaps(an).overlaps, [{ step: 1, earlier: 0, apps: ['dev-eu-web'] }]);
});

test('§5.2 the argocd rules survive malformed strategies (no internal errors)', async () => {
  const { LanguageService } = await import('../../server/src/language-service');
  const head = 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: x}\nspec:\n  goTemplate: true\n  generators: [{list: {elements: [{a: "1"}, "x", {a: 2}]}}]\n  template: {metadata: {name: "{{.a}}", labels: {k: "{{.a}}"}}, spec: {project: p, destination: {}}}\n  strategy:\n';
  const bodies = [
    '    type: RollingSync\n    rollingSync: {steps: [null, "x", 3, {matchExpressions: "str"}, {matchExpressions: [null, 5, {key: 3, operator: 7, values: "v"}]}, {maxUpdate: true}]}\n',
    '    type: RollingSync\n    rollingSync: {steps: {a: 1}}\n',
    '    type: RollingSync\n    rollingSync: "x"\n    deletionOrder: 5\n',
    '    type: [RollingSync]\n    rollingSync: {steps: [{matchExpressions: [{key: k, operator: Exists}]}]}\n',
  ];
  for (const body of bodies) {
    const svc = new LanguageService();
    svc.setFile('file:///m.yaml', head + body);
    const internal = svc.diagnostics('file:///m.yaml').filter((d) => /failed on this document/.test(d.message));
    assert.deepEqual(internal.map((d) => d.message), [], body);
  }
});

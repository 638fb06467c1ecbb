// LSP over stdio against the built server (dist/server.js): what an editor would see.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp-client';

const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: service-name
  metrics:
    - name: success-rate
      interval: 1m
      count: 3
      provider:
        prometheus:
          address: http://prometheus:9090
          query: sum(rate(http_requests_total{service="{{args.service-name}}"}[1m]))
`;

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
spec:
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      containers: [{name: checkout, image: checkout:1}]
  strategy:
    canary:
      steps:
        - pause: {duration: 1m}
        - analysis:
            templates:
              - templateName: success-rate
`;

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.shutdown()));
});
function start(): LspClient {
  const c = new LspClient();
  clients.push(c);
  return c;
}

test('advertises incremental sync and pull diagnostics with inter-file dependencies', async () => {
  const c = start();
  const init = await c.initialize();
  assert.equal(init.capabilities.textDocumentSync.change, 2);
  assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'fleet-rollouts', interFileDependencies: true, workspaceDiagnostics: true });
  assert.equal(init.serverInfo.name, 'fleet-rollouts');
});

test('pull: a missing analysis arg is reported on the templates key, with the template as related information', async () => {
  const c = start();
  await c.initialize();
  c.open('file:///ws/template.yaml', TEMPLATE);
  c.open('file:///ws/rollout.yaml', ROLLOUT);
  const report = await c.pull('file:///ws/rollout.yaml');
  assert.equal(report.kind, 'full');
  assert.equal(report.items.length, 1);
  const [d] = report.items;
  assert.equal(d.code, 'rollouts/analysis-arg-missing');
  assert.equal(d.severity, 1);
  assert.equal(d.source, 'fleet-rollouts');
  assert.deepEqual(d.range, { start: { line: 17, character: 12 }, end: { line: 17, character: 21 } });
  assert.match(d.message, /spec\.strategy\.canary\.steps\[1\]\.analysis\.templates: Invalid value: "templateNames: \[success-rate\]": args\.service-name was not resolved/);
  assert.match(d.codeDescription.href, /rules\.md#rollouts-analysis-arg-missing$/);
  assert.deepEqual(d.relatedInformation[0].location, { uri: 'file:///ws/template.yaml', range: { start: { line: 6, character: 12 }, end: { line: 6, character: 24 } } });

  // Same state: the server answers "unchanged" for the same resultId.
  const again = await c.pull('file:///ws/rollout.yaml', report.resultId);
  assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });

  // Typing the arg in: an incremental edit after the templateName line.
  c.notify('textDocument/didChange', {
    textDocument: { uri: 'file:///ws/rollout.yaml', version: 2 },
    contentChanges: [{ range: { start: { line: 18, character: 42 }, end: { line: 18, character: 42 } }, text: '\n            args:\n              - name: service-name\n                value: checkout' }],
  });
  const fixed = await c.pull('file:///ws/rollout.yaml', report.resultId);
  assert.deepEqual(fixed.items, []);
});

test('editing the template re-checks the Rollout in another file and asks the client to refresh', async () => {
  const c = start();
  await c.initialize();
  c.open('file:///ws/template.yaml', TEMPLATE.replace('    - name: service-name\n', '    - name: service-name\n      value: checkout\n'));
  c.open('file:///ws/rollout.yaml', ROLLOUT);
  assert.deepEqual((await c.pull('file:///ws/rollout.yaml')).items, []);
  let refreshed = 0;
  c.handlers['workspace/diagnostic/refresh'] = () => (refreshed++, null);
  // Remove the default value: lines 7 (value: checkout) of the template.
  c.notify('textDocument/didChange', {
    textDocument: { uri: 'file:///ws/template.yaml', version: 2 },
    contentChanges: [{ range: { start: { line: 7, character: 0 }, end: { line: 8, character: 0 } }, text: '' }],
  });
  const report = await c.pull('file:///ws/rollout.yaml');
  assert.deepEqual(report.items.map((d: any) => d.code), ['rollouts/analysis-arg-missing']);
  for (let i = 0; i < 50 && refreshed === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(refreshed > 0, 'workspace/diagnostic/refresh was sent');
});

test('push fallback for clients without pull: versioned publishDiagnostics after open and edit', async () => {
  const c = start();
  const init = await c.initialize({ pull: false });
  assert.equal(init.capabilities.diagnosticProvider, undefined);
  c.open('file:///ws/rollout.yaml', ROLLOUT.replace('    canary:\n', '    canary:\n      maxSurge: 0\n      maxUnavailable: 0\n      setWieght: 5\n      stepz: []\n'), 1);
  const first = await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === 'file:///ws/rollout.yaml');
  assert.equal(first.version, 1);
  assert.deepEqual(
    first.diagnostics.map((d: any) => d.code).sort(),
    ['rollouts/analysis-template-not-found', 'rollouts/max-surge-unavailable-zero', 'schema/unknown-field', 'schema/unknown-field'].sort(),
  );
  c.notify('textDocument/didChange', { textDocument: { uri: 'file:///ws/rollout.yaml', version: 2 }, contentChanges: [{ text: ROLLOUT }] });
  const second = await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === 'file:///ws/rollout.yaml' && p.version === 2);
  assert.deepEqual(second.diagnostics.map((d: any) => d.code), ['rollouts/analysis-template-not-found']);
  assert.equal(second.diagnostics[0].severity, 2);
});

test('files of the workspace folder are indexed from disk, and workspace/diagnostic reports them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-lsp-'));
  fs.writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE.replace('    - name: service-name\n', '    - name: service-name\n      value: x\n'));
  fs.mkdirSync(path.join(dir, 'apps'));
  fs.writeFileSync(path.join(dir, 'apps', 'broken.yaml'), ROLLOUT.replace('success-rate', 'missing-template'));
  const c = start();
  const folder = pathToFileURL(dir).href;
  await c.initialize({ rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });
  const rolloutUri = pathToFileURL(path.join(dir, 'rollout.yaml')).href;
  // Wait for the scan: the workspace pull answers once something is known.
  const ws = await c.request('workspace/diagnostic', { previousResultIds: [] }, 20000);
  const broken = ws.items.find((i: any) => i.uri.endsWith('/apps/broken.yaml'));
  assert.ok(broken, 'the file with a problem is reported without being opened');
  assert.deepEqual(broken.items.map((d: any) => d.code), ['rollouts/analysis-template-not-found']);
  c.open(rolloutUri, ROLLOUT);
  assert.deepEqual((await c.pull(rolloutUri)).items, [], 'the template on disk resolves the reference');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('code actions: a quick fix for the diagnostic under the cursor, as a workspace edit', async () => {
  const c = start();
  await c.initialize();
  const uri = 'file:///ws/svc.yaml';
  c.open(uri, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n  selector:\n    app: web-v2\n');
  const [d] = (await c.pull(uri)).items;
  assert.equal(d.code, 'yaml/duplicate-key');
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, "Remove the earlier 'selector' (the value in effect stays)");
  assert.equal(actions[0].kind, 'quickfix');
  assert.equal(actions[0].isPreferred, true);
  assert.deepEqual(actions[0].diagnostics.map((x: any) => x.code), ['yaml/duplicate-key']);
  assert.deepEqual(actions[0].edit.changes[uri], [{ range: { start: { line: 5, character: 0 }, end: { line: 7, character: 0 } }, newText: '' }]);
  const elsewhere = await c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, context: { diagnostics: [] } });
  assert.deepEqual(elsewhere, []);
});

test('.fleet-rollouts.yaml in the workspace folder sets severities; settings override it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-cfg-'));
  fs.writeFileSync(path.join(dir, '.fleet-rollouts.yaml'), 'rules:\n  rollouts/analysis-template-not-found: info\n  yaml/duplicate-key: error\n');
  const c = start();
  c.handlers['workspace/configuration'] = () => [{ rules: { 'yaml/duplicate-key': 'off' } }];
  const folder = pathToFileURL(dir).href;
  await c.initialize({ rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });
  const uri = pathToFileURL(path.join(dir, 'r.yaml')).href;
  c.open(uri, ROLLOUT.replace('  name: checkout\n', '  name: checkout\n  name: checkout\n'));
  let items: any[] = [];
  for (let i = 0; i < 50; i++) {
    items = (await c.pull(uri)).items;
    if (items.length === 1 && items[0].severity === 3) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.deepEqual(items.map((d) => [d.code, d.severity]), [['rollouts/analysis-template-not-found', 3]]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('beside Red Hat YAML: its syntax and duplicate-key errors are not repeated, our checks remain', async () => {
  const c = start();
  await c.initialize({ initializationOptions: { redHatYaml: true } });
  const uri = 'file:///ws/both.yaml';
  c.open(uri, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n---\nkind: [unclosed\n---\n' + ROLLOUT.replace('success-rate', 'nowhere'));
  let codes: string[] = [];
  for (let i = 0; i < 50; i++) {
    codes = (await c.pull(uri)).items.map((d: any) => d.code);
    if (!codes.includes('yaml/syntax')) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.deepEqual(codes, ['rollouts/analysis-template-not-found']);
});

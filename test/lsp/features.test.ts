// Editing features over LSP stdio with exact results: outline, hover, completion, navigation, rename.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client';

const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: service-name
    - name: threshold
      value: "0.95"
  metrics:
    - name: success-rate
      interval: 1m
      count: 5
      successCondition: result[0] >= {{args.threshold}}
      provider:
        prometheus:
          address: http://prometheus:9090
          query: sum(rate(requests{service="{{args.service-name}}"}[1m]))
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
        - setWeight: 20
        - analysis:
            templates:
              - templateName: success-rate
            args:
              - name: service-name
                value: checkout
`;
const FLEET = `defaultNamespace: payments
rolloutStrategy:
  maxUnavailable: 10%
  partitions:
    - name: canary
      clusterGroup: canary-sites
    - name: eu
      clusterSelector:
        matchLabels:
          region: eu-west
`;
const GROUP = `apiVersion: fleet.cattle.io/v1alpha1
kind: ClusterGroup
metadata:
  name: canary-sites
  namespace: fleet-default
spec:
  selector:
    matchLabels: {stage: canary}
`;

const T = 'file:///ws/analysis/template.yaml';
const R = 'file:///ws/apps/rollout.yaml';
const F = 'file:///ws/apps/fleet.yaml';
const G = 'file:///ws/platform/groups.yaml';
let c: LspClient;

before(async () => {
  c = new LspClient();
  await c.initialize();
  c.open(T, TEMPLATE);
  c.open(R, ROLLOUT);
  c.open(F, FLEET);
  c.open(G, GROUP);
  await c.pull(R);
});
after(async () => {
  await c.shutdown();
});

const pos = (line: number, character: number) => ({ line, character });

test('outline: objects with numbered canary steps, args and metrics, partitions', async () => {
  const rollout = await c.request('textDocument/documentSymbol', { textDocument: { uri: R } });
  assert.equal(rollout.length, 1);
  assert.equal(rollout[0].name, 'Rollout checkout');
  const steps = rollout[0].children.find((s: any) => s.name === 'steps');
  assert.equal(steps.detail, '2 steps');
  assert.deepEqual(steps.children.map((s: any) => s.name), ['1. setWeight 20', '2. analysis: success-rate']);
  assert.deepEqual(steps.children[0].selectionRange, { start: pos(15, 10), end: pos(15, 23) });
  const template = await c.request('textDocument/documentSymbol', { textDocument: { uri: T } });
  assert.deepEqual(template[0].children.map((s: any) => [s.name, s.detail]), [
    ['service-name', 'required'],
    ['threshold', '= 0.95'],
    ['success-rate', 'prometheus · every 1m ×5'],
  ]);
  const fleet = await c.request('textDocument/documentSymbol', { textDocument: { uri: F } });
  assert.deepEqual(fleet[0].children.map((s: any) => [s.name, s.detail]), [
    ['canary', 'group canary-sites'],
    ['eu', 'region=eu-west'],
  ]);
});

test('hover: a template reference shows its args and metrics', async () => {
  const h = await c.request('textDocument/hover', { textDocument: { uri: R }, position: pos(18, 32) });
  assert.equal(h.contents.kind, 'markdown');
  assert.match(h.contents.value, /^\*\*AnalysisTemplate success-rate\*\*/);
  assert.match(h.contents.value, /- `service-name` \*\*required\*\*/);
  assert.match(h.contents.value, /- `threshold` = `0.95`/);
  assert.match(h.contents.value, /- `success-rate` · prometheus · every 1m, 5 times · success when `result\[0\] >= \{\{args.threshold\}\}`/);
  assert.deepEqual(h.range, { start: pos(18, 30), end: pos(18, 42) });
});

test('hover: field documentation from the CRD', async () => {
  const h = await c.request('textDocument/hover', { textDocument: { uri: R }, position: pos(15, 13) });
  assert.match(h.contents.value, /^\*\*setWeight\*\* · integer/);
  assert.match(h.contents.value, /SetWeight sets what percentage of the newRS should receive/);
});

test('hover: an {{args.x}} placeholder says where its value comes from', async () => {
  const h = await c.request('textDocument/hover', { textDocument: { uri: T }, position: pos(17, 50) });
  assert.match(h.contents.value, /^\*\*args\.service-name\*\*\n\nRequired: every Rollout using this template must pass it\./);
  assert.match(h.contents.value, /Rollout `checkout` \(step 2\): `checkout`/);
});

test('hover: maxUnavailable resolved by Fleet for several cluster counts', async () => {
  const h = await c.request('textDocument/hover', { textDocument: { uri: F }, position: pos(2, 20) });
  assert.match(h.contents.value, /\| 10 \| 1 \|/);
  assert.match(h.contents.value, /\| 50 \| 5 \|/);
  assert.match(h.contents.value, /\| 1 \| 1 \|/);
});

test('completion: templateName offers the AnalysisTemplates of the workspace', async () => {
  c.notify('textDocument/didChange', { textDocument: { uri: R, version: 2 }, contentChanges: [{ range: { start: pos(18, 30), end: pos(18, 42) }, text: '' }] });
  const list = await c.request('textDocument/completion', { textDocument: { uri: R }, position: pos(18, 30) });
  const item = list.items.find((i: any) => i.label === 'success-rate');
  assert.ok(item, JSON.stringify(list.items.map((i: any) => i.label)));
  assert.equal(item.detail, 'AnalysisTemplate');
  assert.deepEqual(item.textEdit, { range: { start: pos(18, 30), end: pos(18, 30) }, newText: 'success-rate' });
  c.notify('textDocument/didChange', { textDocument: { uri: R, version: 3 }, contentChanges: [{ range: { start: pos(18, 30), end: pos(18, 30) }, text: 'success-rate' }] });
});

test('completion: keys of a new canary step, with step snippets', async () => {
  c.notify('textDocument/didChange', { textDocument: { uri: R, version: 4 }, contentChanges: [{ range: { start: pos(21, 30), end: pos(21, 30) }, text: '\n        - ' }] });
  const list = await c.request('textDocument/completion', { textDocument: { uri: R }, position: pos(22, 10) });
  const labels = list.items.map((i: any) => i.label);
  for (const key of ['setWeight', 'pause', 'analysis', 'experiment', 'setCanaryScale']) assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
  const snippet = list.items.find((i: any) => i.label === 'pause (duration)');
  assert.equal(snippet.insertTextFormat, 2);
  assert.equal(snippet.textEdit.newText, 'pause:\n    duration: ${1:5m}');
  c.notify('textDocument/didChange', { textDocument: { uri: R, version: 5 }, contentChanges: [{ range: { start: pos(21, 30), end: pos(22, 10) }, text: '' }] });
});

test('completion: {{args. offers the declared args', async () => {
  c.notify('textDocument/didChange', { textDocument: { uri: T, version: 2 }, contentChanges: [{ range: { start: pos(13, 55), end: pos(13, 55) }, text: ' && {{args.' }] });
  const list = await c.request('textDocument/completion', { textDocument: { uri: T }, position: pos(13, 66) });
  assert.deepEqual(list.items.map((i: any) => [i.label, i.textEdit.newText]), [
    ['service-name', 'service-name}}'],
    ['threshold', 'threshold}}'],
  ]);
  c.notify('textDocument/didChange', { textDocument: { uri: T, version: 3 }, contentChanges: [{ range: { start: pos(13, 55), end: pos(13, 66) }, text: '' }] });
});

test('definition and references: templateName <-> AnalysisTemplate', async () => {
  const defs = await c.request('textDocument/definition', { textDocument: { uri: R }, position: pos(18, 33) });
  assert.deepEqual(defs, [{ uri: T, range: { start: pos(3, 8), end: pos(3, 20) } }]);
  const refs = await c.request('textDocument/references', { textDocument: { uri: T }, position: pos(3, 10), context: { includeDeclaration: true } });
  assert.deepEqual(refs, [
    { uri: T, range: { start: pos(3, 8), end: pos(3, 20) } },
    { uri: R, range: { start: pos(18, 30), end: pos(18, 42) } },
  ]);
});

test('definition: clusterGroup in fleet.yaml goes to the ClusterGroup', async () => {
  const defs = await c.request('textDocument/definition', { textDocument: { uri: F }, position: pos(5, 22) });
  assert.deepEqual(defs, [{ uri: G, range: { start: pos(3, 8), end: pos(3, 20) } }]);
});

test('rename an analysis arg: declaration, placeholders and the Rollout args that pass it', async () => {
  const edit = await c.request('textDocument/rename', { textDocument: { uri: T }, position: pos(6, 14), newName: 'service' });
  assert.deepEqual(edit.changes[T].map((e: any) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]).sort(), [
    [17, 51, 63, 'service'],
    [6, 12, 24, 'service'],
  ].sort());
  assert.deepEqual(edit.changes[R].map((e: any) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]), [[20, 22, 34, 'service']]);
});

test('code lens: a Rollout summarises its steps and templates; a template lists its users', async () => {
  const lenses = await c.request('textDocument/codeLens', { textDocument: { uri: R } });
  assert.deepEqual(lenses.map((l: any) => [l.range.start.line, l.command.title]), [[1, '2 steps · analysis: success-rate']]);
  const t = await c.request('textDocument/codeLens', { textDocument: { uri: T } });
  assert.deepEqual(t.map((l: any) => l.command.title), ['used by 1 Rollout: checkout']);
});

test('semantic tokens: declared args, the placeholders that use them, resolved template names', async () => {
  const t = await c.request('textDocument/semanticTokens/full', { textDocument: { uri: T } });
  // decode: [line, char, length, type, modifiers]
  const decoded: number[][] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < t.data.length; i += 5) {
    line += t.data[i];
    ch = t.data[i] === 0 ? ch + t.data[i + 1] : t.data[i + 1];
    decoded.push([line, ch, t.data[i + 2], t.data[i + 3], t.data[i + 4]]);
  }
  assert.deepEqual(decoded, [
    [6, 12, 12, 1, 1],
    [7, 12, 9, 1, 1],
    [13, 44, 9, 1, 0],
    [17, 51, 12, 1, 0],
  ]);
  const r = await c.request('textDocument/semanticTokens/full', { textDocument: { uri: R } });
  assert.deepEqual(r.data, [18, 30, 12, 2, 0]);
});

test('live inventory from a hub: partition hover lists clusters, lenses count them, labels complete, empty partitions are flagged', async () => {
  const inventory = {
    clusters: [
      { context: 'hub', namespace: 'fleet-default', name: 'edge-eu-1', labels: { region: 'eu-west', stage: 'canary' } },
      { context: 'hub', namespace: 'fleet-default', name: 'edge-eu-2', labels: { region: 'eu-west', stage: 'production' }, offline: true },
      { context: 'hub', namespace: 'fleet-default', name: 'edge-us-1', labels: { region: 'us-east', stage: 'canary' } },
    ],
    groups: [{ context: 'hub', namespace: 'fleet-default', name: 'canary-sites', labels: {}, selector: { matchLabels: { stage: 'canary' } } }],
  };
  c.notify('fleetRollouts/inventory', { inventory });
  const h = await c.request('textDocument/hover', { textDocument: { uri: F }, position: pos(7, 10) });
  assert.match(h.contents.value, /\*\*Partition `eu`\*\*\n\nSelects: region=eu-west\.\n\nOn the connected hub: 2 clusters \(1 offline\): edge-eu-1, edge-eu-2 \(offline\)\./);
  const lenses = await c.request('textDocument/codeLens', { textDocument: { uri: F } });
  assert.deepEqual(lenses.map((l: any) => [l.range.start.line, l.command.title]), [
    [4, 'matches 2 clusters'],
    [6, 'matches 2 clusters (1 offline)'],
  ]);
  c.notify('textDocument/didChange', { textDocument: { uri: F, version: 2 }, contentChanges: [{ range: { start: pos(9, 18), end: pos(9, 25) }, text: '' }] });
  const list = await c.request('textDocument/completion', { textDocument: { uri: F }, position: pos(9, 18) });
  assert.deepEqual(list.items.filter((i: any) => i.detail === 'region on live clusters').map((i: any) => i.label), ['eu-west', 'us-east']);
  c.notify('textDocument/didChange', { textDocument: { uri: F, version: 3 }, contentChanges: [{ range: { start: pos(9, 18), end: pos(9, 18) }, text: 'mars-1' }] });
  const d = await c.pull(F);
  assert.ok(d.items.some((x: any) => x.code === 'fleet/partition-no-live-cluster' && /selects none of the 3 clusters on hub/.test(x.message)), JSON.stringify(d.items.map((x: any) => x.code)));
  c.notify('fleetRollouts/inventory', { inventory: null });
  const after = await c.pull(F);
  assert.ok(!after.items.some((x: any) => x.code === 'fleet/partition-no-live-cluster'), 'disconnecting the hub clears live findings');
});

test('folding: each document and each block collection that spans lines', async () => {
  const ranges = await c.request('textDocument/foldingRange', { textDocument: { uri: G } });
  assert.deepEqual(
    ranges.map((r: any) => [r.startLine, r.endLine]).sort((a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1]),
    [
      [0, 7],
      [2, 4],
      [5, 7],
      [6, 7],
    ],
  );
});

test('definition: a Rollout service name goes to the Service', async () => {
  const svcUri = 'file:///ws/apps/services.yaml';
  c.open(svcUri, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: checkout-canary\nspec:\n  selector: {app: checkout}\n  ports: [{port: 80}]\n');
  const rolloutUri = 'file:///ws/apps/svc-rollout.yaml';
  c.open(rolloutUri, ROLLOUT.replace('    canary:\n', '    canary:\n      canaryService: checkout-canary\n      stableService: checkout\n'));
  const defs = await c.request('textDocument/definition', { textDocument: { uri: rolloutUri }, position: pos(14, 25) });
  assert.deepEqual(defs, [{ uri: svcUri, range: { start: pos(3, 8), end: pos(3, 23) } }]);
});

test('rename a template: its name and every templateName that refers to it', async () => {
  const edit = await c.request('textDocument/rename', { textDocument: { uri: R }, position: pos(18, 33), newName: 'http-success' });
  assert.deepEqual(edit.changes[T].map((e: any) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]), [[3, 8, 20, 'http-success']]);
  assert.deepEqual(edit.changes[R].map((e: any) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]), [[18, 30, 42, 'http-success']]);
});

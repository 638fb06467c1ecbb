import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/engine/workspace';
import { K, typeIdOf } from '../../server/src/engine/kinds';
import { LanguageService } from '../../server/src/language-service';

test('classification by apiVersion group and kind; fleet.yaml by file name', () => {
  assert.equal(typeIdOf('argoproj.io/v1alpha1', 'Rollout'), K.Rollout);
  assert.equal(typeIdOf('fleet.cattle.io/v1alpha1', 'Cluster'), K.FleetCluster);
  assert.equal(typeIdOf('cluster.x-k8s.io/v1beta1', 'Cluster'), 'cluster.x-k8s.io/Cluster');
  assert.equal(typeIdOf('v1', 'Service'), K.Service);
  assert.equal(typeIdOf('extensions/v1beta1', 'Ingress'), K.Ingress);
  assert.equal(typeIdOf(undefined, undefined), undefined);
  const ws = new Workspace();
  ws.setFile('file:///repo/app/fleet.yaml', 'defaultNamespace: x\nname: app-bundle\n');
  ws.setFile('file:///repo/app/fleet.yml.bak.yaml', 'defaultNamespace: x\n');
  assert.equal(ws.objectsOfFile('file:///repo/app/fleet.yaml')[0].typeId, K.FleetYaml);
  assert.equal(ws.objectsOfFile('file:///repo/app/fleet.yml.bak.yaml')[0].typeId, undefined);
});

test('index: multi-document files, List items, lookups by type, name and namespace', () => {
  const ws = new Workspace();
  ws.setFile('file:///a.yaml', [
    'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: rate\n  namespace: shop\n',
    'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: web-canary\n',
  ].join('---\n'));
  assert.equal(ws.find(K.AnalysisTemplate, 'rate', 'shop').length, 1);
  assert.equal(ws.find(K.AnalysisTemplate, 'rate', 'other').length, 0);
  assert.equal(ws.find(K.AnalysisTemplate, 'rate').length, 1, 'no namespace on the referring side matches any');
  assert.deepEqual(ws.all(K.Service).map((o) => o.name).sort(), ['web', 'web-canary']);
  assert.deepEqual(ws.find(K.Service, 'web')[0].basePath, ['items', 0]);
  ws.removeFile('file:///a.yaml');
  assert.equal(ws.all(K.Service).length, 0);
});

const template = (arg: string) => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: rate
spec:
  args:
    - name: ${arg}
  metrics:
    - name: m
      provider:
        prometheus:
          address: http://p:9090
          query: vector(1)
`;
const rollout = `apiVersion: argoproj.io/v1alpha1
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
      steps:
        - analysis:
            templates: [{templateName: rate}]
            args: [{name: service, value: web}]
`;

test('editing a template re-checks the Rollouts that use it, in other files', () => {
  const svc = new LanguageService();
  svc.setFile('file:///rollout.yaml', rollout);
  assert.deepEqual(svc.diagnostics('file:///rollout.yaml').map((d) => d.code).filter((c) => c.startsWith('rollouts/analysis')), ['rollouts/analysis-template-not-found']);
  const affected = svc.setFile('file:///template.yaml', template('service'));
  assert.ok(affected.has('file:///rollout.yaml'), 'the Rollout file is reported as affected');
  assert.deepEqual(svc.diagnostics('file:///rollout.yaml'), []);
  svc.setFile('file:///template.yaml', template('service-name'), 2);
  const d = svc.diagnostics('file:///rollout.yaml').filter((x) => x.code === 'rollouts/analysis-arg-missing');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /args\.service-name was not resolved/);
  assert.equal(d[0].related?.[0].uri, 'file:///template.yaml');
  svc.removeFile('file:///template.yaml');
  assert.deepEqual(svc.diagnostics('file:///rollout.yaml').map((x) => x.code).filter((c) => c.startsWith('rollouts/analysis')), ['rollouts/analysis-template-not-found']);
});

test('an edit to an unrelated document does not re-run rules on the others', () => {
  const svc = new LanguageService();
  const docs = Array.from({ length: 20 }, (_, i) => rollout.replace('name: web\n', `name: web-${i}\n`));
  svc.setFile('file:///many.yaml', docs.join('---\n'));
  svc.diagnostics('file:///many.yaml');
  const affected = svc.editFile('file:///many.yaml', [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } }, text: 'renamed' }], 1);
  assert.deepEqual([...affected], ['file:///many.yaml']);
});

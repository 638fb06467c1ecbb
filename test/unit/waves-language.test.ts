// Direct waves in the language server: a WavePlan is classified, validated against its
// hand-written schema (schemas/waveplan.schema.json), and gets completion and hover from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LanguageService } from '../../server/src/language-service';
import { K } from '../../server/src/engine/kinds';
import { schemaIdFor } from '../../server/src/engine/schema';

const URI = 'file:///repo/plan.yaml';
const PLAN = [
  'apiVersion: fleetrollouts.dev/v1alpha1',
  'kind: WavePlan',
  'metadata:',
  '  name: checkout',
  'spec:',
  '  rollout:',
  '    name: checkout',
  '  waves:',
  '    - name: eu',
  '      contexts: [edge-eu-1]',
  '      gates:',
  '        - bake: 10m',
  '        - ',
].join('\n');

test('the WavePlan kind has its own type id and schema', () => {
  assert.equal(K.WavePlan, 'fleetrollouts.dev/WavePlan');
  assert.equal(schemaIdFor('fleetrollouts.dev/v1alpha1', 'WavePlan'), 'fleetrollouts.waveplan');
  assert.equal(schemaIdFor('fleetrollouts.dev/v1beta1', 'WavePlan'), undefined);
});

test('schema checks: an unknown key and a value outside the enum', () => {
  const service = new LanguageService();
  service.setFile(URI, PLAN.replace('  rollout:', '  onFailure: rollback\n  rollout:').replace('      contexts: [edge-eu-1]', '      context: [edge-eu-1]\n      contexts: [edge-eu-1]'));
  const found = service.diagnostics(URI).map((d) => `${d.code}: ${d.message}`);
  assert.ok(found.some((f) => /^schema\/invalid-value: spec\.onFailure: Unsupported value: "rollback"/.test(f)), found.join('\n'));
  assert.ok(found.some((f) => /^schema\/unknown-field: unknown field "spec\.waves\[0\]\.context": did you mean 'contexts'\?/.test(f)), found.join('\n'));
});

test('a valid plan has no schema finding', () => {
  const service = new LanguageService();
  service.setFile(URI, PLAN.replace(/\n {8}- $/, '\n        - approval: {}'));
  assert.deepEqual(service.diagnostics(URI).filter((d) => String(d.code).startsWith('schema/')).map((d) => d.message), []);
});

test('completion offers the gate kinds; hover explains bake', () => {
  const service = new LanguageService();
  service.setFile(URI, PLAN);
  const lines = PLAN.split('\n');
  const items = service.completion(URI, { line: lines.length - 1, character: lines[lines.length - 1].length });
  const labels = items.map((i) => i.label);
  for (const gate of ['healthy', 'analysis', 'approval']) assert.ok(labels.includes(gate), `${gate} in ${labels.join(', ')}`);
  assert.ok(!labels.includes('name'), 'only the keys a gate may have');
  const hover = service.hover(URI, { line: 11, character: 11 });
  assert.match(JSON.stringify(hover), /Go duration/);
});

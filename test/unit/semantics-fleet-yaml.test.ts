// fleet.yaml checks that mirror `fleet apply` (server/src/semantics/fleet/validate-fleet-yaml.ts) and the
// "did you mean" of server/src/semantics/fleet/key-suggestions.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { sharedRoot } from '../helpers/paths';
import { LanguageService } from '../../server/src/language-service';
import { schemaFor, FLEET_YAML_SCHEMA_ID } from '../../server/src/engine/schema';
import { dependsOnProblems } from '../../server/src/semantics/fleet/validate-fleet-yaml';
import { allowedKeys, closestKey, editDistance, placesOfKey } from '../../server/src/semantics/fleet/key-suggestions';

interface Entry {
  path: string;
  kind: string;
  expect: string;
  message?: string;
}

describe('dependsOn validation (fleet-argocd.md §1.5, §1.7 F1)', () => {
  const corpus = path.join(sharedRoot, 'corpus', 'fleet');
  const entries = (JSON.parse(fs.readFileSync(path.join(corpus, 'expectations.json'), 'utf8')).entries as Entry[]).filter((e) => e.kind === 'fleet.yaml');

  for (const e of entries.filter((x) => x.expect === 'error')) {
    test(`corpus ${e.path}: the exact fleet apply message, also in the diagnostic`, () => {
      const text = fs.readFileSync(path.join(corpus, e.path), 'utf8');
      assert.deepEqual(dependsOnProblems(parse(text)).map((p) => p.message), [e.message]);
      const service = new LanguageService();
      const uri = 'file:///corpus/dependson/fleet.yaml';
      service.setFile(uri, text);
      const errors = service.diagnostics(uri).filter((d) => d.code === 'fleet/depends-on');
      assert.equal(errors.length, 1);
      assert.equal(errors[0].severity, 'error');
      assert.ok(errors[0].message.includes(e.message!), errors[0].message);
    });
  }

  test('upstream-valid fleet.yaml files have no dependsOn problem', () => {
    for (const e of entries.filter((x) => x.expect === 'valid' && x.path.includes('dependson'))) {
      assert.deepEqual(dependsOnProblems(parse(fs.readFileSync(path.join(corpus, e.path), 'utf8'))), [], e.path);
    }
  });

  const cases: Array<[string, unknown, string[]]> = [
    ['an empty name and a null selector count as missing', { dependsOn: [{ name: '', selector: null }] }, ["failed to process bundle: validating fleet.yaml: dependsOn[0]: must specify either 'name' or 'selector'"]],
    ['an empty selector is a selector', { dependsOn: [{ selector: {} }] }, []],
    [
      'states are case-sensitive and "" is invalid',
      { dependsOn: [{ name: 'db', acceptedStates: ['ready', ''] }] },
      [
        'failed to process bundle: validating fleet.yaml: dependsOn[0].acceptedStates[0]: invalid state "ready", valid values are: [Ready NotReady Pending OutOfSync Modified WaitApplied ErrApplied]',
        'failed to process bundle: validating fleet.yaml: dependsOn[0].acceptedStates[1]: invalid state "", valid values are: [Ready NotReady Pending OutOfSync Modified WaitApplied ErrApplied]',
      ],
    ],
    ['the states of an entry without name and selector are not looked at', { dependsOn: [{ acceptedStates: ['bogus'] }] }, ["failed to process bundle: validating fleet.yaml: dependsOn[0]: must specify either 'name' or 'selector'"]],
  ];
  for (const [name, value, want] of cases) {
    test(name, () => assert.deepEqual(dependsOnProblems(value as Record<string, unknown>).map((p) => p.message), want));
  }
});

describe('did you mean (fleet-argocd.md §1.6: unknown keys are dropped silently)', () => {
  const schema = schemaFor(FLEET_YAML_SCHEMA_ID);
  const cases: Array<[string, Array<string | number>, string | undefined]> = [
    ['valueFiles', ['helm'], 'valuesFiles'],
    ['valuesfiles', ['helm'], 'valuesFiles'],
    ['values_files', ['helm'], 'valuesFiles'],
    ['clusterselector', ['targetCustomizations', 0], 'clusterSelector'],
    ['clusterSelecter', ['rolloutStrategy', 'partitions', 1], 'clusterSelector'],
    ['maxUnavailablePartition', ['rolloutStrategy'], 'maxUnavailablePartitions'],
    ['matchLabel', ['targetCustomizations', 0, 'clusterSelector'], 'matchLabels'],
    ['defaultNamspace', [], 'defaultNamespace'],
    ['targetCustomisations', [], 'targetCustomizations'],
    ['releasename', ['helm'], 'releaseName'],
    ['chart', [], undefined],
    ['resources', [], undefined],
    ['xyz', ['helm'], undefined],
  ];
  for (const [key, at, want] of cases) {
    test(`${key} at ${at.join('.') || 'top level'} → ${want ?? 'no suggestion'}`, () => assert.equal(closestKey(key, allowedKeys(schema, at)), want));
  }

  test('internal keys are never suggested', () => {
    assert.ok(!allowedKeys(schema, []).includes('resources'));
    assert.ok(!allowedKeys(schema, []).includes('targetRestrictions'));
    assert.ok(allowedKeys(schema, []).includes('annotations'));
  });

  test('a key one level off is found where it belongs', () => {
    assert.deepEqual(placesOfKey(schema, 'chart').slice(0, 1), ['helm.chart']);
    assert.deepEqual(placesOfKey(schema, 'partitions'), ['rolloutStrategy.partitions']);
  });

  test('edit distance counts a transposition as one edit', () => {
    assert.equal(editDistance('clsuter', 'cluster'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('', 'abc'), 3);
  });
});

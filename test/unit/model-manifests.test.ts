// "Reveal in editor": finding the document that defines a Rollout in a workspace YAML file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRolloutManifests, rolloutsInText } from '../../client/src/model/manifests';
import { repoRoot } from '../helpers/paths';

const multi = `apiVersion: v1
kind: Service
metadata:
  name: checkout
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  namespace: payments
  name: checkout
spec: {}
---
apiVersion: argoproj.io/v1alpha1
kind: "Rollout"
metadata: {name: checkout, namespace: staging}
`;

test('finds each Rollout document with that name and the position of its name', () => {
  const found = findRolloutManifests(multi, 'checkout', 'payments');
  assert.deepEqual(found, [
    { line: 9, character: 8, namespace: 'payments', namespaceMatches: true },
    { line: 14, character: 17, namespace: 'staging', namespaceMatches: false },
  ]);
  assert.deepEqual(findRolloutManifests(multi, 'cart'), []);
  assert.deepEqual(findRolloutManifests('kind: Rollout\nmetadata: [unclosed', 'x'), []);
});

test('a Rollout of another API group is not an Argo Rollout', () => {
  assert.deepEqual(findRolloutManifests('apiVersion: example.com/v1\nkind: Rollout\nmetadata:\n  name: a\n', 'a'), []);
});

test('the example manifests: every Rollout they define is found', () => {
  const file = path.join(repoRoot, 'examples', 'fleet', 'checkout', 'rollout.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const defined = rolloutsInText(text);
  assert.ok(defined.length >= 1);
  for (const r of defined) {
    const [m] = findRolloutManifests(text, r.name, r.namespace || undefined);
    assert.equal(text.split('\n')[m.line].trim(), `name: ${r.name}`);
  }
});

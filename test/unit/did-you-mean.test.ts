import { test } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, editDistance } from '../../server/src/semantics/text/did-you-mean';
import { knownKeysAt } from '../../server/src/engine/schema/known-keys';
import { schemaFor } from '../../server/src/engine/schema';

test('edit distance counts a transposition as one edit', () => {
  assert.equal(editDistance('setWieght', 'setWeight'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('Steps', 'steps'), 0);
});

test('suggestions: typos, case, and nothing when nothing is close', () => {
  const steps = ['setWeight', 'pause', 'analysis', 'experiment', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'plugin'];
  assert.equal(didYouMean('setWieght', steps), 'setWeight');
  assert.equal(didYouMean('SetWeight', steps), 'setWeight');
  assert.equal(didYouMean('puase', steps), 'pause');
  assert.equal(didYouMean('valueFiles', ['valuesFiles', 'values', 'valuesFrom']), 'valuesFiles');
  assert.equal(didYouMean('frobnicate', steps), undefined);
  assert.equal(didYouMean('x', ['y']), 'y');
  assert.equal(didYouMean('ab', ['xyz']), undefined);
});

test('known keys follow the schema through arrays and references', () => {
  const rollout = schemaFor('argoproj.rollout')!;
  const stepKeys = knownKeysAt(rollout, ['spec', 'strategy', 'canary', 'steps', 0])!;
  assert.ok(stepKeys.includes('setWeight') && stepKeys.includes('pause'), stepKeys.join(','));
  assert.equal(knownKeysAt(rollout, ['spec', 'strategy', 'canary', 'steps', 0, 'plugin', 'config']), undefined, 'free-form');
  const container = knownKeysAt(rollout, ['spec', 'template', 'spec', 'containers', 0])!;
  assert.ok(container.includes('image') && container.includes('readinessProbe'));
});

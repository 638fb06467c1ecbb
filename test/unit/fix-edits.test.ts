import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { Workspace } from '../../server/src/engine/workspace';
import { fixTextEdits } from '../../server/src/check/fix-edits';
import type { FixEdit } from '../../server/src/rules/rule';
import { applyTextEdits } from '../helpers/apply-edits';

const DOC = `# leading comment
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  strategy:
    canary:
      maxSurge: "0"
      steps:
        - setWeight: 20
        - analysis:
            templates:
              - templateName: rate
            args:
              - name: a
                value: "1"
        - pause: {duration: 5m}
      flowList: [x, y]
      flowMap: {k: v}
      emptyList: []
      emptyMap: {}
  replicas: 3
`;

function apply(edits: FixEdit[], text = DOC): string {
  const ws = new Workspace();
  ws.setFile('file:///a.yaml', '---\nkind: Other\n---\n' + text);
  const o = ws.objectsOfFile('file:///a.yaml')[1];
  const out = fixTextEdits(o, { title: 't', edits });
  assert.ok(out, `fix applies: ${JSON.stringify(edits)}`);
  return applyTextEdits(ws.file('file:///a.yaml')!.text, out).split('---\n').slice(2).join('---\n');
}

const canary = (text: string) => parse(text).spec.strategy.canary;

test('setKey in a block mapping keeps its indentation, before the next sibling key', () => {
  const text = apply([{ op: 'setKey', path: ['spec', 'strategy', 'canary', 'steps', 1, 'analysis'], key: 'startingStep', value: 2 }]);
  assert.equal(canary(text).steps[1].analysis.startingStep, 2);
  assert.match(text, /\n {12}startingStep: 2\n {8}- pause/);
});

test('setKey with a collection value renders it as block YAML at the right depth', () => {
  const text = apply([{ op: 'setKey', path: ['spec', 'strategy', 'canary', 'steps', 1, 'analysis', 'templates', 0], key: 'clusterScope', value: true }]);
  assert.equal(canary(text).steps[1].analysis.templates[0].clusterScope, true);
  const text2 = apply([{ op: 'setKey', path: ['metadata'], key: 'labels', value: { app: 'web', tier: 'edge' } }]);
  assert.deepEqual(parse(text2).metadata, { name: 'web', labels: { app: 'web', tier: 'edge' } });
});

test('appendItem to a block sequence of mappings', () => {
  const text = apply([{ op: 'appendItem', path: ['spec', 'strategy', 'canary', 'steps', 1, 'analysis', 'args'], value: { name: 'service-name', value: 'web' } }]);
  assert.deepEqual(canary(text).steps[1].analysis.args, [
    { name: 'a', value: '1' },
    { name: 'service-name', value: 'web' },
  ]);
  assert.match(text, /\n {14}- name: service-name\n {16}value: web\n/);
});

test('appendItem and setKey in flow collections, empty or not', () => {
  const text = apply([
    { op: 'appendItem', path: ['spec', 'strategy', 'canary', 'flowList'], value: 'z' },
    { op: 'setKey', path: ['spec', 'strategy', 'canary', 'flowMap'], key: 'k2', value: 'v 2' },
    { op: 'appendItem', path: ['spec', 'strategy', 'canary', 'emptyList'], value: 1 },
    { op: 'setKey', path: ['spec', 'strategy', 'canary', 'emptyMap'], key: 'a', value: 'b' },
  ]);
  const c = canary(text);
  assert.deepEqual([c.flowList, c.flowMap, c.emptyList, c.emptyMap], [['x', 'y', 'z'], { k: 'v', k2: 'v 2' }, [1], { a: 'b' }]);
});

test('renameKey and replaceValue quote only when YAML needs it', () => {
  const text = apply([
    { op: 'renameKey', path: ['spec', 'strategy', 'canary', 'flowMap'], to: 'renamed' },
    { op: 'replaceValue', path: ['spec', 'strategy', 'canary', 'maxSurge'], value: '0%' },
    { op: 'replaceValue', path: ['spec', 'replicas'], value: 5 },
  ]);
  assert.equal(canary(text).renamed.k, 'v');
  assert.equal(canary(text).maxSurge, '0%');
  assert.equal(parse(text).spec.replicas, 5);
  assert.match(text, /maxSurge: 0%\n/);
});

test('remove a pair, a block list item, the first pair of a list item, a flow item', () => {
  const text = apply([{ op: 'remove', path: ['spec', 'strategy', 'canary', 'maxSurge'] }]);
  assert.equal('maxSurge' in canary(text), false);
  assert.ok(text.includes('    canary:\n      steps:'));
  const t2 = apply([{ op: 'remove', path: ['spec', 'strategy', 'canary', 'steps', 1] }]);
  assert.deepEqual(canary(t2).steps, [{ setWeight: 20 }, { pause: { duration: '5m' } }]);
  const t3 = apply([{ op: 'remove', path: ['spec', 'strategy', 'canary', 'steps', 1, 'analysis', 'args', 0, 'name'] }]);
  assert.deepEqual(canary(t3).steps[1].analysis.args, [{ value: '1' }]);
  const t4 = apply([{ op: 'remove', path: ['spec', 'strategy', 'canary', 'flowList', 0] }]);
  assert.deepEqual(canary(t4).flowList, ['y']);
  const t5 = apply([{ op: 'remove', path: ['spec', 'strategy', 'canary', 'flowList', 1] }]);
  assert.deepEqual(canary(t5).flowList, ['x']);
});

test('a fix that cannot be placed safely is not offered', () => {
  const ws = new Workspace();
  ws.setFile('file:///a.yaml', DOC);
  const o = ws.objectsOfFile('file:///a.yaml')[0];
  assert.equal(fixTextEdits(o, { title: 't', edits: [{ op: 'setKey', path: ['spec', 'nope'], key: 'a', value: 1 }] }), undefined);
  assert.equal(fixTextEdits(o, { title: 't', edits: [{ op: 'appendItem', path: ['metadata'], value: 1 }] }), undefined);
});

test('replaceValue of an empty value keeps a space after the colon and before a comment', () => {
  const text = apply([{ op: 'replaceValue', path: ['spec', 'strategy', 'canary', 'pauseHere', 'pause'], value: {} }], DOC.replace('      flowList: [x, y]\n', '      pauseHere:\n        pause: # until promoted\n      flowList: [x, y]\n'));
  assert.match(text, /\n {8}pause: \{\} # until promoted\n/);
  assert.deepEqual(canary(text).pauseHere, { pause: {} });
});

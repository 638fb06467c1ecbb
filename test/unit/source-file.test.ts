import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceFile } from '../../server/src/engine/source-file';
import { splitChunks } from '../../server/src/engine/parse/split';
import { LineIndex } from '../../server/src/engine/text/line-index';

test('split: cuts at --- marker lines only', () => {
  const text = 'a: 1\n---\nb: 2\n--- # comment\nc: "---"\n----\nd: 4\n---';
  assert.deepEqual(splitChunks(text), ['a: 1\n', '---\nb: 2\n', '--- # comment\nc: "---"\n----\nd: 4\n', '---']);
});

test('split: a file without markers is one chunk, an empty file one empty chunk', () => {
  assert.deepEqual(splitChunks('a: 1\nb: 2\n'), ['a: 1\nb: 2\n']);
  assert.deepEqual(splitChunks(''), ['']);
});

test('chunks know their first line in the file', () => {
  const f = new SourceFile('file:///a.yaml', 'a: 1\n---\nb: 2\nc: 3\n---\nd: 4\n');
  assert.deepEqual(f.chunks.map((c) => c.startLine), [0, 1, 4]);
  assert.deepEqual(f.chunks[2].toFilePosition(4), { line: 5, character: 0 });
});

/** Deterministic pseudo-random numbers so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('incremental edits give the same chunks as parsing the final text', () => {
  const rand = prng(42);
  const pieces = ['---\n', 'a: 1\n', 'kind: Rollout\n', '- x\n', '\n', '--', '-', 'b: "---"\n', 'metadata:\n  name: n\n', ''];
  let text = 'kind: A\n---\nkind: B\n---\nkind: C\n';
  const file = new SourceFile('file:///x.yaml', text);
  for (let i = 0; i < 2000; i++) {
    const lines = new LineIndex(text);
    const a = Math.floor(rand() * (text.length + 1));
    const b = Math.min(text.length, a + Math.floor(rand() * 12));
    const insert = pieces[Math.floor(rand() * pieces.length)];
    file.applyEdits([{ range: { start: lines.positionAt(a), end: lines.positionAt(b) }, text: insert }], i + 1);
    text = text.slice(0, a) + insert + text.slice(b);
    assert.equal(file.text, text, `text after edit ${i}`);
    const fresh = new SourceFile('file:///y.yaml', text);
    assert.deepEqual(file.chunks.map((c) => [c.text, c.startLine]), fresh.chunks.map((c) => [c.text, c.startLine]), `chunks after edit ${i}`);
  }
});

test('an edit inside one document re-creates only that chunk', () => {
  const docs = Array.from({ length: 50 }, (_, i) => `kind: Service\nmetadata:\n  name: s${i}\n`);
  const file = new SourceFile('file:///big.yaml', docs.join('---\n'));
  const before = [...file.chunks];
  const change = file.applyEdits([{ range: { start: { line: 4 * 25 + 2, character: 8 }, end: { line: 4 * 25 + 2, character: 10 } }, text: 'renamed' }], 1);
  assert.equal(change.added.length, 1);
  assert.equal(change.removed.length, 1);
  assert.match(change.added[0].text, /name: renamed/);
  assert.equal(file.chunks.filter((c) => before.includes(c)).length, 49);
});

test('setText keeps unchanged chunks and their parse', () => {
  const file = new SourceFile('file:///a.yaml', 'a: 1\n---\nb: 2\n');
  const second = file.chunks[1];
  const parsed = second.parsed;
  const change = file.setText('a: 5\n---\nb: 2\n', 2);
  assert.equal(file.chunks[1], second);
  assert.equal(file.chunks[1].parsed, parsed);
  assert.equal(change.added.length, 1);
});

test('setText with many documents of one length: an identical text keeps every chunk, a changed one re-reads them', () => {
  const docs = (suffix: string) => Array.from({ length: 300 }, (_, i) => `name: app-${String(i).padStart(4, '0')}${suffix}\n`).join('---\n');
  const file = new SourceFile('file:///a.yaml', docs('a'));
  const before = [...file.chunks];
  const same = file.setText(docs('a'), 2);
  assert.deepEqual([same.added.length, same.removed.length], [0, 0]);
  assert.ok(file.chunks.every((c, i) => c === before[i]), 'same chunks, same order');
  const changed = file.setText(docs('b'), 3);
  assert.deepEqual([changed.added.length, changed.removed.length], [300, 300]);
  assert.deepEqual(file.chunks.map((c) => c.startLine), before.map((c) => c.startLine));
});

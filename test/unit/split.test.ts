import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkStarts, splitChunks } from '../../server/src/engine/parse/split';

test('split: a line starting with --- and then white space, a line break or the end is a document marker', () => {
  const cases: Array<[string, number[]]> = [
    ['a: 1\n---\nb: 2\n', [0, 5]],
    ['---\na: 1\n', [0]],
    ['a: 1\n--- # comment\nb: 2\n', [0, 5]],
    ['a: 1\n---\tb: 2\n', [0, 5]],
    ['a: 1\n---', [0, 5]],
    ['a: 1\r\n---\r\nb: 2', [0, 6]],
    ['a: 1\n---\n---\n', [0, 5, 9]],
    // The spec forbids a marker line as content, even inside a quoted scalar.
    ['a: "x\n--- y"\n', [0, 6]],
  ];
  for (const [text, starts] of cases) assert.deepEqual(chunkStarts(text), starts, JSON.stringify(text));
});

test('split: ----, ---x, an indented --- and --- inside a line are not markers', () => {
  for (const text of ['a: 1\n----\n', 'a: 1\n---x\n', 'a: 1\n ---\n', 'a: x---\n', 'a: |\n  ---\n', '']) {
    assert.deepEqual(chunkStarts(text), [0], JSON.stringify(text));
  }
});

test('split: the chunks put back together are the text', () => {
  const text = 'a: 1\n---\nb: 2\n--- # c\r\nc: 3\n----\n---';
  const chunks = splitChunks(text);
  assert.equal(chunks.join(''), text);
  assert.deepEqual(chunks, ['a: 1\n', '---\nb: 2\n', '--- # c\r\nc: 3\n----\n', '---']);
});

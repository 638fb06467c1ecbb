// The documents kept parsed for the life of the process (engine/parse/kept-shapes.ts) only do
// their job if they make both parsers build nodes: the fast parser for the common shapes,
// `yaml` for what the fast parser leaves to it (anchors, tags, merge keys, errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastParseDocuments } from '../../server/src/engine/parse/fast-yaml';
import { parseChunk } from '../../server/src/engine/parse/parse-chunk';
import { SAMPLES } from '../../server/src/engine/parse/kept-shapes';

const [fastSample, secondFastSample, yamlSample, brokenSample] = SAMPLES;

test('the fast parser builds the first two samples itself', () => {
  for (const text of [fastSample, secondFastSample]) {
    const docs = fastParseDocuments(text);
    assert.ok(docs && docs.length === 1, `fell back on:\n${text}`);
  }
});

test('the fast samples hold every scalar style and number format the fast parser sets fields for', () => {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; format?: string; minFractionDigits?: number; flow?: boolean; items?: unknown[]; key?: unknown; value?: unknown };
    if (n.type) seen.add(`type:${n.type}`);
    if (n.format) seen.add(`format:${n.format}`);
    if (n.minFractionDigits !== undefined) seen.add('minFractionDigits');
    if (n.flow) seen.add('flow');
    if (Array.isArray(n.items)) n.items.forEach(visit);
    if ('key' in n) visit(n.key);
    if ('value' in n && typeof n.value === 'object') visit(n.value);
  };
  const doc = fastParseDocuments(fastSample)![0];
  visit(doc.contents);
  for (const want of ['type:PLAIN', 'type:QUOTE_SINGLE', 'type:QUOTE_DOUBLE', 'type:BLOCK_LITERAL', 'type:BLOCK_FOLDED', 'format:OCT', 'format:HEX', 'format:EXP', 'minFractionDigits', 'flow']) {
    assert.ok(seen.has(want), `no ${want} in the fast sample`);
  }
  assert.equal(doc.directives.docStart, true);
  assert.equal(doc.directives.docEnd, true);
});

test('the other samples go to yaml, one of them with an error', () => {
  assert.equal(fastParseDocuments(yamlSample), undefined);
  assert.equal(fastParseDocuments(brokenSample), undefined);
  assert.equal(parseChunk(yamlSample).problems.length, 0);
  assert.ok(parseChunk(brokenSample).problems.length > 0);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, visit, Scalar } from 'yaml';
import { scalarValueOffsets } from '../../server/src/check/scalar-map';
import { sharedRoot } from '../helpers/paths';

function scalarsOf(text: string): Scalar[] {
  const out: Scalar[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) continue;
    visit(doc, { Scalar: (_k, n) => void (typeof n.value === 'string' && out.push(n)) });
  }
  return out;
}

test('offsets map value characters to their source in every scalar style', () => {
  const text = [
    'plain: sum(rate(x[5m]))',
    'single: \'it\'\'s {{args.a}}\'',
    'double: "a\\tb \\"q\\" {{args.b}}"',
    'literal: |',
    '  line one',
    '    indented {{args.c}}',
    'folded: >-',
    '  first',
    '  second {{args.d}}',
    'multi: word',
    '  continued {{args.e}}',
    '',
  ].join('\n');
  for (const s of scalarsOf(text)) {
    const offsets = scalarValueOffsets(text, s);
    assert.ok(offsets, `offsets for ${JSON.stringify(s.value)}`);
    const value = s.value as string;
    const at = value.indexOf('{{');
    if (at !== -1) assert.equal(text.slice(offsets[at], offsets[at] + 2), '{{', `placeholder of ${JSON.stringify(value)}`);
    for (let i = 0; i < value.length; i++) {
      if (/[a-z0-9{}()[\]]/i.test(value[i])) assert.equal(text[offsets[i]], value[i], `char ${i} of ${JSON.stringify(value)}`);
    }
  }
});

test('on the corpus, every string scalar either maps exactly or declines', () => {
  let mapped = 0;
  let declined = 0;
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) {
        const text = fs.readFileSync(p, 'utf8');
        for (const s of scalarsOf(text)) {
          const offsets = scalarValueOffsets(text, s);
          if (!offsets) {
            declined++;
            continue;
          }
          mapped++;
          const value = s.value as string;
          for (let i = 0; i < value.length; i++) if (/[a-z0-9]/i.test(value[i])) assert.equal(text[offsets[i]], value[i], `${p}: ${JSON.stringify(value).slice(0, 80)} at ${i}`);
        }
      }
    }
  };
  walk(path.join(sharedRoot, 'corpus'));
  assert.ok(mapped > 1000, `mapped ${mapped}`);
  assert.ok(declined < mapped / 50, `declined ${declined} of ${mapped + declined}`);
});

// The server bundle's source stays in the server's heap as long as it runs. V8 keeps a string
// with any character above U+00FF at two bytes per character, so one em dash in a dependency's
// comment doubled what the 7 MB bundle took (scripts/build.mjs drops comments for that reason).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

test('dist/server.js is ASCII only, so V8 holds its source at one byte per character', () => {
  const bytes = fs.readFileSync(path.join(repoRoot, 'dist', 'server.js'));
  const at = bytes.findIndex((b) => b > 0x7f);
  assert.equal(at, -1, `non-ASCII byte at offset ${at}: ${bytes.subarray(Math.max(0, at - 60), at + 20).toString('utf8')}`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

// `npm run bench` is not part of the test run; its scripts must still parse, or a bench run dies at its first line.
test('every bench script parses', () => {
  const dir = path.join(repoRoot, 'bench');
  const scripts = fs.readdirSync(dir).filter((f) => /\.(mjs|cjs|js)$/.test(f));
  assert.ok(scripts.length >= 10, `bench scripts found: ${scripts.join(', ')}`);
  for (const f of scripts) execFileSync(process.execPath, ['--check', path.join(dir, f)], { stdio: 'pipe' });
});

test('the bench starts our server with the node flags the extension passes', async () => {
  const { serverCommand } = (await import(path.join(repoRoot, 'bench', 'servers.mjs'))) as { serverCommand: (which: string, root: string) => { args: string[] } };
  const flags = JSON.parse(fs.readFileSync(path.join(repoRoot, 'server', 'node-flags.json'), 'utf8')) as string[];
  const { args } = serverCommand('ours', repoRoot);
  assert.deepEqual(args.slice(0, flags.length), flags);
  assert.ok(args[flags.length].endsWith(path.join('dist', 'server.js')));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

interface Activation {
  endedBy: string;
  bundles: string[];
  error?: string;
}

/** One cold activation of the built extension against the bench's `vscode` stub (bench/activation.cjs). */
function activateOnce(): Activation {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'bench', 'activation.cjs'), path.join(repoRoot, 'dist', 'client.js')], { encoding: 'utf8', timeout: 30_000 });
  return JSON.parse(out.trim().split('\n').pop()!) as Activation;
}

test('activating the extension loads dist/client.js alone: the language client, Kubernetes client and YAML library wait until first use', () => {
  const result = activateOnce();
  assert.equal(result.error, undefined);
  assert.equal(result.endedBy, 'activate resolved');
  assert.deepEqual(result.bundles, ['client.js']);
  // …and the YAML library is not bundled into client.js either (one of its error codes).
  assert.ok(!fs.readFileSync(path.join(repoRoot, 'dist', 'client.js'), 'utf8').includes('MULTILINE_IMPLICIT_KEY'), 'yaml is bundled into dist/client.js');
});

test('the YAML library bundle the client loads on demand is the real library', () => {
  const yaml = require(path.join(repoRoot, 'dist', 'client-yaml.js')) as typeof import('yaml');
  const [doc] = yaml.parseAllDocuments('kind: Rollout\nmetadata:\n  name: checkout\n');
  assert.deepEqual(doc.toJS(), { kind: 'Rollout', metadata: { name: 'checkout' } });
});

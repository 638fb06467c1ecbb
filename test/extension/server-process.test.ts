import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from './runner';
import { closeAllWithoutSaving, diagnosticsOf, openExample, waitFor } from './workspace';
import SERVER_NODE_FLAGS from '../../server/node-flags.json';

/** Command lines of this extension host's language server processes (Linux /proc; the client passes its pid). */
function serverCommandLines(): string[][] {
  const out: string[][] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      continue;
    }
    if (args.includes(`--clientProcessId=${process.pid}`) && args.some((a) => a.endsWith(`${path.sep}dist${path.sep}server.js`))) out.push(args);
  }
  return out;
}

test('the language server runs with the node flags of server/node-flags.json', async () => {
  // The suites run on Linux (code-server in CI, test-electron here); /proc is how this is seen.
  if (process.platform !== 'linux') return;
  const editor = await openExample('fleet/checkout/rollout.yaml');
  const rule = 'rollouts/analysis-arg-missing';
  await waitFor(() => diagnosticsOf(editor.document.uri, rule).length > 0, 60_000, 'diagnostics from the language server');
  const lines = serverCommandLines();
  assert.ok(lines.length > 0, 'a fleet-rollouts dist/server.js process is running');
  for (const args of lines) for (const flag of SERVER_NODE_FLAGS) assert.ok(args.includes(flag), `${flag} in ${args.join(' ')}`);
  await closeAllWithoutSaving();
});

// The extension's `vscode`-API tests (test/extension, bundled to out/extension-test/index.js) run
// inside code-server's extension host: the same files `npm run test:electron` gives to
// @vscode/test-electron. The workbench accepts test-electron's options as a `payload` query
// parameter (../shared/docs/testing-in-vscode.md): the installed VSIX's folder is the extension
// development path and the bundle, copied into it, the extension tests path. When the tests settle
// the extension host exits; the runner writes each result to a file read here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../harness.mjs';
import { EXTENSION_ID, journey, journeyDir } from '../journey.mjs';
import { waitFor } from '../ui.mjs';

const BUNDLE = path.join(repoRoot, 'out', 'extension-test', 'index.js');
const results = path.join(journeyDir('extension-api'), 'results.json');

const step = journey('extension-api', {
  portOffset: 3,
  env: { FLEET_ROLLOUTS_EXTENSION_TEST_RESULTS: results },
  extensionHostReady: false,
  url: (cs) => {
    if (!fs.existsSync(BUNDLE)) throw new Error(`${path.relative(repoRoot, BUNDLE)} is missing: run node scripts/e2e/build-extension-tests.mjs`);
    const extension = cs.installedExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} was not installed into ${cs.extensions}`);
    const tests = path.join(extension, 'out', 'extension-test', 'index.js');
    fs.mkdirSync(path.dirname(tests), { recursive: true });
    fs.copyFileSync(BUNDLE, tests);
    const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(extension)], ['extensionTestsPath', remote(tests)]];
    return `${cs.url}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  },
});

step('the vscode-API tests pass inside code-server\'s extension host', async ({ page, out }) => {
  const log = path.join(out, 'code-server.log');
  let report;
  await waitFor(() => {
    report = fs.existsSync(results) ? JSON.parse(fs.readFileSync(results, 'utf8') || '{}') : undefined;
    if (report?.done) return true;
    const exited = fs.existsSync(log) && /Extension Host Process exited with code: (\d+)/.exec(fs.readFileSync(log, 'utf8'));
    if (exited && !report?.done) throw new Error(`the extension host exited (code ${exited[1]}) before the tests finished: ${JSON.stringify(report?.results ?? [])}; see ${log}`);
    return false;
  }, 240_000, 'the extension tests to finish (results.json)');
  await page.waitForTimeout(500);
  const failed = report.results.filter((r) => !r.ok);
  assert.equal(failed.length, 0, `failed inside the extension host:\n${failed.map((f) => `- ${f.name}\n${f.error}`).join('\n')}`);
  assert.ok(report.results.length >= 5, `only ${report.results.length} extension tests ran`);
  assert.match(fs.readFileSync(log, 'utf8'), /Loading development extension at/, 'the extension ran from its development path');
  // The extension host exits with the status of run() once the tests settle.
  let exit;
  await waitFor(() => (exit = /Extension Host Process exited with code: (\d+)/.exec(fs.readFileSync(log, 'utf8'))), 30_000, 'the extension host to exit after the tests');
  assert.equal(exit[1], '0', 'the extension host exit status');
}, { timeout: 300_000 });

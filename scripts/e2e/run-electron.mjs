// `npm run test:electron`: the extension's `vscode`-API tests (test/extension, bundled by
// scripts/e2e/build-extension-tests.mjs) in a desktop VS Code that @vscode/test-electron downloads
// (VS Code 1.100.3 unless VSCODE_TEST_VERSION says otherwise; VSCODE_EXECUTABLE_PATH uses an installed
// one). Needs internet access to update.code.visualstudio.com and a display (xvfb-run on a
// server). Where VS Code cannot be downloaded the same tests run in code-server's extension host:
// the e2e journey test/e2e/journeys/extension-api.test.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const extensionTestsPath = path.join(root, 'out', 'extension-test', 'index.js');
if (!fs.existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run node scripts/e2e/build-extension-tests.mjs first`);

// The tests edit documents (never saved): they still get a copy of examples/, as in code-server.
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-electron-'));
const workspace = path.join(base, 'examples');
fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
const userData = path.join(base, 'user-data');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'git.enabled': false }));

try {
  await runTests({
    version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
    extensionDevelopmentPath: root,
    extensionTestsPath,
    extensionTestsEnv: { FLEET_ROLLOUTS_EXTENSION_TEST_RESULTS: path.join(base, 'results.json') },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', path.join(base, 'extensions')],
  });
  console.log('test:electron: every extension test passed');
} catch (err) {
  console.error(`test:electron: failed (${err instanceof Error ? err.message : err}); results: ${path.join(base, 'results.json')}`);
  process.exitCode = 1;
}

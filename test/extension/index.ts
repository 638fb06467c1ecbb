/**
 * The entry VS Code loads as `extensionTestsPath` (out/extension-test/index.js): with
 * @vscode/test-electron (`npm run test:electron`) and inside code-server's extension host (the
 * end-to-end journey test/e2e/journeys/extension-api.test.mjs). scripts/e2e/build-extension-tests.mjs
 * bundles it with every test/extension/*.test.ts, which register their tests on load.
 */
import { runAll } from './runner';

export async function run(): Promise<void> {
  await runAll();
}

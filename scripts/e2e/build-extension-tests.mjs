// Bundles the extension tests (test/extension: index.ts, the runner, every *.test.ts) into one
// file, out/extension-test/index.js, that VS Code loads as `extensionTestsPath` — through
// @vscode/test-electron (`npm run test:electron`) or inside code-server (the e2e journey
// extension-api). Only `vscode` stays external: the bundle also runs from the installed VSIX's
// folder, which has no node_modules.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const dir = join(root, 'test', 'extension');
const tests = readdirSync(dir).filter((n) => n.endsWith('.test.ts')).sort();
if (tests.length === 0) throw new Error(`no *.test.ts in ${dir}`);
const contents = [...tests.map((t) => `import './${t.replace(/\.ts$/, '')}';`), "export { run } from './index';"].join('\n');
await esbuild.build({
  stdin: { contents, resolveDir: dir, sourcefile: 'extension-tests.ts', loader: 'ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
  outfile: join(root, 'out', 'extension-test', 'index.js'),
});
console.log(`extension tests: ${tests.length} files bundled into out/extension-test/index.js`);

// Builds everything the extension, the CLI and the tests run from:
// schemas and precompiled validators, then three esbuild bundles (client, server, CLI) and the test bundles.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, chmodSync, rmSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = new Set(process.argv.slice(2));
const started = Date.now();

if (!args.has('--no-schemas')) {
  execFileSync(process.execPath, [join(root, 'scripts', 'gen-schemas.mjs')], { stdio: 'inherit', cwd: root });
  execFileSync(process.execPath, [join(root, 'scripts', 'gen-validators.mjs')], { stdio: 'inherit', cwd: root });
}

execFileSync(process.execPath, [join(root, 'scripts', 'gen-rule-index.mjs')], { stdio: 'inherit', cwd: root });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { FLEET_ROLLOUTS_VERSION: JSON.stringify(pkg.version) },
};

// The client's three heavy libraries are separate files that it requires on first use, so activating the
// extension parses a small bundle: the language client starts after activation returns, the Kubernetes
// client loads when a kubeconfig is first read, and `yaml` when a command first reads or writes YAML.
const LAZY_LIBRARIES = { 'vscode-languageclient/node': './client-lsp.js', '@kubernetes/client-node': './client-kube.js', yaml: './client-yaml.js' };
const lazyLibraries = {
  name: 'lazy-libraries',
  setup(build) {
    build.onResolve({ filter: /^(vscode-languageclient\/node|@kubernetes\/client-node|yaml)$/ }, (args) => (args.kind === 'require-call' ? { path: LAZY_LIBRARIES[args.path], external: true } : undefined));
  },
};

await Promise.all([
  esbuild.build({ ...common, minify: true, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist/client.js'), external: ['vscode'], plugins: [lazyLibraries] }),
  esbuild.build({ ...common, minify: true, stdin: { contents: "module.exports = require('vscode-languageclient/node');", resolveDir: root }, outfile: join(root, 'dist/client-lsp.js'), external: ['vscode'] }),
  esbuild.build({ ...common, minify: true, stdin: { contents: "module.exports = require('@kubernetes/client-node');", resolveDir: root }, outfile: join(root, 'dist/client-kube.js') }),
  esbuild.build({ ...common, minify: true, stdin: { contents: "module.exports = require('yaml');", resolveDir: root }, outfile: join(root, 'dist/client-yaml.js') }),
  // Comments and indentation dropped (names kept): the bundle's source stays in the server's heap for
  // as long as it runs, and a single non-Latin-1 character in a comment makes all of it two bytes per
  // character (measured: 13.5 MiB of heap for a 6.6 MB bundle, 5.7 MiB without the comments).
  esbuild.build({ ...common, minifyWhitespace: true, minifySyntax: true, entryPoints: [join(root, 'server/src/lsp/server.ts')], outfile: join(root, 'dist/server.js') }),
  esbuild.build({ ...common, entryPoints: [join(root, 'client/src/cli/main.ts')], outfile: join(root, 'dist/cli.js'), banner: { js: '#!/usr/bin/env node' } }),
  // Wave board webview (client/src/board/webview): a browser bundle; the CSS it imports becomes dist/board.css.
  esbuild.build({ entryPoints: [join(root, 'client/src/board/webview/main.ts')], outfile: join(root, 'dist/board.js'), bundle: true, platform: 'browser', target: 'chrome120', format: 'iife', minify: true, logLevel: 'warning' }),
]);
chmodSync(join(root, 'dist/cli.js'), 0o755);

// docs/rules.md is generated from the rules so the docs every diagnostic links to cannot drift.
await esbuild.build({ ...common, entryPoints: [join(root, 'scripts/gen-rules-doc.ts')], outfile: join(root, 'out/scripts/gen-rules-doc.js'), sourcemap: false });
execFileSync(process.execPath, [join(root, 'out/scripts/gen-rules-doc.js'), root], { stdio: 'inherit' });

// Tests: one bundle per *.test.ts, dependencies left to node_modules.
const tests = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    // test/extension runs inside VS Code (scripts/e2e/build-extension-tests.mjs bundles it), not under node --test.
    if (name === 'node_modules' || name === 'cluster' || p === join(root, 'test', 'extension')) continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) tests.push(p);
  }
};
walk(join(root, 'test'));
walk(join(root, 'server/src'));
// test/cluster-client/ needs the live clusters of scripts/cluster/with-cluster.sh: bundle it to
// out/cluster-test/ (run by scripts/cluster/client-tests.sh), so the unit run of out/test/ skips it.
const clusterClientDir = join(root, 'test', 'cluster-client');
const clusterTests = tests.filter((t) => t.startsWith(clusterClientDir + sep));
tests.splice(0, tests.length, ...tests.filter((t) => !clusterTests.includes(t)));
if (clusterTests.length > 0) {
  await esbuild.build({ ...common, entryPoints: clusterTests.map((t) => ({ in: t, out: relative(clusterClientDir, t).replace(/\.ts$/, '') })), outdir: join(root, 'out/cluster-test'), packages: 'external' });
}
await esbuild.build({
  ...common,
  entryPoints: tests.map((t) => ({ in: t, out: relative(root, t).replace(/\.ts$/, '') })),
  outdir: join(root, 'out/test'),
  packages: 'external',
});
// Remove bundles whose test no longer exists, without wiping the folder under a running test.
const wanted = new Set(tests.map((t) => join(root, 'out/test', relative(root, t).replace(/\.ts$/, '.js'))));
const prune = (dir) => {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) prune(p);
    else if (name.endsWith('.test.js') && !wanted.has(p)) rmSync(p, { force: true }), rmSync(`${p}.map`, { force: true });
  }
};
prune(join(root, 'out/test'));
console.log(`build: ${tests.length} test bundles, dist/{client,server,cli}.js in ${Date.now() - started} ms`);

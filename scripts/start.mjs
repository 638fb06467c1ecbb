// `npm start`: sets up and launches Fleet Rollouts for real — the packaged extension in a browser
// VS Code (code-server) on examples/, connected to the sandbox clusters (three real API servers
// with the real Argo Rollouts controller). Prints the URL and runs until Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { startCodeServer } = await import(path.join(root, 'test', 'e2e', 'harness.mjs'));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run('npx', ['vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', 'dist/fleet-rollouts.vsix']);

const sandboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-rollouts-sandbox-'));
console.log('Starting the sandbox clusters (the first build of the cluster program takes several minutes)…');
const sandbox = spawn('bash', [path.join(root, 'scripts', 'cluster', 'sandbox.sh')], { cwd: root, env: { ...process.env, FLEETSIM_DIR: sandboxDir, FLEETSIM_CLUSTERS: process.env.FLEETSIM_CLUSTERS ?? '50' }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
const kubeconfig = await new Promise((resolve, reject) => {
  let out = '';
  sandbox.stdout.on('data', (d) => {
    out += d.toString();
    const m = /READY kubeconfig=(\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  sandbox.on('exit', (code) => reject(new Error(`the sandbox stopped (exit ${code}) before it was ready`)));
});

const cs = await startCodeServer({
  folder: path.join(root, 'examples'),
  copy: false,
  vsix: path.join(root, 'dist', 'fleet-rollouts.vsix'),
  port: Number(process.env.PORT ?? 8080),
  settings: { 'fleetRollouts.kubeconfig': kubeconfig, 'fleetRollouts.contexts': ['edge-eu-1', 'edge-us-1', 'hub'] },
  env: { KUBECONFIG: kubeconfig },
});
const stop = () => {
  cs.stop();
  try {
    process.kill(-sandbox.pid, 'SIGINT');
  } catch {
    // already stopped
  }
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
console.log(`\nFleet Rollouts is running in a browser VS Code: ${cs.url}\nSandbox kubeconfig: ${kubeconfig}\nCtrl-C stops everything.`);

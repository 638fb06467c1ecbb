// `fleet-rollouts get rollout` and `status` against the live clusters (dist/cli.js, --context):
// the demo seed's payment-gateway on edge-eu-1 is paused at its `pause: {}` step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { admin, clusterEnv, waitStatus } from './env';
import { contextsOf, loadKubeConfig } from '../../client/src/kube/kubeconfig';

clusterEnv();
const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('get rollout --context prints the plugin header with the live status', async () => {
  // After the fault tests an API server may still answer 429 for a moment: wait for the seed's state.
  await waitStatus(admin('edge-eu-1'), 'payments', 'payment-gateway', 'Paused', (s) => s.status === 'Paused');
  const r = run(['get', 'rollout', 'payment-gateway', '-n', 'payments', '--context', 'edge-eu-1', '--no-color']);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Name: +payment-gateway\n/);
  assert.match(r.stdout, /\nNamespace: +payments\n/);
  assert.match(r.stdout, /\nStatus: +॥ Paused\n/);
  assert.match(r.stdout, /\nMessage: +CanaryPauseStep\n/);
  assert.match(r.stdout, /\nStrategy: +Canary\n/);
  assert.match(r.stdout, /⟳ payment-gateway +Rollout +॥ Paused/);
  assert.doesNotMatch(r.stdout, /\x1b\[/);
});

test('several contexts: one block per context, each after a Context: line; a block that fails exits 1', () => {
  const r = run(['get', 'rollout', 'payment-gateway', '-n', 'payments', '--context', 'edge-eu-1', '--context', 'edge-us-1', '--no-color']);
  assert.equal(r.code, 1);
  const blocks = r.stdout.split(/^(?=Context: )/m);
  assert.equal(blocks.length, 2, r.stdout);
  assert.match(blocks[0], /^Context: edge-eu-1\nName: +payment-gateway\n[\s\S]*Status: +॥ Paused\n/);
  assert.equal(blocks[1], 'Context: edge-us-1\n');
  assert.equal(r.stderr, 'Error: rollout.argoproj.io "payment-gateway" not found\n');

  const both = run(['status', 'payment-gateway', '-n', 'payments', '--context', 'edge-eu-1', '--context', 'edge-eu-1']);
  assert.equal(both.stderr, '');
  assert.equal(both.code, 0);
  assert.equal(both.stdout, 'Context: edge-eu-1\nPaused - CanaryPauseStep\n\nContext: edge-eu-1\nPaused - CanaryPauseStep\n');
});

test('a missing rollout exits 1 with the plugin\'s NotFound', () => {
  const r = run(['get', 'rollout', 'nope', '-n', 'payments', '--context', 'edge-eu-1', '--no-color']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Error: rollout.argoproj.io "nope" not found\n');
  const s = run(['status', 'nope', '-n', 'payments', '--context', 'edge-eu-1']);
  assert.equal(s.code, 1);
  assert.equal(s.stderr, 'Error: rollout.argoproj.io "nope" not found\n');
});

test('status prints the status line; -n defaults to the context\'s namespace', () => {
  const r = run(['status', 'payment-gateway', '-n', 'payments', '--context', 'edge-eu-1']);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'Paused - CanaryPauseStep\n');
  // Without -n: the context's namespace, as kubectl does.
  const ns = contextsOf(loadKubeConfig(process.env.KUBECONFIG!).config).find((c) => c.name === 'edge-eu-1')!.namespace;
  const d = run(['status', 'payment-gateway', '--context', 'edge-eu-1']);
  assert.deepEqual(d, run(['status', 'payment-gateway', '-n', ns, '--context', 'edge-eu-1']));
  assert.equal(d.code, ns === 'payments' ? 0 : 1, `context namespace ${ns}: ${d.stderr}`);
});

test('get rollout --watch redraws from the live cluster until --timeout-seconds', () => {
  const r = run(['get', 'rollout', 'payment-gateway', '-n', 'payments', '--context', 'edge-eu-1', '--no-color', '-w', '--timeout-seconds', '3']);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  const frames = r.stdout.split('\x1b[H\x1b[2J\x1b[0;0H').filter(Boolean);
  assert.ok(frames.length >= 2, `${frames.length} frames`);
  for (const f of frames) assert.match(f, /^Name: +payment-gateway\n[\s\S]*Status: +॥ Paused\n/);
});

// The VS Code client starts the server over Node IPC (TransportKind.ipc): the same server must answer there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

test('IPC transport: initialize, open, pull diagnostics', async () => {
  const child = fork(path.join(repoRoot, 'dist', 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const responses = new Map<number, any>();
  const waiters = new Map<number, (m: any) => void>();
  child.on('message', (m: any) => {
    if (m.id !== undefined && m.method === undefined) {
      responses.set(m.id, m);
      waiters.get(m.id)?.(m);
    } else if (m.id !== undefined && m.method) {
      child.send({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? [null] : null });
    }
  });
  const request = (id: number, method: string, params: unknown) =>
    new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} timed out`)), 20000);
      waiters.set(id, (m) => (clearTimeout(timer), resolve(m)));
      child.send({ jsonrpc: '2.0', id, method, params });
    });
  try {
    const init = await request(1, 'initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } });
    assert.equal(init.result.serverInfo.name, 'fleet-rollouts');
    child.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    child.send({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: 'file:///ipc/fleet.yaml', languageId: 'yaml', version: 1, text: 'helm:\n  valueFiles: [a.yaml]\n' } },
    });
    const report = await request(2, 'textDocument/diagnostic', { textDocument: { uri: 'file:///ipc/fleet.yaml' } });
    assert.deepEqual(report.result.items.map((d: any) => [d.code, d.range.start.line]), [['fleet/unknown-key', 1]]);
    await request(3, 'shutdown', null);
    child.send({ jsonrpc: '2.0', method: 'exit' });
  } finally {
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  }
});

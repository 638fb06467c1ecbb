// Hostile input over LSP: the server answers every request, never crashes or hangs, memory stays bounded.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client';
import { hostileInputs } from '../helpers/hostile-inputs';

let c: LspClient;
before(async () => {
  c = new LspClient();
  await c.initialize();
});
after(async () => {
  await c.shutdown();
});

for (const input of hostileInputs()) {
  test(`survives ${input.name}`, async () => {
    const uri = `file:///hostile/${input.file}`;
    c.open(uri, input.text);
    // Generous: these machines are shared; a slow answer is a benchmark matter, no answer is a failure.
    const report = await c.request('textDocument/diagnostic', { textDocument: { uri } }, 180000);
    assert.equal(report.kind, 'full');
    for (const code of input.expectCodes ?? []) assert.ok(report.items.some((d: any) => d.code === code), `expected ${code}, got ${report.items.map((d: any) => d.code).join(', ') || 'nothing'}`);
    assert.ok(report.items.length <= 1000, `bounded diagnostics (${report.items.length})`);
    // The server still answers and is alive.
    c.open(`${uri}.ok.yaml`, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: fine\n');
    assert.deepEqual((await c.pull(`${uri}.ok.yaml`)).items, []);
    c.notify('textDocument/didClose', { textDocument: { uri } });
    assert.ok(!c.exited, 'server process alive');
  });
}

test('memory stays bounded after all hostile inputs are closed', () => {
  const rss = c.rss();
  assert.ok(rss < 1024 * 1024 * 1024, `server RSS ${(rss / 1048576).toFixed(0)} MB`);
});

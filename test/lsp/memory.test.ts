// Memory after large files: the server gives back what a large text cost once it goes quiet (lsp/idle-gc.ts).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lsp-client';
import { bigFile } from '../helpers/hostile-inputs';

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let c: LspClient;
let dir: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-rollouts-memory-'));
  c = new LspClient();
  await c.initialize();
});
after(async () => {
  await c.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** RSS once the server has handled everything sent so far and its idle collection (200 ms after the last request) is done. */
async function settledRss(probeUri: string): Promise<number> {
  await c.pull(probeUri);
  await sleep(1500);
  return c.rss();
}

test('closing a large edited file gives back the memory of re-reading it from disk', async () => {
  // The editor's text differs from the disk's, so closing re-reads and re-parses 8 MB.
  const disk = bigFile(8 * MiB);
  const file = path.join(dir, 'services.yaml');
  fs.writeFileSync(file, disk);
  const uri = pathToFileURL(file).href;
  const probe = pathToFileURL(path.join(dir, 'probe.yaml')).href;
  c.open(probe, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: probe\n');

  c.open(uri, disk.replaceAll('name: svc-', 'name: edited-'), 2);
  assert.equal((await c.pull(uri)).kind, 'full');
  const afterOpen = await settledRss(probe);

  c.notify('textDocument/didClose', { textDocument: { uri } });
  // Without a collection after the close, the replaced trees and the re-read's garbage stay (measured: about 90 MiB more).
  // On a busy machine the collection may come late: give it a few seconds before failing.
  let afterClose = await settledRss(probe);
  for (let i = 0; i < 10 && afterClose >= afterOpen + 10 * MiB; i++) {
    await sleep(500);
    afterClose = c.rss();
  }
  assert.ok(afterClose < afterOpen + 10 * MiB, `RSS ${(afterOpen / MiB).toFixed(0)} MiB after the open, ${(afterClose / MiB).toFixed(0)} MiB after the close`);
});

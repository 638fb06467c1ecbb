// Completion latency of our server on the 5,000-document workspace (issue: ≤ 10 ms), measured after
// the workspace is open and checked: `templateName: ` values (workspace index) and the keys of a new
// canary step (schema). Appends a section to bench/RESULTS.md unless BENCH_NO_WRITE=1.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from './servers.mjs';
import { prepareSchemas } from './schemas.mjs';
import { median } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const file = path.join(here, 'work', 'n5000-single', 'manifests.yaml');
if (!fs.existsSync(file)) {
  console.log('completion bench: bench/work/n5000-single is missing (run bench/run.mjs first)');
  process.exit(0);
}
const text = fs.readFileSync(file, 'utf8');
const lines = text.split('\n');
const uri = pathToFileURL(file).href;
const schemas = prepareSchemas(root, path.join(here, 'work', 'schemas'));
const s = await startServer('ours', { root, workspaceDir: path.dirname(file), schemas, timeoutMs: 180000 });
try {
  s.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await s.client.request('textDocument/diagnostic', { textDocument: { uri } }, 180000);
  const middle = Math.floor(lines.length / 2);
  const tplLine = lines.findIndex((l, i) => i > middle && /templateName: \S/.test(l));
  const tplChar = lines[tplLine].indexOf('templateName: ') + 'templateName: '.length;
  const stepLine = lines.findIndex((l, i) => i > middle && /^\s+- setWeight: \d+$/.test(l));
  const stepChar = lines[stepLine].indexOf('- ') + 2;
  const cases = [
    { name: '`templateName:` value (AnalysisTemplates of the workspace)', position: { line: tplLine, character: tplChar } },
    { name: 'key of a canary step (schema)', position: { line: stepLine, character: stepChar } },
  ];
  const rows = [];
  for (const c of cases) {
    const times = [];
    let count = 0;
    for (let i = 0; i < 25; i++) {
      const t0 = performance.now();
      const r = await s.client.request('textDocument/completion', { textDocument: { uri }, position: c.position }, 30000);
      times.push(performance.now() - t0);
      count = (r?.items ?? r ?? []).length;
    }
    rows.push({ name: c.name, median: median(times), p90: times.sort((a, b) => a - b)[Math.floor(times.length * 0.9)], count });
  }
  const table = ['', '## Completion on the 5,000-document file (ours, median of 25 requests, ms)', '', '| at | median | p90 | items | ≤ 10 ms |', '|---|---:|---:|---:|---|', ...rows.map((r) => `| ${r.name} | ${r.median.toFixed(1)} | ${r.p90.toFixed(1)} | ${r.count} | ${r.median <= 10 ? '✓' : '✗'} |`), ''].join('\n');
  console.log(table);
  if (process.env.BENCH_NO_WRITE !== '1') fs.appendFileSync(path.join(here, 'RESULTS.md'), table);
} finally {
  s.client.kill();
}

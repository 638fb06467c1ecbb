// Parse throughput and memory of the fast YAML parser (server/src/engine/parse/fast-yaml.ts)
// against `yaml.parseAllDocuments`, on the generated single-file workspace of 5,000 documents
// (bench/work/n5000-single/manifests.yaml, ~9.5 MB), split into chunks at `---` lines the way
// the engine does. Measures parse only, and parse + toJS() of every document; then, in fresh
// processes, the heap that keeping all parsed documents costs.
//
//   node bench/parse-throughput.mjs                 # BENCH_REPS=7 timed passes per variant
//   BENCH_FILE=path/to/file.yaml node bench/parse-throughput.mjs
//
// No build needed: the TypeScript is bundled here with esbuild (yaml stays external, so both
// parsers build nodes from the same `yaml` classes).
import fs from 'node:fs';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(path.join(root, 'package.json'));
const YAML = require('yaml');
const OPTIONS = { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' };

/** fastParseDocuments and splitChunks, bundled from the TypeScript sources. */
async function loadFastYaml() {
  const esbuild = require('esbuild');
  const entry = [
    `export { fastParseDocuments, lastFastParseFallback } from ${JSON.stringify(path.join(root, 'server/src/engine/parse/fast-yaml.ts'))};`,
    `export { splitChunks } from ${JSON.stringify(path.join(root, 'server/src/engine/parse/split.ts'))};`,
  ].join('\n');
  const out = await esbuild.build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'fast-yaml-bench-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['yaml'],
    write: false,
    logLevel: 'warning',
  });
  const filename = path.join(root, 'bench', '.fast-yaml-bundle.cjs');
  const m = new Module(filename);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(path.dirname(filename));
  m._compile(out.outputFiles[0].text, filename);
  return m.exports;
}

async function benchText() {
  if (process.env.BENCH_FILE) return { text: fs.readFileSync(process.env.BENCH_FILE, 'utf8'), source: process.env.BENCH_FILE };
  const work = path.join(here, 'work');
  const candidates = ['n5000-single', 'single-5000'].map((d) => path.join(work, d, 'manifests.yaml'));
  for (const file of candidates) if (fs.existsSync(file)) return { text: fs.readFileSync(file, 'utf8'), source: path.relative(root, file) };
  const { generateWorkspace } = await import('./generate.mjs');
  const ws = generateWorkspace({ n: 5000, layout: 'single' });
  return { text: ws.files[0].text, source: 'generateWorkspace({ n: 5000, layout: "single" }) (bench/work not generated)' };
}

const parseYaml = (chunk) => YAML.parseAllDocuments(chunk, OPTIONS);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * One pass of `run` over all chunks: wall-clock milliseconds, and CPU milliseconds of the
 * process (user + system, all threads, so GC helper threads count), which stays meaningful
 * when other processes compete for the machine.
 */
function time(chunks, run) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  run(chunks);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

// ---- memory: one fresh process per parser, keeping every document --------------------------

async function memoryChild(which) {
  const { text } = await benchText();
  const fast = await loadFastYaml();
  const chunks = fast.splitChunks(text);
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const kept = [];
  for (const c of chunks) kept.push(which === 'fast' ? (fast.fastParseDocuments(c) ?? parseYaml(c)) : parseYaml(c));
  global.gc();
  const after = process.memoryUsage().heapUsed;
  // Touch the documents after measuring so they stay alive until here.
  let docs = 0;
  for (const k of kept) docs += k.length;
  process.stdout.write(JSON.stringify({ heapMB: (after - before) / 1e6, docs, maxRssMB: process.resourceUsage().maxRSS / 1e3 }));
}

function measureMemory(which) {
  const res = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory', which], { encoding: 'utf8', env: process.env });
  if (res.status !== 0) throw new Error(`memory child (${which}) failed: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
  const reps = Number(process.env.BENCH_REPS ?? 7);
  const { text, source } = await benchText();
  const fast = await loadFastYaml();
  const chunks = fast.splitChunks(text);
  const mb = Buffer.byteLength(text, 'utf8') / 1e6;

  // How many chunks take the fast path, and that they agree with yaml on values.
  let fastChunks = 0;
  const reasons = new Map();
  let valueMismatch = 0;
  for (const c of chunks) {
    const docs = fast.fastParseDocuments(c);
    if (docs === undefined) {
      const r = fast.lastFastParseFallback();
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
      continue;
    }
    fastChunks++;
    if (JSON.stringify(docs.map((d) => d.toJS())) !== JSON.stringify(parseYaml(c).map((d) => d.toJS()))) valueMismatch++;
  }

  const variants = {
    'yaml.parseAllDocuments': (cs) => {
      for (const c of cs) parseYaml(c);
    },
    'fastParseDocuments (yaml on fallback)': (cs) => {
      for (const c of cs) fast.fastParseDocuments(c) ?? parseYaml(c);
    },
    'yaml.parseAllDocuments + toJS': (cs) => {
      for (const c of cs) for (const d of parseYaml(c)) d.toJS({ maxAliasCount: 100 });
    },
    'fastParseDocuments + toJS': (cs) => {
      for (const c of cs) for (const d of fast.fastParseDocuments(c) ?? parseYaml(c)) d.toJS({ maxAliasCount: 100 });
    },
  };
  // Interleave the variants so machine noise hits them alike; report the median pass.
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const run of Object.values(variants)) run(chunks); // warm-up
  for (let i = 0; i < reps; i++) {
    for (const [k, run] of Object.entries(variants)) samples[k].push(time(chunks, run));
  }

  const mem = { yaml: measureMemory('yaml'), fast: measureMemory('fast') };

  const wall = (k) => samples[k].map((x) => x.wall);
  const cpu = (k) => samples[k].map((x) => x.cpu);
  const row = (k) => {
    const w = median(wall(k));
    const c = median(cpu(k));
    return `| ${k} | ${w.toFixed(0)} ms | ${Math.min(...wall(k)).toFixed(0)} ms | ${(mb / (w / 1000)).toFixed(1)} MB/s | ${c.toFixed(0)} ms | ${(mb / (c / 1000)).toFixed(1)} MB/s |`;
  };
  const speed = (a, b) => `${(median(wall(a)) / median(wall(b))).toFixed(1)}× wall, ${(median(cpu(a)) / median(cpu(b))).toFixed(1)}× CPU`;
  const lines = [
    `Input: ${source}, ${mb.toFixed(2)} MB, ${chunks.length} chunks; node ${process.version}; ${reps} timed passes (median and min).`,
    `Fast path: ${fastChunks} of ${chunks.length} chunks${reasons.size ? ` (fallbacks: ${[...reasons].map(([r, n]) => `${r} ×${n}`).join(', ')})` : ''}; toJS() differs from yaml's in ${valueMismatch} chunks.`,
    '',
    '| variant | wall median | wall min | wall throughput | CPU median | CPU throughput |',
    '|---|---:|---:|---:|---:|---:|',
    ...Object.keys(variants).map(row),
    '',
    `Speed-up (median): parse ${speed('yaml.parseAllDocuments', 'fastParseDocuments (yaml on fallback)')}; parse + toJS ${speed('yaml.parseAllDocuments + toJS', 'fastParseDocuments + toJS')}.`,
    `Heap kept by all parsed documents (heapUsed after gc, fresh process each): yaml ${mem.yaml.heapMB.toFixed(1)} MB, fast ${mem.fast.heapMB.toFixed(1)} MB (${mem.yaml.docs} / ${mem.fast.docs} documents).`,
    `Peak RSS of those processes (includes the text, the bundler and node itself): yaml ${mem.yaml.maxRssMB.toFixed(0)} MB, fast ${mem.fast.maxRssMB.toFixed(0)} MB.`,
  ];
  console.log(lines.join('\n'));
}

if (process.argv[2] === '--memory') await memoryChild(process.argv[3]);
else await main();

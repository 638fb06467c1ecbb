// npm run bench — our language server side by side with yaml-language-server and a bare
// `yaml` parse, on generated workspaces of N = 10 … 5,000 documents in two layouts.
//
// Environment:
//   BENCH_QUICK=1          skip yaml-language-server at N=5,000 (its slowest part)
//   BENCH_N=10,100         only these sizes (default 10,100,1000,5000)
//   BENCH_LAYOUTS=single   only these layouts (default single,many)
//   BENCH_SERVERS=yls      only these servers (default ours,yls)
//   BENCH_TIMEOUT_MS=…     per request / per awaited diagnostics (default 120000)
//   BENCH_NO_WRITE=1       do not overwrite bench/RESULTS.md
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_SEED, MISTAKES, generateWorkspace, writeWorkspace } from './generate.mjs';
import { prepareSchemas } from './schemas.mjs';
import { LABEL, SERVERS, serverCommand, startServer } from './servers.mjs';
import { attribute, closeAll, editValue, median, memoryOf, openAll, waitIdle } from './measure.mjs';
import { bareParse } from './bare-parse.mjs';
import { render } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const work = path.join(here, 'work');

const env = process.env;
const list = (v, d) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : d);
const SIZES = list(env.BENCH_N, ['10', '100', '1000', '5000']).map(Number);
const LAYOUTS = list(env.BENCH_LAYOUTS, ['single', 'many']);
const WHICH = list(env.BENCH_SERVERS, SERVERS);
const QUICK = env.BENCH_QUICK === '1';
const TIMEOUT = Number(env.BENCH_TIMEOUT_MS ?? 120_000);

/**
 * How many opens / edits. Open pass 0 uses the text on disk (which a server that indexes the
 * workspace may already know); passes 1… use renamed text (see passVariant) and give the
 * median. The whole bench must stay under ~10 minutes on 2 shared cores.
 */
function reps(which, n, layout) {
  if (which === 'bare') return n >= 5000 ? 3 : n >= 1000 ? 5 : 9;
  if (which === 'yls') {
    // N=5,000: ~20 s per open of the one file, ~100 s to open the 4,165 files
    if (n >= 5000) return layout === 'many' ? { open: 1, edit: 3 } : { open: 3, edit: 2 };
    if (n >= 1000) return layout === 'many' ? { open: 3, edit: 3 } : { open: 4, edit: 3 };
    return { open: 6, edit: 5 };
  }
  return n >= 5000 ? { open: 4, edit: 7 } : { open: 6, edit: 7 };
}
const REPS_NOTE =
  'fresh server per N and layout, warmed by one small document, idle (no CPU for 300 ms) before every timed step; ' +
  'open = median of the passes with renamed content (ours 5, 3 at N=5,000; YLS 5 / 3 / 2 for N ≤ 100 / 1,000 / 5,000, ' +
  '2 for N=1,000 many, and the single on-disk pass for the 4,165 files of N=5,000); ' +
  'edit = median of 7 (ours), 5 / 3 / 2 (YLS); bare parse median of 9 / 5 / 3';

// ---- child process hygiene --------------------------------------------------
const live = new Set();
const track = (c) => {
  live.add(c);
  c.exitPromise.then(() => live.delete(c));
};
const killAll = () => {
  for (const c of live) c.kill();
};
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : x);

/** Pass 0 is the text on disk; pass r renames every app `team-svc-0042` to `team-svc-0042r<r>`. */
function passVariant(text, rep) {
  return rep === 0 ? text : text.replace(/-(\d{4})\b/g, `-$1r${rep}`);
}

// ---- one server on one workspace ------------------------------------------------
async function benchServer(which, ws, dir, schemas, tag) {
  const cmd = serverCommand(which, root);
  if (!cmd.available) return { missing: cmd.missing };
  if (which === 'yls' && QUICK && ws.n >= 5000) return { skipped: 'BENCH_QUICK' };
  const { open: openReps, edit: editReps } = reps(which, ws.n, ws.layout);
  let s;
  try {
    s = await startServer(which, { root, workspaceDir: dir, schemas, timeoutMs: TIMEOUT, track });
    // warm-up: one small app (schemas loaded, JIT warm), not timed in the table
    const warmText = generateWorkspace({ n: 5, layout: 'single', seed: DEFAULT_SEED + 1 }).files[0].text.replace(/-0000/g, '-warmup');
    const warmDoc = { uri: pathToFileURL(path.join(dir, 'warmup.yaml')).href, text: warmText, version: 1 };
    const warm = await openAll(s, [warmDoc], TIMEOUT);
    await closeAll(s, [warmDoc], TIMEOUT);
    log(`${tag} ${LABEL[which]} (${s.mode} diagnostics, ${s.incremental ? 'incremental' : 'full'} sync) warm-up ${Math.round(warm.ms)} ms, ${warm.diagnostics} diagnostics`);

    const opens = [];
    let docs;
    let found;
    for (let rep = 0; rep < openReps; rep++) {
      // every pass opens content the server has not seen: later passes rename every app
      // consistently (same lines, same references, same mistakes), so no cache keyed by
      // document text can answer for the server
      docs = ws.files.map((f) => ({
        uri: pathToFileURL(path.join(dir, f.rel)).href,
        rel: f.rel,
        text: passVariant(f.text, rep),
        version: rep * 1000 + 1,
      }));
      await waitIdle(s.client.pid);
      const res = await openAll(s, docs, TIMEOUT);
      opens.push({ ms: res.ms, diagnostics: res.diagnostics });
      if (rep === openReps - 1) found = attribute(res.byUri, docs, ws.mistakes);
      log(`${tag} ${LABEL[which]} open ${rep + 1}/${openReps}: ${Math.round(res.ms)} ms, ${res.diagnostics} diagnostics`);
      if (rep < openReps - 1) await closeAll(s, docs, TIMEOUT);
    }
    const mem = memoryOf(s.client.pid);

    const editDoc = docs.find((d) => d.rel === ws.edit.rel);
    const edits = [];
    for (let i = 0; i < editReps; i++) {
      const e = i % 2 === 0 ? ws.edit : { ...ws.edit, from: ws.edit.to, to: ws.edit.from };
      await waitIdle(s.client.pid, { quietMs: 150, maxMs: 10_000 });
      const res = await editValue(s, editDoc, e, TIMEOUT);
      edits.push(res);
    }
    log(`${tag} ${LABEL[which]} edits: ${edits.map((e) => e.ms.toFixed(1)).join(', ')} ms`);
    const peak = memoryOf(s.client.pid);
    const configRequests = s.stats.serverRequests.get('workspace/configuration') ?? 0;
    await s.client.shutdown();
    return {
      mode: s.mode,
      incremental: s.incremental,
      warmupMs: r1(warm.ms),
      openMs: median((opens.length > 1 ? opens.slice(1) : opens).map((o) => o.ms)),
      firstOpenMs: r1(opens[0].ms),
      openSamples: opens.map((o) => r1(o.ms)),
      diagnostics: opens[opens.length - 1].diagnostics,
      found,
      editMs: median(edits.map((e) => e.ms)),
      editSamples: edits.map((e) => r1(e.ms)),
      editDiagnostics: edits.map((e) => e.diagnostics),
      rssMiB: mem.rssMiB,
      hwmMiB: Math.max(mem.hwmMiB, peak.hwmMiB),
      configRequests,
    };
  } catch (e) {
    log(`${tag} ${LABEL[which]} FAILED: ${e.message}`);
    s?.client.kill();
    return { error: e.message };
  }
}

// ---- extension activation ---------------------------------------------------------
function benchActivation() {
  const client = path.join(root, 'dist/client.js');
  if (!fs.existsSync(client)) return { missing: 'not built' };
  const samples = [];
  try {
    for (let i = 0; i < 7; i++) {
      const out = execFileSync(process.execPath, [path.join(here, 'activation.cjs'), client], {
        cwd: root,
        timeout: 30_000,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const res = JSON.parse(out.trim().split('\n').pop());
      if (res.error) return { error: res.error };
      samples.push(res);
    }
  } catch (e) {
    return { error: `activation run failed: ${e.message}` };
  }
  const endedBy = [...new Set(samples.map((s) => s.endedBy))].join('; ');
  return {
    totalMs: median(samples.map((s) => s.totalMs)),
    requireMs: median(samples.map((s) => s.requireMs)),
    activateSyncMs: median(samples.map((s) => s.activateSyncMs)),
    endedBy,
    samples: samples.map((s) => r1(s.totalMs)),
  };
}

/** What yaml-language-server did that matters for the comparison (measured here + its source). */
function ylsBehaviour(rows) {
  const out = [];
  const pairs = rows
    .filter((r) => r.layout === 'single' && Number.isFinite(r.yls?.openMs) && Number.isFinite(r.yls?.editMs) && r.n >= 1000)
    .map((r) => `N=${r.n.toLocaleString('en-US')}: edit ${Math.round(r.yls.editMs).toLocaleString('en-US')} ms vs open ${Math.round(r.yls.openMs).toLocaleString('en-US')} ms`);
  if (pairs.length) {
    out.push(
      `yaml-language-server re-parses and re-validates the whole file on every edit (one-character change in one document of the single file — ${pairs.join('; ')}); its validation is debounced by a fixed 200 ms per URI (\`validationHandlers.js\`), which is the whole edit cost for a small file.`,
    );
  }
  const many = rows.find((r) => r.layout === 'many' && Number.isFinite(r.yls?.openMs));
  if (many) {
    out.push(
      'yaml-language-server on many files: a file matched by two schema globs (fleet.yaml: the combined schema for `*.yaml` and the fleet.yaml schema) gets a per-file combined schema `schemaservice://combinedSchema/<uri>` that is built and resolved again on every validation (`yamlSchemaService.js` `createCombinedSchema` → `addSchemaHandle`), i.e. all CRD schemas are re-resolved and meta-validated per fleet.yaml; in a CPU profile this schema resolution dominated. With `BENCH_YLS_EXCLUDE_FLEET=1` (globs `*.yaml`, `!fleet.yaml`) its N=100 many-files open went from ~1.7–2.0 s to ~0.42–0.51 s (one measurement on this machine).',
    );
  }
  out.push(
    'yaml-language-server has no pull diagnostics (no `diagnosticProvider`), sends `publishDiagnostics` without `version`, turns every warning into an error, and asks the client for the `[yaml]` configuration before each validation.',
  );
  return out;
}

// ---- main -------------------------------------------------------------------------------
function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' });
  } catch {
    return '?';
  }
}

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(work, { recursive: true });
  const schemas = prepareSchemas(root, path.join(work, 'schemas'));
  log(`schemas for yaml-language-server: ${schemas.source} (${schemas.kinds.length} kinds)`);
  const yamlVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/yaml/package.json'), 'utf8')).version;
  const meta = {
    date: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
    nproc: sh('nproc', []).trim(),
    free: sh('free', ['-g']),
    cpu: os.cpus()[0]?.model ?? '?',
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    node: process.version,
    ylsVersion: serverCommand('yls', root).version,
    yamlVersion,
    schemaSource: schemas.source,
    repsNote: REPS_NOTE,
    quick: QUICK,
    seed: DEFAULT_SEED,
  };

  const rows = [];
  for (const n of SIZES) {
    for (const layout of LAYOUTS) {
      const tag = `[N=${n} ${layout}]`;
      const ws = generateWorkspace({ n, layout });
      const dir = path.join(work, `n${n}-${layout}`);
      writeWorkspace(dir, ws);
      const bare = bareParse(ws.files.map((f) => f.text), reps('bare', n), root);
      log(`${tag} ${ws.docs} docs, ${ws.files.length} files, ${(ws.bytes / 1e6).toFixed(2)} MB; parse ${bare.parseMs.toFixed(1)} ms, parse+toJS ${bare.toJsMs.toFixed(1)} ms; mistakes: ${ws.mistakes.map((m) => m.kind).join(', ')}`);
      const row = { n, layout, docs: ws.docs, files: ws.files.length, bytes: ws.bytes, mistakes: ws.mistakes, edit: ws.edit, bare };
      for (const which of SERVERS) {
        row[which] = WHICH.includes(which) ? await benchServer(which, ws, dir, schemas, tag) : { skipped: 'BENCH_SERVERS' };
      }
      rows.push(row);
    }
  }
  const activation = benchActivation();
  log(`activation: ${JSON.stringify(activation)}`);

  const yls = rows.map((r) => r.yls).filter((y) => y && Number.isFinite(y.openMs));
  const mistakeKinds = Object.entries(MISTAKES).map(([k, v]) => `\`${k}\` (${v.who})`).join(', ');
  meta.notes = [
    `Planted mistakes (~1 % of documents, at least one): ${mistakeKinds}. "diagnostics" = total over all documents after the last open.`,
    'ours: `node dist/server.js --stdio`; open = didOpen of every file then `textDocument/diagnostic` for each, until the last response; edit = didChange (incremental when the server advertises `textDocumentSync.change = 2`) then a pull of the edited document.',
    'yaml-language-server: `node node_modules/yaml-language-server/out/server/src/server.js --stdio`, configured by `workspace/didChangeConfiguration` + answers to its `workspace/configuration` requests (`yaml.validate/hover/completion`, one combined schema dispatching on `kind` mapped to `*.yaml`/`*.yml`, the fleet.yaml schema mapped to `fleet.yaml`; SchemaStore and the CRD store disabled because the machine is offline). It pushes: open = didOpen → first `publishDiagnostics` for every URI; edit = didChange → next `publishDiagnostics`. Its times include its fixed 200 ms validation debounce.',
    'RSS = VmRSS of the server process right after the last open (diagnostics for everything available); peak = VmHWM at the end. Ratios: ours ÷ yaml-language-server, ours ÷ bare parse (lower is better).',
    'bare parse = in-process `yaml.parseAllDocuments` of the same text (per file in the many-files layout); parse+toJS adds `doc.toJS()` for every document.',
    `Wall time of this run: ${Math.round((Date.now() - t0) / 1000)} s; load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (the machine is shared: other work running at the same time slows every column, so compare ratios within a row rather than runs).`,
    ...ylsBehaviour(rows),
    ...(yls.length
      ? [
          `yaml-language-server sent ${yls.reduce((a, y) => a + y.configRequests, 0).toLocaleString('en-US')} \`workspace/configuration\` requests in this run: one per document validation (it asks for the \`[yaml]\` scope before validating each document).`,
        ]
      : []),
  ];

  const text = render({ meta, rows, activation });
  console.log(`\n${text}`);
  fs.writeFileSync(path.join(work, 'results.json'), JSON.stringify({ meta, rows, activation }, null, 2));
  if (env.BENCH_NO_WRITE !== '1') fs.writeFileSync(path.join(here, 'RESULTS.md'), `${text}\n`);
  log(`wrote ${path.relative(root, path.join(here, 'RESULTS.md'))} and bench/work/results.json`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    killAll();
    process.exit(1);
  },
);

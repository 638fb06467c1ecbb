// Development driver: one of our servers on one generated workspace, timed and sampled without
// the rest of the bench. Opens the workspace's files (renamed text, as the bench's open passes do),
// edits one value, closes, and prints open→diagnostics, edit, RSS and peak.
//
//   node bench/profile-open.mjs [--n 5000] [--layout single] [--passes 2] [--edits 5]
//        [--server dist/server.js ...] [--node-args "--cpu-prof --cpu-prof-dir=/tmp/prof"]
//
// Several --server values run alternately (A, B, A, B …) so that load drift on a shared
// machine hits both sides alike; compare their ratio, not the absolute numbers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateWorkspace, DEFAULT_SEED } from './generate.mjs';
import { startServer } from './servers.mjs';
import { closeAll, editValue, median, memoryOf, openAll, waitIdle } from './measure.mjs';
import { passVariant } from './server-run.mjs';

const root = path.join(fileURLToPath(import.meta.url), '..', '..');
const opts = { n: 5000, layout: 'single', passes: 2, edits: 5, servers: [], nodeArgs: '' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [k, v] = [argv[i], argv[i + 1]];
  if (k === '--n') opts.n = Number(v);
  else if (k === '--layout') opts.layout = v;
  else if (k === '--passes') opts.passes = Number(v);
  else if (k === '--edits') opts.edits = Number(v);
  else if (k === '--server') opts.servers.push(path.resolve(v));
  else if (k === '--node-args') opts.nodeArgs = v;
  else throw new Error(`unknown option ${k}`);
  i++;
}
if (!opts.servers.length) opts.servers.push(path.join(root, 'dist/server.js'));

const TIMEOUT = 600_000;
const dir = path.join(root, 'bench/work', `n${opts.n}-${opts.layout}`);
const ws = generateWorkspace({ n: opts.n, layout: opts.layout, seed: DEFAULT_SEED });
if (!fs.existsSync(dir)) {
  for (const f of ws.files) {
    fs.mkdirSync(path.dirname(path.join(dir, f.rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.rel), f.text);
  }
}

/** CPU time (user + system) the process has used, in ms: less sensitive to a busy machine than wall time. */
function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

async function start(main) {
  // startServer runs dist/server.js under root; a copy elsewhere (an A/B baseline) is run in its place
  const linkRoot = fs.mkdtempSync('/tmp/profile-open-');
  fs.mkdirSync(path.join(linkRoot, 'dist'));
  fs.symlinkSync(main, path.join(linkRoot, 'dist/server.js'));
  process.env.BENCH_NODE_ARGS = opts.nodeArgs;
  const s = await startServer('ours', { root: linkRoot, workspaceDir: dir, schemas: { combined: '/dev/null' }, timeoutMs: TIMEOUT });
  const warm = { uri: pathToFileURL(path.join(dir, 'warmup.yaml')).href, text: generateWorkspace({ n: 5, layout: 'single', seed: DEFAULT_SEED + 1 }).files[0].text.replace(/-0000/g, '-warmup'), version: 1 };
  await openAll(s, [warm], TIMEOUT);
  await closeAll(s, [warm], TIMEOUT);
  return s;
}

const runs = opts.servers.map((main) => ({ main, opens: [], cpu: [], edits: [], mem: [] }));
for (const r of runs) r.s = await start(r.main);
for (let pass = 1; pass <= opts.passes; pass++) {
  for (const r of runs) {
    if (r.docs) await closeAll(r.s, r.docs, TIMEOUT);
    r.docs = ws.files.map((f) => ({ uri: pathToFileURL(path.join(dir, f.rel)).href, rel: f.rel, text: passVariant(f.text, pass), version: pass * 1000 + 1 }));
    await waitIdle(runs.map((x) => x.s.client.pid));
    const cpu0 = cpuMs(r.s.client.pid);
    const res = await openAll(r.s, r.docs, TIMEOUT);
    r.cpu.push(cpuMs(r.s.client.pid) - cpu0);
    r.opens.push(res.ms);
    r.diagnostics = res.diagnostics;
    await waitIdle(runs.map((x) => x.s.client.pid));
    r.mem.push(memoryOf(r.s.client.pid));
    if (process.env.PROFILE_MEM_LATER) {
      await new Promise((res) => setTimeout(res, 3000));
      console.log(`  ${path.basename(path.dirname(r.main))}: RSS ${r.mem.at(-1).rssMiB.toFixed(0)} after idle, ${memoryOf(r.s.client.pid).rssMiB.toFixed(0)} 3 s later`);
    }
  }
}
for (let i = 0; i < opts.edits; i++) {
  for (const r of runs) {
    const base = ws.edit;
    const e = i % 2 === 0 ? base : { ...base, from: base.to, to: base.from };
    const doc = r.docs.find((d) => d.rel === base.rel);
    await waitIdle(runs.map((x) => x.s.client.pid));
    r.edits.push((await editValue(r.s, doc, e, TIMEOUT)).ms);
  }
}
const f = (x) => x.toFixed(1);
for (const r of runs) {
  const last = r.mem[r.mem.length - 1];
  console.log(
    `${path.relative(root, r.main)}: open ${r.opens.map(f).join(', ')} ms (median ${f(median(r.opens))}, CPU ${r.cpu.join(', ')} ms); edit ${r.edits.map(f).join(', ')} (median ${f(median(r.edits))}); RSS ${f(last.rssMiB)} MiB, peak ${f(memoryOf(r.s.client.pid).hwmMiB)}; ${r.diagnostics} diagnostics`,
  );
  await r.s.client.shutdown();
}
if (runs.length > 1) {
  const [a, ...rest] = runs;
  for (const b of rest) console.log(`ratio ${path.basename(b.main)} / ${path.basename(a.main)}: open ${(median(b.opens) / median(a.opens)).toFixed(2)}, open CPU ${(median(b.cpu) / median(a.cpu)).toFixed(2)}, edit ${(median(b.edits) / median(a.edits)).toFixed(2)}, RSS ${(b.mem.at(-1).rssMiB / a.mem.at(-1).rssMiB).toFixed(2)}`);
}

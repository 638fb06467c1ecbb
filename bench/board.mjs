// Wave board at 500 clusters (issue 8): (a) model build in Node, (b) first render of dist/board.js
// in headless Chromium to a painted frame, (c) one cluster's state changes → model rebuilt and
// posted → repainted. Medians over repeated runs, against first render ≤ 1 s and update ≤ 100 ms.
//
//   node bench/board.mjs                 # uses bench/work/board-500.json, captured on first use
//   node bench/board.mjs --capture FILE  # (inside with-cluster.sh) saves the hub objects to FILE
//
// The snapshot holds the hub objects of `fleetsim run --seed demo --clusters 500` (Fleet Clusters,
// ClusterGroups, Bundles, BundleDeployments); capturing it starts the sandbox once through
// scripts/cluster/with-cluster.sh. The page loads dist/board.css and dist/board.js with a stub
// `acquireVsCodeApi`; times are the webview's own `timing` messages (message received → next
// frame after layout) and, around them, the time until the frame has been painted.
// Appends a section to bench/RESULTS.md unless BENCH_NO_WRITE=1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { median } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const work = path.join(here, 'work');
const snapshotFile = process.env.BENCH_BOARD_SNAPSHOT ?? path.join(work, 'board-500.json');
const BUNDLE = 'edge-apps-payments';
const NAMESPACE = 'fleet-default';
const FIRST_RUNS = Number(process.env.BENCH_BOARD_FIRST_RUNS ?? 9);
const UPDATE_RUNS = Number(process.env.BENCH_BOARD_UPDATE_RUNS ?? 25);
const BUILD_RUNS = 30;

const KINDS = { clusters: 'clusters.fleet.cattle.io', clusterGroups: 'clustergroups.fleet.cattle.io', bundles: 'bundles.fleet.cattle.io', bundleDeployments: 'bundledeployments.fleet.cattle.io' };

function capture(file) {
  const snapshot = { context: 'hub' };
  for (const [key, resource] of Object.entries(KINDS)) {
    const out = execFileSync('kubectl', ['--context', 'hub', 'get', resource, '-A', '-o', 'json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    snapshot[key] = JSON.parse(out).items;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(snapshot));
  console.log(`board bench: captured ${snapshot.clusters.length} clusters, ${snapshot.bundleDeployments.length} BundleDeployments into ${path.relative(root, file)}`);
}

if (process.argv[2] === '--capture') {
  capture(path.resolve(process.argv[3] ?? snapshotFile));
  process.exit(0);
}

if (!fs.existsSync(snapshotFile)) {
  console.log('board bench: no snapshot yet; starting the sandbox with 500 clusters to capture one (about a minute)…');
  execFileSync('bash', [path.join(root, 'scripts/cluster/with-cluster.sh'), '--seed', 'demo', '--clusters', '500', '--', process.execPath, fileURLToPath(import.meta.url), '--capture', snapshotFile], { stdio: 'inherit', cwd: root });
}
for (const f of ['dist/board.js', 'dist/board.css']) if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run node scripts/build.mjs first`);

// The model code is TypeScript: bundle it for Node once.
const modelBundle = path.join(work, 'board-model.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'client/src/board/model/index.ts')], outfile: modelBundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
const { buildFleetBoard } = createRequire(import.meta.url)(modelBundle);

const snapshot = JSON.parse(fs.readFileSync(snapshotFile, 'utf8'));
const now = Date.now();
// The seed's lastSeen times are from the capture: shift them so online clusters stay online.
const capturedAt = Math.max(...snapshot.clusters.map((c) => Date.parse(c.status?.agent?.lastSeen ?? '') || 0));
for (const c of snapshot.clusters) {
  const seen = Date.parse(c.status?.agent?.lastSeen ?? '');
  if (Number.isFinite(seen)) c.status.agent.lastSeen = new Date(seen + (now - capturedAt)).toISOString();
}
const options = () => ({ now: Date.now(), offlineAfterMs: 30 * 60000 });
const build = () => buildFleetBoard(snapshot, NAMESPACE, BUNDLE, options());

// (a) model build
build();
const buildTimes = [];
let model;
for (let i = 0; i < BUILD_RUNS; i++) {
  const t0 = performance.now();
  model = build();
  buildTimes.push(performance.now() - t0);
}
if (!model) throw new Error(`bundle ${NAMESPACE}/${BUNDLE} not in the snapshot`);
const modelBytes = Buffer.byteLength(JSON.stringify(model));

// The cluster whose state flips for the update: a member of a BundleDeployment that is not ready.
const target = snapshot.bundleDeployments.find((b) => b.metadata.labels?.['fleet.cattle.io/bundle-name'] === BUNDLE && b.status && b.spec?.deploymentID);
if (!target) throw new Error('no BundleDeployment of the bundle to change');
const original = structuredClone(target.status);
function flip(i) {
  target.status = i % 2 === 0 ? { ...original, ready: !original.ready, nonReadyStatus: null, display: { ...(original.display ?? {}), state: original.ready ? 'NotReady' : 'Ready' } } : structuredClone(original);
}

// (b) and (c) in the browser
const STUB = `
window.__posted = [];
window.__waiters = [];
window.acquireVsCodeApi = () => ({
  postMessage(m) { window.__posted.push(m); for (const w of window.__waiters.splice(0)) w(m); },
  getState() { return undefined; },
  setState() {},
});
window.__next = (pred) => new Promise((resolve) => {
  const found = window.__posted.find(pred);
  if (found) return resolve(found);
  const wait = (m) => (pred(m) ? resolve(m) : window.__waiters.push(wait));
  window.__waiters.push(wait);
});
// Resolves once the frame after the current one has been painted.
window.__painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
`;
const html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><style>${fs.readFileSync(path.join(root, 'dist/board.css'), 'utf8')}</style></head><body class="vscode-dark"><div id="app"></div></body></html>`;
const boardJs = fs.readFileSync(path.join(root, 'dist/board.js'), 'utf8');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const firstWebview = [];
const firstPainted = [];
const updateWebview = [];
const updateEndToEnd = [];
const rebuildTimes = [];
let rowsInDom = 0;
try {
  for (let run = 0; run < FIRST_RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setContent(html);
    await page.addScriptTag({ content: STUB });
    await page.evaluate(([m, js]) => ((window.__model = m), (window.__js = js)), [JSON.parse(JSON.stringify(model)), boardJs]);
    // From running dist/board.js (as the webview loads it) and the model message to the painted frame.
    const r = await page.evaluate(async () => {
      const t0 = performance.now();
      const script = document.createElement('script');
      script.textContent = window.__js;
      document.body.append(script);
      window.postMessage({ type: 'model', seq: 1, model: window.__model }, '*');
      const timing = await window.__next((m) => m.type === 'timing' && m.kind === 'first');
      await window.__painted();
      return { webview: timing.ms, painted: performance.now() - t0, rows: document.querySelectorAll('.row').length };
    });
    firstWebview.push(r.webview);
    firstPainted.push(r.painted);
    rowsInDom = r.rows;
    if (run === FIRST_RUNS - 1) {
      // (c) on the last page: one cluster changes, the model is rebuilt, serialised and posted.
      for (let i = 0; i < UPDATE_RUNS; i++) {
        flip(i);
        const t0 = performance.now();
        const next = build();
        const rebuilt = performance.now() - t0;
        const json = JSON.stringify({ type: 'model', seq: i + 2, model: next });
        const sent = performance.now() - t0;
        const u = await page.evaluate(async ([text, seq]) => {
          const t1 = performance.now();
          window.postMessage(JSON.parse(text), '*');
          const timing = await window.__next((m) => m.type === 'timing' && m.kind === 'update' && m.seq === seq);
          await window.__painted();
          return { webview: timing.ms, painted: performance.now() - t1 };
        }, [json, i + 2]);
        rebuildTimes.push(rebuilt);
        updateWebview.push(u.webview);
        updateEndToEnd.push(sent + u.painted);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}

const fmt = (x) => x.toFixed(1);
const clusters = model.clusters.length;
const rows = [
  ['(a) model build (Node)', `${clusters} clusters, ${model.waves.length} partitions, ${(modelBytes / 1024).toFixed(0)} KiB JSON`, median(buildTimes), `${BUILD_RUNS} builds`, ''],
  ['(b) first render, webview timing', `message → frame after layout; ${rowsInDom} rows in the DOM`, median(firstWebview), `${FIRST_RUNS} fresh pages`, '≤ 1000'],
  ['(b) first render, painted', 'board.js run + model message → frame painted', median(firstPainted), `${FIRST_RUNS} fresh pages`, '≤ 1000'],
  ['(c) update, webview timing', 'one BundleDeployment flips Ready/NotReady', median(updateWebview), `${UPDATE_RUNS} updates`, '≤ 100'],
  ['(c) update, end to end', 'rebuild + serialise + post + repaint (+ one CDP round trip)', median(updateEndToEnd), `${UPDATE_RUNS} updates`, '≤ 100'],
  ['(c) of which model rebuild', '', median(rebuildTimes), `${UPDATE_RUNS} updates`, ''],
];
const ok = (v, target) => (target ? (v <= Number(target.slice(2)) ? '✓' : '✗') : '');
const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const table = [
  '',
  `## Wave board, ${clusters} clusters (\`node bench/board.mjs\`, medians, ms)`,
  '',
  '| step | what | median | runs | target | |',
  '|---|---|---:|---|---|---|',
  ...rows.map(([step, what, v, runs, target]) => `| ${step} | ${what} | ${fmt(v)} | ${runs} | ${target} | ${ok(v, target)} |`),
  '',
  `Headless Chromium (${'/usr/bin/chromium'}, 1600×1000, software rendering), dist/board.js as built; snapshot ${path.relative(root, snapshotFile)} of \`fleetsim run --seed demo --clusters 500\`. Load average at the end: ${load} (2 shared cores).`,
  '',
].join('\n');
console.log(table);
if (process.env.BENCH_NO_WRITE !== '1') fs.appendFileSync(path.join(here, 'RESULTS.md'), table);

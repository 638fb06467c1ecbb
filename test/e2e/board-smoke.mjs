// The wave board in a real VS Code against the sandbox (hub with N Fleet clusters, edge-eu-1 with
// the demo canaries):
//   bash scripts/cluster/with-cluster.sh --seed demo --clusters 500 -- node test/e2e/board-smoke.mjs
//   BOARD_CLUSTERS=5 bash scripts/cluster/with-cluster.sh --seed demo --clusters 5 -- node test/e2e/board-smoke.mjs
// (after `npm run package`). Watches `hub` and `edge-eu-1`; opens the board for edge-apps-payments,
// moves through the clusters with the keyboard (a store cluster has no context: the pane says so),
// opens edge-eu-1's canary drill-down (timeline, weight and analysis charts, Events), measures an
// update, checks the UI state after hide/show and after a reload (panel serializer), shows the
// pause confirmation, then does the same drill-down in the light theme. Screenshots go to
// test-results/e2e/ and the README's ones to docs/screenshots/ (board-N-{dark,light}.png, and with
// 500 clusters board-500-confirm.png and board-drilldown-{dark,light}.png). Render times are the
// webview's own (performance.now(), from the model message to the next frame) and are printed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, repoRoot, startCodeServer, waitFor, waitForExtensionHost } from './harness.mjs';
import { pickQuickItem, runCommand } from './ui.mjs';

const kubeconfig = process.env.KUBECONFIG;
if (!kubeconfig) throw new Error('KUBECONFIG is not set: run through scripts/cluster/with-cluster.sh --seed demo --clusters 500');
const out = path.join(repoRoot, 'test-results', 'e2e');
const docs = path.join(repoRoot, 'docs', 'screenshots');
fs.mkdirSync(out, { recursive: true });
const vsix = path.join(repoRoot, 'dist', 'fleet-rollouts.vsix');
const size = process.env.BOARD_CLUSTERS ?? '500';
const CONTEXTS = ['hub', 'edge-eu-1'];
const kubectl = (...args) => execFileSync('kubectl', ['--context', 'hub', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, KUBECONFIG: kubeconfig } });

/** Screenshot into test-results/e2e, and into docs/screenshots when the README shows it. */
async function shot(page, name, { toDocs = false } = {}) {
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file });
  if (toDocs) fs.copyFileSync(file, path.join(docs, `${name}.png`));
}

const boardFrame = (page) => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/** Command → hub (two contexts are watched) → the Bundle; resolves once partitions are drawn. */
async function openBoard(page) {
  await runCommand(page, 'Fleet Rollouts: Open Wave Board');
  await pickQuickItem(page, 'hub');
  await pickQuickItem(page, 'edge-apps-payments');
  const board = boardFrame(page);
  await board.locator('button.wave').first().waitFor({ timeout: 60000 });
  return board;
}

/** The canary of edge-eu-1 drawn: three Rollouts, their charts painted, Events listed. */
async function waitForCanary(board) {
  await waitFor(async () => (await board.locator('.canary section.ro').count()) >= 3, 60000, 'the three Rollouts of edge-eu-1');
  await waitFor(async () => (await board.locator('.canary canvas').count()) >= 3, 30000, 'the charts');
  await waitFor(async () => (await board.locator('.canary .events li').count()) > 0, 30000, 'the Events');
}

/** Scrolls the detail pane so `target` is at its top, again if a repaint moved it (the drill-down refreshes every few seconds). */
async function scrollPaneTo(page, target) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await target.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(500);
    const offset = await target.evaluate((e) => Math.abs(e.getBoundingClientRect().top - e.closest('.detail').getBoundingClientRect().top));
    if (offset < 20) return;
  }
  console.log('note: the detail pane did not stay scrolled to the drill-down (screenshot as it is)');
}

async function start(theme) {
  const cs = await startCodeServer({ folder: path.join(repoRoot, 'examples'), vsix, outDir: out, env: { KUBECONFIG: kubeconfig }, settings: { 'fleetRollouts.contexts': CONTEXTS, 'workbench.colorTheme': theme } });
  process.on('exit', () => void cs.stop());
  return cs;
}

const cs = await start('Default Dark Modern');
const { browser, page } = await openBrowser({ width: 1600, height: 1000 });
// The board's CSP is unchanged by the charts (uPlot styles through the CSSOM): any violation is a failure.
const cspViolations = [];
let webviewConsole = 0;
page.on('console', (m) => {
  if (/webview|vscode-cdn|vscode-resource/.test(m.location().url)) webviewConsole++;
  if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
});
try {
  await page.goto(cs.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await waitForExtensionHost(cs.userData, 90000);
  const board = await openBoard(page);
  const body = board.locator('body');
  await waitFor(async () => (await body.getAttribute('data-first-render-ms')) !== null, 30000, 'the first render time');
  const first = Number(await body.getAttribute('data-first-render-ms'));
  const waves = await board.locator('.waves > button.wave .wname').allTextContents();
  const rows = await board.locator('.row').count();
  console.log(`first render ${first} ms; partitions ${JSON.stringify(waves)}; rows in the DOM: ${rows}`);
  if (rows > 120) throw new Error(`the list is not virtualised: ${rows} rows in the DOM`);

  // Keyboard: a click opens the first cluster (edge-eu-1); five rows down, Enter opens a store
  // cluster, which has no kubeconfig context: the pane says so.
  await board.locator('.row').first().click();
  await board.locator('.row.selected').waitFor({ timeout: 10000 });
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const storeName = (await board.locator('.detail h2').textContent())?.trim();
  await board.locator('.canary .noctx').waitFor({ timeout: 15000 });
  console.log(`drill-down of ${storeName}: ${await board.locator('.canary .noctx').textContent()}`);
  await page.waitForTimeout(400);
  await shot(page, `board-${size}-dark`, { toDocs: true });

  // Escape closes the pane; Home goes back to the first row; Enter opens edge-eu-1's canary.
  await page.keyboard.press('Escape');
  await waitFor(async () => (await board.locator('.detail h2').count()) === 0, 5000, 'Escape to close the pane');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await board.locator('.detail h2').textContent())?.trim() === 'edge-eu-1', 10000, 'edge-eu-1 in the pane');
  await waitForCanary(board);
  const timelines = await board.locator('.canary section.ro').evaluateAll((secs) => secs.map((s) => `${s.querySelector('h4')?.textContent?.trim()} → ${s.querySelector('.step.current .slabel')?.textContent ?? '—'}`));
  console.log(`edge-eu-1 canary: ${timelines.join('; ')}`);
  await scrollPaneTo(page, board.locator('.canary h3'));
  await shot(page, 'board-drilldown-dark', { toDocs: size === '500' });
  // Down to cart: aborted at its analysis step, error-rate 0.137 above the 0.05 line.
  await scrollPaneTo(page, board.locator('.canary section.ro').last());
  await shot(page, 'board-drilldown-analysis-dark');

  // An update: one europe cluster becomes ready (as its agent would report).
  const bds = JSON.parse(kubectl('get', 'bundledeployments.fleet.cattle.io', '-A', '-o', 'json')).items.filter((b) => b.metadata.name === 'edge-apps-payments' && b.status?.ready === false && b.status?.appliedDeploymentID === b.spec.deploymentID);
  const seqBefore = Number(await body.getAttribute('data-seq'));
  if (bds.length) {
    const b = bds[0];
    kubectl('patch', 'bundledeployments.fleet.cattle.io', '-n', b.metadata.namespace, b.metadata.name, '--subresource=status', '--type', 'merge', '-p', '{"status":{"ready":true,"nonReadyStatus":null,"display":{"state":"Ready"}}}');
    await waitFor(async () => Number(await body.getAttribute('data-seq')) > seqBefore, 30000, 'the board to update');
    console.log(`update render ${await body.getAttribute('data-update-ms')} ms (${b.metadata.namespace} became ready)`);
  }

  // Hidden and shown again: the selection, the open drill-down and the list's scroll come back.
  // (as far as it scrolls: 5 clusters do not fill the list)
  const wantScroll = await board.locator('.list').evaluate((l) => ((l.scrollTop = 240), l.scrollTop));
  await page.waitForTimeout(400);
  await page.keyboard.press('Control+N');
  await page.waitForTimeout(1000);
  await page.locator('.tab[aria-label*="Wave board"]').click();
  await waitForCanary(boardFrame(page));
  const scrolled = await boardFrame(page).locator('.list').evaluate((l) => l.scrollTop);
  console.log(`restored after hide/show: ${(await boardFrame(page).locator('.detail h2').textContent())?.trim()}, list scrolled to ${scrolled}px`);
  if (scrolled !== wantScroll) throw new Error(`the list's scroll position was not kept: ${scrolled}, not ${wantScroll}`);

  // A reload: the panel serializer brings the board back on hub / edge-apps-payments.
  // (VS Code revives a webview panel when its tab is shown: bring the board's tab to the front.)
  await page.waitForTimeout(1500);
  await page.reload();
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await page.locator('.tab[aria-label*="Wave board"]').click({ timeout: 60000 });
  const again = boardFrame(page);
  await again.locator('button.wave').first().waitFor({ timeout: 90000 });
  await waitForCanary(again);
  console.log(`restored after reload: ${(await again.locator('h1').textContent())?.trim()} on ${(await again.locator('.meta').textContent())?.split(' · ')[0]}, pane ${(await again.locator('.detail h2').textContent())?.trim()}`);

  // The confirmation names the context and what the action touches; cancelled here.
  await again.locator('button[data-action="pause"]').click();
  await page.waitForSelector('.monaco-dialog-box', { timeout: 10000 });
  console.log('confirmation:', (await page.locator('.monaco-dialog-box').innerText()).replace(/\n+/g, ' | '));
  await shot(page, `board-${size}-confirm`, { toDocs: size === '500' });
  await page.keyboard.press('Escape');
  console.log(`CSP violations: ${cspViolations.length} (console messages seen from webview frames: ${webviewConsole})`);
  if (cspViolations.length) throw new Error(`Content Security Policy violations:\n${cspViolations.join('\n')}`);
} catch (err) {
  await shot(page, `board-${size}-failure`);
  throw err;
} finally {
  await browser.close();
  await cs.stop();
}

// Light theme: a second VS Code started with it (switching live through the theme picker loses the
// keyboard to the webview).
const cs2 = await start('Default Light Modern');
const light = await openBrowser({ width: 1600, height: 1000, colorScheme: 'light' });
try {
  const p = light.page;
  await p.goto(cs2.url);
  await p.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await waitForExtensionHost(cs2.userData, 90000);
  const b2 = await openBoard(p);
  await b2.locator('.row').first().click();
  await waitForCanary(b2);
  // cart's section: the aborted timeline and the failed measurement above its threshold.
  await scrollPaneTo(p, b2.locator('.canary section.ro').last());
  await shot(p, 'board-drilldown-light', { toDocs: size === '500' });
  await b2.locator('button.wave').nth(1).click();
  await b2.locator('.row').first().waitFor({ timeout: 10000 });
  await b2.locator('.row').nth(Math.min(2, (await b2.locator('.row').count()) - 1)).click();
  await b2.locator('.detail h2').waitFor({ timeout: 10000 });
  console.log(`light: first render ${await b2.locator('body').getAttribute('data-first-render-ms')} ms`);
  await p.waitForTimeout(500);
  await shot(p, `board-${size}-light`, { toDocs: true });
} catch (err) {
  await shot(light.page, `board-${size}-light-failure`);
  throw err;
} finally {
  await light.browser.close();
  await cs2.stop();
}

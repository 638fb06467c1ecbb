// The wave board in a real VS Code against the sandbox hub (500 Fleet clusters):
//   bash scripts/cluster/with-cluster.sh --seed demo --clusters 500 -- node test/e2e/board-smoke.mjs
// (after `npm run package`). Opens the board for edge-apps-payments, drills into a cluster with the
// keyboard, shows the pause confirmation, changes a BundleDeployment to measure an update, and saves
// test-results/e2e/board-500-{dark,light,…}.png. Render times are measured inside the webview
// (performance.now(), from the model message to the next frame) and printed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, repoRoot, runCommand, startCodeServer, waitFor, waitForExtensionHost } from './harness.mjs';

const kubeconfig = process.env.KUBECONFIG;
if (!kubeconfig) throw new Error('KUBECONFIG is not set: run through scripts/cluster/with-cluster.sh --seed demo --clusters 500');
const out = path.join(repoRoot, 'test-results', 'e2e');
fs.mkdirSync(out, { recursive: true });
const vsix = path.join(repoRoot, 'dist', 'fleet-rollouts.vsix');
const size = process.env.BOARD_CLUSTERS ?? '500';
const cs = await startCodeServer({
  folder: path.join(repoRoot, 'examples'),
  vsix,
  outDir: out,
  env: { KUBECONFIG: kubeconfig },
  settings: { 'fleetRollouts.contexts': ['hub'], 'workbench.colorTheme': 'Default Dark Modern' },
});
process.on('exit', () => cs.stop());
const { browser, page } = await openBrowser({ width: 1600, height: 1000 });
const shot = (name) => page.screenshot({ path: path.join(out, `board-${size}-${name}.png`) });
const kubectl = (...args) => execFileSync('kubectl', ['--context', 'hub', ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, KUBECONFIG: kubeconfig } });
try {
  await page.goto(cs.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await waitForExtensionHost(cs.userData, 90000);
  await runCommand(page, 'Fleet Rollouts: Open Wave Board');
  // One watched context (the setting): the first pick is the Bundle.
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="edge-apps-payments"]', { timeout: 60000 });
  await page.keyboard.type('edge-apps-payments', { delay: 5 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  const board = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await board.locator('button.wave').first().waitFor({ timeout: 60000 });
  const body = board.locator('body');
  await waitFor(async () => (await body.getAttribute('data-first-render-ms')) !== null, 30000, 'the first render time');
  const first = Number(await body.getAttribute('data-first-render-ms'));
  const waves = await board.locator('.waves > button.wave .wname').allTextContents();
  const rows = await board.locator('.row').count();
  console.log(`first render ${first} ms; partitions ${JSON.stringify(waves)}; rows in the DOM: ${rows}`);
  if (rows > 120) throw new Error(`the list is not virtualised: ${rows} rows in the DOM`);

  // Keyboard: into the list, down to a cluster, Enter for the drill-down.
  await board.locator('.row').first().click();
  await board.locator('.row.selected').waitFor({ timeout: 10000 });
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await board.locator('.detail h2').waitFor({ timeout: 10000 });
  console.log('drill-down:', (await board.locator('.detail h2').textContent())?.trim());
  await page.waitForTimeout(500);
  await shot('dark');

  // An update: one europe cluster becomes ready (as its agent would report).
  const bds = JSON.parse(kubectl('get', 'bundledeployments.fleet.cattle.io', '-A', '-o', 'json')).items.filter((b) => b.metadata.name === 'edge-apps-payments' && b.status?.ready === false && b.status?.appliedDeploymentID === b.spec.deploymentID);
  const seqBefore = Number(await body.getAttribute('data-seq'));
  if (bds.length) {
    const b = bds[0];
    kubectl('patch', 'bundledeployments.fleet.cattle.io', '-n', b.metadata.namespace, b.metadata.name, '--subresource=status', '--type', 'merge', '-p', '{"status":{"ready":true,"nonReadyStatus":null,"display":{"state":"Ready"}}}');
    await waitFor(async () => Number(await body.getAttribute('data-seq')) > seqBefore, 30000, 'the board to update');
    console.log(`update render ${await body.getAttribute('data-update-ms')} ms (${b.metadata.namespace} became ready)`);
  }

  // Filter to the offline group and show the light theme.
  await board.locator('button.wave.group.offline').click();
  await board.locator('.row').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await shot('dark-offline');

  // Hidden and shown again: the UI state (offline filter, selection) comes back.
  const selected = (await board.locator('.detail h2').textContent())?.trim();
  await page.keyboard.press('Control+N');
  await page.waitForTimeout(1000);
  await page.locator('.tab[aria-label*="Wave board"]').click();
  await board.locator('button.wave.group.offline.active').waitFor({ timeout: 20000 });
  await board.locator('.detail h2').waitFor({ timeout: 20000 });
  const restored = (await board.locator('.detail h2').textContent())?.trim();
  console.log(`restored after hide/show: ${restored === selected ? 'yes' : `no (${selected} → ${restored})`}`);

  // The confirmation names the context and what the action touches; cancelled here.
  await board.locator('button[data-action="pause"]').click();
  await page.waitForSelector('.monaco-dialog-box', { timeout: 10000 });
  console.log('confirmation:', (await page.locator('.monaco-dialog-box').innerText()).replace(/\n+/g, ' | '));
  await shot('confirm');
  await page.keyboard.press('Escape');
} catch (err) {
  await shot('failure');
  throw err;
} finally {
  await browser.close();
  cs.stop();
}

// Light theme: a second VS Code started with it (switching live through the theme picker loses the
// keyboard to the webview).
const cs2 = await startCodeServer({ folder: path.join(repoRoot, 'examples'), vsix, outDir: out, env: { KUBECONFIG: kubeconfig }, settings: { 'fleetRollouts.contexts': ['hub'], 'workbench.colorTheme': 'Default Light Modern' } });
process.on('exit', () => cs2.stop());
const light = await openBrowser({ width: 1600, height: 1000, colorScheme: 'light' });
try {
  const p = light.page;
  await p.goto(cs2.url);
  await p.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await waitForExtensionHost(cs2.userData, 90000);
  await runCommand(p, 'Fleet Rollouts: Open Wave Board');
  await p.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="edge-apps-payments"]', { timeout: 60000 });
  await p.keyboard.type('edge-apps-payments', { delay: 5 });
  await p.waitForTimeout(300);
  await p.keyboard.press('Enter');
  const b2 = p.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await b2.locator('button.wave').first().waitFor({ timeout: 60000 });
  await b2.locator('button.wave').nth(1).click();
  await b2.locator('.row').nth(2).click();
  await p.keyboard.press('Enter');
  await b2.locator('.detail h2').waitFor({ timeout: 10000 });
  console.log(`light: first render ${await b2.locator('body').getAttribute('data-first-render-ms')} ms`);
  await p.waitForTimeout(500);
  await p.screenshot({ path: path.join(out, `board-${size}-light.png`) });
} finally {
  await light.browser.close();
  cs2.stop();
}

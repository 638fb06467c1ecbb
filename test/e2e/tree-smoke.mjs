// The Rollouts view in a real VS Code against the sandbox clusters (run under
// `bash scripts/cluster/with-cluster.sh --seed demo -- node test/e2e/tree-smoke.mjs`, which sets
// KUBECONFIG): the seeded rollouts with the plugin's status text, an AnalysisRun with metrics,
// filter, reveal in editor, a confirmed promote that the tree reflects, and the welcome view.
// Screenshots: test-results/e2e/tree-*.png.
import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, repoRoot, runCommand, startCodeServer, waitFor } from './harness.mjs';

if (!process.env.KUBECONFIG) throw new Error('run under scripts/cluster/with-cluster.sh (KUBECONFIG is not set)');
const out = path.join(repoRoot, 'test-results', 'e2e');
fs.mkdirSync(out, { recursive: true });
const vsix = path.join(repoRoot, 'dist', 'fleet-rollouts.vsix');
const contexts = ['edge-eu-1', 'edge-us-1'];
const cs = await startCodeServer({
  folder: path.join(repoRoot, 'examples'),
  vsix,
  outDir: out,
  env: { KUBECONFIG: process.env.KUBECONFIG },
  settings: { 'fleetRollouts.contexts': contexts, 'workbench.colorTheme': 'Default Dark Modern' },
});
process.on('exit', () => cs.stop());
const { browser, page } = await openBrowser({ width: 1500, height: 950 });
const shot = (name) => page.screenshot({ path: path.join(out, `tree-${name}.png`) });
const VIEW = '.pane[aria-label*="Rollouts"], [id="workbench.view.extension.fleetRollouts"]';

/** Rows of the Rollouts tree: label, description, depth. */
async function rows() {
  return page.$$eval('[id="workbench.view.extension.fleetRollouts"] .monaco-list-row', (els) =>
    els.map((r) => ({ label: r.querySelector('.label-name')?.textContent ?? '', description: r.querySelector('.label-description')?.textContent ?? '', level: Number(r.getAttribute('aria-level')) })),
  );
}
const row = (label) => page.locator('[id="workbench.view.extension.fleetRollouts"] .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();

const expected = {
  'checkout-api': /^Paused - CanaryPauseStep · step 1\/\d+ · weight 20\/20$/,
  'payment-gateway': /^Paused - CanaryPauseStep · step 1\/\d+/,
  cart: /^Degraded - RolloutAborted: /,
  storefront: /^(Paused|Progressing) - /,
  search: /^Paused - CanaryPauseStep/,
  ledger: /^Healthy/,
};

try {
  const t0 = Date.now();
  await page.goto(cs.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await page.click('.activitybar .action-item a[aria-label^="Fleet Rollouts"]', { timeout: 60000 });
  await page.waitForSelector('[id="workbench.view.extension.fleetRollouts"] .monaco-list-row', { timeout: 60000 });
  await waitFor(async () => {
    const r = await rows();
    return Object.entries(expected).every(([name, re]) => r.some((x) => x.label === name && re.test(x.description)));
  }, 120000, 'the seeded rollouts with their statuses').catch(async (err) => {
    console.log(JSON.stringify(await rows(), null, 1));
    throw err;
  });
  console.log(`tree ready in ${Date.now() - t0} ms`);
  const all = await rows();
  console.log(all.map((r) => `${'  '.repeat(r.level - 1)}${r.label}  ${r.description}`).join('\n'));
  for (const c of contexts) if (!all.some((r) => r.label === c && r.level === 1)) throw new Error(`context ${c} missing`);
  // Widen the side bar so descriptions are readable in the screenshots.
  const bar = await page.locator('[id="workbench.parts.sidebar"]').boundingBox();
  if (bar) {
    await page.mouse.move(bar.x + bar.width - 1, bar.y + 300);
    await page.mouse.down();
    await page.mouse.move(bar.x + 760, bar.y + 300, { steps: 8 });
    await page.mouse.up();
  }
  await page.mouse.move(1300, 700);
  await page.waitForTimeout(500);
  await shot('overview');

  // Tooltip: the `get rollout` header (best effort: hovers depend on timing).
  try {
    const label = row('checkout-api').locator('.label-name');
    await label.hover();
    await page.mouse.move((await label.boundingBox()).x + 20, (await label.boundingBox()).y + 8, { steps: 3 });
    await page.waitForSelector('.monaco-hover:visible, .workbench-hover:visible, .custom-hover:visible', { timeout: 8000 });
    await page.waitForTimeout(400);
    await shot('tooltip');
  } catch (err) {
    console.log(`tooltip screenshot skipped: ${err.message.split('\n')[0]}`);
  }
  await page.mouse.move(1300, 800);
  await page.keyboard.press('Escape');

  // Storefront: running background analysis with its metric.
  await row('storefront').click();
  await page.keyboard.press('ArrowRight');
  await waitFor(async () => (await rows()).some((r) => /AnalysisRun/.test(r.description)), 20000, 'the AnalysisRun row');
  await waitFor(async () => (await rows()).some((r) => r.label === 'success-rate' || /last /.test(r.description)), 20000, 'a metric row');
  await shot('analysis');
  await page.keyboard.press('ArrowLeft');

  // Filter.
  await runCommand(page, 'Fleet Rollouts: Filter Rollouts');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('status:degraded');
  await page.keyboard.press('Enter');
  await waitFor(async () => {
    const r = await rows();
    return r.some((x) => x.label === 'cart') && !r.some((x) => x.label === 'checkout-api');
  }, 20000, 'the filtered tree');
  await page.waitForTimeout(300);
  await shot('filter');
  await runCommand(page, 'Fleet Rollouts: Clear Rollouts Filter');
  await waitFor(async () => (await rows()).some((x) => x.label === 'checkout-api'), 20000, 'the unfiltered tree');

  // Reveal in editor: `search` is defined in examples/fleet/search/rollout.yaml.
  await row('search').click({ button: 'right' });
  // Menus ignore a click that comes right after they open.
  await page.waitForTimeout(600);
  await page.locator('.context-view .action-label', { hasText: 'Reveal Rollout in Editor' }).click();
  await page.waitForSelector('.tab.active[aria-label*="rollout.yaml"]', { timeout: 30000 });
  await page.waitForTimeout(600);
  await shot('reveal');

  // Promote payment-gateway on edge-eu-1: a modal names rollout, namespace and context first.
  await row('payment-gateway').click({ button: 'right' });
  await page.waitForTimeout(600);
  await page.locator('.context-view .action-label', { hasText: /^Promote Rollout…$/ }).click();
  await page.waitForSelector('.monaco-dialog-box', { timeout: 15000 });
  const question = await page.textContent('.monaco-dialog-box .dialog-message-text');
  console.log('confirm:', question);
  if (!/payment-gateway in edge-eu-1\/payments/.test(question ?? '')) throw new Error(`the confirmation does not name rollout, context and namespace: ${question}`);
  await shot('confirm');
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Promote$/ }).click();
  await waitFor(async () => (await rows()).some((r) => r.label === 'payment-gateway' && !/step 1\//.test(r.description)), 60000, 'payment-gateway to move past step 1');
  await page.waitForTimeout(500);
  console.log('after promote:', (await rows()).find((r) => r.label === 'payment-gateway'));
  await shot('after-promote');

  // Welcome view: watch no context.
  await runCommand(page, 'Fleet Rollouts: Choose Contexts to Watch');
  await page.waitForSelector('.quick-input-list .monaco-list-row', { state: 'visible' });
  await page.waitForTimeout(300);
  // Clicking a row of a multi-select toggles it: unpick both watched contexts.
  for (const c of contexts) await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${c}$`) }) }).click();
  await page.keyboard.press('Enter');
  await page.waitForSelector('[id="workbench.view.extension.fleetRollouts"] .welcome-view-content', { timeout: 20000 });
  await page.waitForTimeout(300);
  await shot('welcome');
  console.log('tree-smoke: ok');
} catch (err) {
  await shot('failure');
  throw err;
} finally {
  await browser.close();
  cs.stop();
}

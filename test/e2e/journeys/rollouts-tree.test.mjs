// The Rollouts view against the sandbox clusters: the seeded rollouts with the status text of
// `kubectl argo rollouts`, a running analysis, the filter, then promote and abort from the command
// palette — each confirmed in a modal that names the context, checked on the real Argo Rollouts
// controller through the API, and followed by the tree with no manual refresh.
import assert from 'node:assert/strict';
import { journey } from '../journey.mjs';
import { getRollout } from '../kube.mjs';
import { dialogText, pickQuickItem, pressDialogButton, runCommand, showRolloutsView, treeRow, treeRows, treeText, waitFor } from '../ui.mjs';

const CONTEXTS = ['edge-eu-1', 'edge-us-1'];
// The demo seed (test/cluster/README.md): name → context, namespace and the status the tree shows.
const SEEDED = {
  'checkout-api': { context: 'edge-eu-1', status: /^Paused - CanaryPauseStep · step 1\/\d+ · weight 20\/20$/ },
  'payment-gateway': { context: 'edge-eu-1', status: /^Paused - CanaryPauseStep · step 1\/4/ },
  cart: { context: 'edge-eu-1', status: /^Degraded - RolloutAborted: / },
  storefront: { context: 'edge-us-1', status: /^(Paused|Progressing) - / },
  search: { context: 'edge-us-1', status: /^Paused - CanaryPauseStep · step 1\/4/ },
  ledger: { context: 'edge-us-1', status: /^Healthy/ },
};

const step = journey('rollouts-tree', { contexts: CONTEXTS, portOffset: 1, viewport: { width: 1600, height: 950 } });

/** Waits until the tree row of `name` has a description matching `re`; the error shows the tree. */
async function treeShows(page, name, re, ms, what) {
  await waitFor(async () => (await treeRows(page)).some((r) => r.label === name && re.test(r.description)), ms, what).catch(async (err) => {
    err.message += `\ntree now:\n${treeText(await treeRows(page))}`;
    throw err;
  });
}

step('the tree lists the sandbox rollouts with their status', async ({ page, docsShot }) => {
  await showRolloutsView(page);
  await waitFor(async () => {
    const rows = await treeRows(page);
    return Object.entries(SEEDED).every(([name, { status }]) => rows.some((r) => r.label === name && status.test(r.description)));
  }, 120000, 'every seeded rollout with its status').catch(async (err) => {
    err.message += `\ntree now:\n${treeText(await treeRows(page))}`;
    throw err;
  });
  const rows = await treeRows(page);
  for (const c of CONTEXTS) {
    const row = rows.find((r) => r.label === c && r.level === 1);
    assert.ok(row, `context ${c} is a top-level row`);
    // Both run Argo Rollouts (and no Fleet): nothing about the context is wrong.
    assert.match(row.description, /^(connected · )?3 rollouts$/, `context ${c} is healthy: ${row.description}`);
  }
  // Widen the side bar so the descriptions are readable in the screenshots.
  const bar = await page.locator('[id="workbench.parts.sidebar"]').boundingBox();
  await page.mouse.move(bar.x + bar.width - 1, bar.y + 300);
  await page.mouse.down();
  await page.mouse.move(bar.x + 760, bar.y + 300, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(1400, 800);
  await docsShot('tree-overview');
});

step('a rollout with background analysis shows its AnalysisRun and metric', async ({ page }) => {
  await treeRow(page, 'storefront').click();
  await page.keyboard.press('ArrowRight');
  await waitFor(async () => (await treeRows(page)).some((r) => /AnalysisRun/.test(r.description)), 20000, 'the AnalysisRun row');
  await page.keyboard.press('ArrowLeft');
});

step('the filter keeps only the degraded rollout', async ({ page }) => {
  await runCommand(page, 'Fleet Rollouts: Filter Rollouts');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('status:degraded');
  await page.keyboard.press('Enter');
  await waitFor(async () => {
    const r = await treeRows(page);
    return r.some((x) => x.label === 'cart') && !r.some((x) => x.label === 'checkout-api');
  }, 20000, 'the filtered tree');
  await page.waitForTimeout(300);
});

step('the filter clears', async ({ page }) => {
  await runCommand(page, 'Fleet Rollouts: Clear Rollouts Filter');
  await waitFor(async () => (await treeRows(page)).some((x) => x.label === 'checkout-api'), 20000, 'the unfiltered tree');
});

step('promote from the command palette asks, naming the context', async ({ page }) => {
  await runCommand(page, 'Fleet Rollouts: Promote Rollout…');
  await pickQuickItem(page, 'payment-gateway');
  const text = await dialogText(page);
  assert.match(text, /payment-gateway/);
  assert.match(text, /edge-eu-1/, `the confirmation names the context: ${text}`);
  assert.match(text, /Context: edge-eu-1/);
  assert.match(text, /Namespace: payments/);
});

step('after promote the controller advances and the tree follows', async ({ page }) => {
  await pressDialogButton(page, 'Promote');
  // The real Argo Rollouts controller leaves the pause of step 1 and pauses again at step 3 (pause 10m).
  await waitFor(async () => {
    const ro = await getRollout('edge-eu-1', 'payments', 'payment-gateway');
    return ro.status?.currentStepIndex === 3 && (ro.status?.pauseConditions ?? []).length > 0;
  }, 90000, 'payment-gateway to reach step 3 on edge-eu-1 (API)');
  await treeShows(page, 'payment-gateway', /^Paused - CanaryPauseStep · step 3\/4 · weight 75\/75$/, 30000, 'the tree to show payment-gateway at step 3');
});

step('abort from the command palette asks, naming the context', async ({ page }) => {
  await runCommand(page, 'Fleet Rollouts: Abort Rollout…');
  await pickQuickItem(page, 'search');
  const text = await dialogText(page);
  assert.match(text, /search/);
  assert.match(text, /Context: edge-us-1/, `the confirmation names the context: ${text}`);
  assert.match(text, /Namespace: shop/);
});

step('after abort the controller aborts and the tree follows', async ({ page }) => {
  await pressDialogButton(page, 'Abort');
  await waitFor(async () => {
    const ro = await getRollout('edge-us-1', 'shop', 'search');
    return ro.status?.abort === true && ro.status?.phase === 'Degraded';
  }, 90000, 'search to be aborted on edge-us-1 (API: status.abort, phase Degraded)');
  await treeShows(page, 'search', /^Degraded - RolloutAborted/, 30000, 'the tree to show search aborted');
});

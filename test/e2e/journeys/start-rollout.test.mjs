// Start Rollout (fleetRollouts.start) from the editor against the sandbox: a canary Rollout and the
// AnalysisTemplate it uses, in a namespace the journey creates. First apply to edge-us-1 only: the
// multi-select pick, the confirmation naming edge-us-1/<ns> as a new Rollout, then both objects on
// the cluster with field manager fleet-rollouts. Then a new image typed in the editor (unsaved):
// Show Diff opens live ↔ after apply naming the context with the changed image line, readable (a
// notification waits, no modal covers it); Apply… asks once more, and the real controller pauses
// the new revision at the `pause: {}` (step 1), which the Rollouts tree shows with no manual refresh. Saves docs/screenshots/start-confirm.png and start-diff.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { repoRoot } from '../harness.mjs';
import { journey } from '../journey.mjs';
import { dialogText, goTo, openFile, pickQuickItem, pressDialogButton, runCommand, showRolloutsView, treeRows, treeText, waitFor } from '../ui.mjs';
import { createNamespace, deleteNamespace, getArgo, healthy, managers, pausedAt, rolloutLine, waitForRollout } from './support/sandbox.mjs';

const NS = 'start-e2e';
const NAME = 'checkout-web';
const TEMPLATE = 'checkout-web-errors';
const FILE = 'start-e2e/checkout-web.yaml';
const IMAGE = 'registry.example.com/shop/checkout-web';
const MANIFEST = [
  '# Started from the editor with "Fleet Rollouts: Start Rollout (Apply from Editor)…".',
  'apiVersion: argoproj.io/v1alpha1',
  'kind: Rollout',
  'metadata:',
  `  name: ${NAME}`,
  `  namespace: ${NS}`,
  'spec:',
  '  replicas: 2',
  '  revisionHistoryLimit: 2',
  '  selector:',
  '    matchLabels:',
  `      app: ${NAME}`,
  '  template:',
  '    metadata:',
  '      labels:',
  `        app: ${NAME}`,
  '    spec:',
  '      containers:',
  '        - name: web',
  `          image: ${IMAGE}:1.0.0`,
  '  strategy:',
  '    canary:',
  '      steps:',
  '        - setWeight: 50',
  '        - pause: {}',
  '        - analysis:',
  '            templates:',
  `              - templateName: ${TEMPLATE}`,
  '---',
  'apiVersion: argoproj.io/v1alpha1',
  'kind: AnalysisTemplate',
  'metadata:',
  `  name: ${TEMPLATE}`,
  `  namespace: ${NS}`,
  'spec:',
  '  metrics:',
  '    - name: error-rate',
  '      successCondition: len(result) == 0 || result[0] <= 0.01',
  '      provider:',
  '        prometheus:',
  `          query: sum(rate(http_requests_total{service="${NAME}",code=~"5.."}[5m]))`,
  '',
].join('\n');
const IMAGE_LINE = MANIFEST.split('\n').findIndex((l) => l.includes(`image: ${IMAGE}:1.0.0`)) + 1;

const SCREENSHOTS = path.join(repoRoot, 'docs', 'screenshots');

const step = journey('start-rollout', {
  contexts: ['edge-eu-1', 'edge-us-1'],
  portOffset: 5,
  viewport: { width: 1600, height: 950 },
  prepare: (folder) => {
    fs.mkdirSync(path.join(folder, path.dirname(FILE)), { recursive: true });
    fs.writeFileSync(path.join(folder, FILE), MANIFEST);
  },
});

// The journeys after this one see the demo seed: the namespace goes, with the Rollout in it.
after(() => deleteNamespace('edge-us-1', NS));

/** Rows of the open quick pick: label, description, and the row's whole text (with the detail line). */
const quickRows = (page) =>
  page.$$eval('.quick-input-list .monaco-list-row', (rows) =>
    rows.map((r) => ({ label: r.querySelector('.label-name')?.textContent ?? '', description: r.querySelector('.label-description')?.textContent ?? '', detail: r.textContent ?? '' })),
  );

/** The notification that waits while the user reads the diff. */
const review = (page) => page.locator('.notifications-toasts .notification-toast', { hasText: 'review the diff of' }).first();

/** Runs Start Rollout on the active editor and ticks only edge-us-1; returns the rows it offered. */
async function startInUs(page, shot) {
  await runCommand(page, 'Fleet Rollouts: Start Rollout (Apply from Editor)…');
  await page.waitForSelector('.quick-input-widget .quick-input-list .monaco-list-row', { state: 'visible', timeout: 30000 });
  const offered = await quickRows(page);
  const title = await page.locator('.quick-input-widget .quick-input-title').innerText();
  await pickQuickItem(page, 'edge-us-1');
  // Multi-select: the click ticks the row; nothing else is ticked.
  const checked = await page.$$eval('.quick-input-list .monaco-list-row[aria-checked="true"]', (rows) => rows.map((r) => r.querySelector('.label-name')?.textContent));
  assert.deepEqual(checked, ['edge-us-1'], `only edge-us-1 is ticked: ${JSON.stringify(checked)}`);
  await shot('ticked');
  await page.keyboard.press('Enter');
  return { offered, title };
}

step('the manifest opens next to the Rollouts view', async ({ page }) => {
  await createNamespace('edge-us-1', NS);
  await showRolloutsView(page);
  // Widen the side bar so the tree's status texts are readable in the screenshots.
  const bar = await page.locator('[id="workbench.parts.sidebar"]').boundingBox();
  await page.mouse.move(bar.x + bar.width - 1, bar.y + 300);
  await page.mouse.down();
  await page.mouse.move(bar.x + 520, bar.y + 300, { steps: 8 });
  await page.mouse.up();
  await openFile(page, FILE);
  await page.locator('.monaco-editor .view-lines', { hasText: `${IMAGE}:1.0.0` }).first().waitFor({ timeout: 20000 });
});

step('Start Rollout asks for the contexts, neither running it yet', async ({ page, shot }) => {
  const { offered, title } = await startInUs(page, shot);
  assert.match(title, new RegExp(`Start ${NAME}: apply to which contexts\\?`));
  for (const c of ['edge-eu-1', 'edge-us-1']) {
    const row = offered.find((r) => r.label === c);
    assert.ok(row, `context ${c} is offered: ${JSON.stringify(offered)}`);
    assert.equal(row.description, NS, `${c} is offered with the manifest's namespace`);
    assert.match(row.detail, /not deployed here yet/, `${c}: ${row.detail}`);
  }
});

step('the confirmation names edge-us-1 and a new Rollout', async ({ page }) => {
  const text = await dialogText(page);
  assert.match(text, new RegExp(`Apply ${NAME} in edge-us-1/${NS}\\?`), `the question names the context and namespace: ${text}`);
  assert.match(text, new RegExp(`edge-us-1/${NS} \\(with AnalysisTemplate ${TEMPLATE}\\): new Rollout`), `the summary says it is new, with its template: ${text}`);
  assert.doesNotMatch(text, /edge-eu-1/, 'the context that was not ticked is not named');
  assert.match(text, /field manager "fleet-rollouts"/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'start-confirm.png') });
});

step('Apply creates the Rollout and its AnalysisTemplate as fleet-rollouts', async ({ page }) => {
  await pressDialogButton(page, 'Apply');
  const ro = await waitForRollout('edge-us-1', NS, NAME, (r) => managers(r).includes('fleet-rollouts'), 30000, 'the Rollout applied by fleet-rollouts (API)');
  assert.equal(ro.spec.template.spec.containers[0].image, `${IMAGE}:1.0.0`);
  const at = await getArgo('edge-us-1', NS, 'analysistemplates', TEMPLATE);
  assert.ok(at, `AnalysisTemplate ${TEMPLATE} exists in edge-us-1/${NS}`);
  assert.ok(managers(at).includes('fleet-rollouts'), `the AnalysisTemplate's managers: ${managers(at)}`);
  assert.equal(await getArgo('edge-eu-1', NS, 'rollouts', NAME), undefined, 'nothing is applied to edge-eu-1');
  // A new Rollout: the controller deploys its first revision at once.
  await waitForRollout('edge-us-1', NS, NAME, healthy, 90000, 'the first revision to be Healthy');
  await page.locator('.notifications-toasts .notification-toast', { hasText: `edge-us-1: ${NAME} applied in ${NS}` }).first().waitFor({ timeout: 20000 });
});

step('a new image is typed in the editor', async ({ page }) => {
  await page.locator('.tab', { hasText: path.basename(FILE) }).first().click();
  await goTo(page, IMAGE_LINE, 1);
  await page.keyboard.press('End');
  for (let i = 0; i < '1.0.0'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('1.1.0');
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .view-line', { hasText: `image: ${IMAGE}:1.1.0` }).first().waitFor({ timeout: 10000 });
});

step('Start again: Show Diff opens live ↔ after apply for edge-us-1 with the new image', async ({ page, shot }) => {
  // The diff needs the width: the side bar goes (the last step brings it back).
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await page.locator('[id="workbench.parts.sidebar"]').waitFor({ state: 'hidden', timeout: 10000 });
  const { offered } = await startInUs(page, shot);
  assert.match(offered.find((r) => r.label === 'edge-us-1')?.detail ?? '', /live: Healthy/, `edge-us-1 says it runs there: ${JSON.stringify(offered)}`);
  const text = await dialogText(page);
  assert.match(text, new RegExp(`edge-us-1/${NS} \\(with AnalysisTemplate ${TEMPLATE}\\): new revision: begins at step 1/3 \\(setWeight: 50\\)`), `the summary says where the update begins: ${text}`);
  await pressDialogButton(page, 'Show Diff');
  const tab = page.locator(`.tab[aria-label*="${NAME} in edge-us-1/${NS}"]`);
  await tab.first().waitFor({ timeout: 20000 });
  assert.match(await tab.first().getAttribute('aria-label'), /live ↔ after apply/);
  const diff = page.locator('.monaco-diff-editor').first();
  await diff.waitFor({ timeout: 20000 });
  await diff.locator('.editor.modified .view-line', { hasText: `image: ${IMAGE}:1.1.0` }).first().waitFor({ timeout: 20000 });
  await diff.locator('.editor.original .view-line', { hasText: `image: ${IMAGE}:1.0.0` }).first().waitFor({ timeout: 20000 });
  assert.ok((await diff.locator('.editor.modified .line-insert, .editor.modified .char-insert').count()) > 0, 'the changed line is marked as inserted');
  assert.ok((await diff.locator('.editor.original .line-delete, .editor.original .char-delete').count()) > 0, 'the old line is marked as removed');
  // No modal over the diff: a notification waits while the user reads it.
  await review(page).waitFor({ timeout: 20000 });
  assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no dialog covers the diff');
  assert.match(await review(page).innerText(), new RegExp(`review the diff of ${NAME} in edge-us-1/${NS}`));
  // Once the toast has faded in, for the screenshot.
  await page.locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: 'review the diff of' }).waitFor({ timeout: 10000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'start-diff.png') });
});

step('Apply… asks once more, then the controller pauses the new revision at step 1', async ({ page, shot }) => {
  await review(page).locator('.monaco-button', { hasText: /^Apply…$/ }).click();
  const text = await dialogText(page);
  assert.match(text, new RegExp(`Apply ${NAME} in edge-us-1/${NS}\\?`), text);
  assert.equal(await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Show Diff$/ }).count(), 0, 'the question after the diff offers Apply (and Cancel) only');
  await shot('question');
  await pressDialogButton(page, 'Apply');
  const ro = await waitForRollout('edge-us-1', NS, NAME, pausedAt(1), 90000, 'the new revision paused at step 1 (API: currentStepIndex 1, phase Paused)');
  assert.equal(ro.spec.template.spec.containers[0].image, `${IMAGE}:1.1.0`, rolloutLine(ro));
  assert.ok(managers(ro).includes('fleet-rollouts'));
});

step('the Rollouts tree shows the new revision paused, with no manual refresh', async ({ page }) => {
  await showRolloutsView(page);
  await waitFor(async () => (await treeRows(page)).some((r) => r.label === NAME && /^Paused - CanaryPauseStep · step 1\/3 · weight 50\/50$/.test(r.description)), 30000, `the tree to show ${NAME} paused at step 1/3`).catch(async (err) => {
    err.message += `\ntree now:\n${treeText(await treeRows(page))}`;
    throw err;
  });
});

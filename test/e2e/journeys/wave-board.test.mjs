// The wave board against the sandbox hub: the Bundle edge-apps-payments with its partitions and
// clusters; the drill-down of cluster edge-eu-1, read from the watched context of the same name
// (canary timelines, weight and analysis charts, Events); pause, resume and force update, each
// confirmed in a modal that names the hub context and checked on the hub's Bundle spec.
import assert from 'node:assert/strict';
import { journey } from '../journey.mjs';
import { getBundle } from '../kube.mjs';
import { dialogText, pickQuickItem, pressDialogButton, runCommand, waitFor } from '../ui.mjs';

const BUNDLE = 'edge-apps-payments';
// The partitions of the seeded rolloutStrategy (test/cluster/README.md, demo seed).
const PARTITIONS = ['canary', 'europe', 'americas', 'asia-pacific'];

const step = journey('wave-board', { contexts: ['hub', 'edge-eu-1'], portOffset: 2, viewport: { width: 1600, height: 1000 } });

const board = (page) => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/** Clicks a board action, checks the confirmation and accepts it. */
async function confirmAction(page, shot, action, button) {
  await board(page).locator(`button[data-action="${action}"]`).click();
  const text = await dialogText(page);
  await shot('confirmation');
  assert.match(text, new RegExp(`${button} Bundle ${BUNDLE} on context "hub"`), `the confirmation names the Bundle and the context: ${text}`);
  assert.match(text, /Context: hub \(only this context is contacted\)/);
  await pressDialogButton(page, button);
}

step('the board opens on the Bundle with its partitions and clusters', async ({ page, docsShot }) => {
  await runCommand(page, 'Fleet Rollouts: Open Wave Board');
  await pickQuickItem(page, 'hub');
  await pickQuickItem(page, BUNDLE);
  const b = board(page);
  await b.locator('button.wave').first().waitFor({ timeout: 60000 });
  const waves = (await b.locator('.waves > button.wave .wname').allTextContents()).map((w) => w.trim());
  for (const p of PARTITIONS) assert.ok(waves.includes(p), `partition ${p} is shown: ${JSON.stringify(waves)}`);
  await waitFor(async () => (await b.locator('.row').count()) > 0, 20000, 'cluster rows');
  const clusters = (await b.locator('.row').allInnerTexts()).join('\n');
  assert.match(clusters, /edge-eu-1/, 'the workload cluster edge-eu-1 is listed');
  await docsShot('board-5-dark');
});

step('the drill-down of edge-eu-1 shows its canaries from the context of the same name', async ({ page, docsShot }) => {
  const b = board(page);
  await b.locator('.row', { hasText: 'edge-eu-1' }).first().click();
  await waitFor(async () => (await b.locator('.detail h2').textContent())?.trim() === 'edge-eu-1', 10000, 'edge-eu-1 in the detail pane');
  // The demo seed's three Rollouts of edge-eu-1 (test/cluster/README.md), each with a timeline and a chart.
  await waitFor(async () => (await b.locator('.canary section.ro').count()) >= 3, 60000, 'the three Rollouts of edge-eu-1');
  await waitFor(async () => (await b.locator('.canary canvas').count()) >= 3, 30000, 'the charts');
  const sections = await b.locator('.canary section.ro').evaluateAll((secs) => secs.map((s) => ({ title: s.querySelector('h4')?.textContent ?? '', current: s.querySelector('.step.current .slabel')?.textContent ?? '', aborted: !!s.querySelector('.timeline.aborted') })));
  const find = (name) => sections.find((s) => s.title.includes(name));
  assert.match(find('checkout-api')?.current ?? '', /pause/, `checkout-api waits at its timed pause: ${JSON.stringify(sections)}`);
  assert.ok(find('cart')?.aborted, `cart's timeline shows the abort: ${JSON.stringify(sections)}`);
  assert.match(await b.locator('.canary h3').textContent(), /context edge-eu-1/);
  await b.locator('.canary h3').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await docsShot('board-drilldown-dark');
  await page.keyboard.press('Escape');
  await waitFor(async () => (await b.locator('.detail h2').count()) === 0, 5000, 'Escape to close the pane');
});

step('pause is confirmed and sets the Bundle paused on the hub', async ({ page, shot }) => {
  await confirmAction(page, shot, 'pause', 'Pause');
  await waitFor(async () => (await getBundle(BUNDLE)).spec?.paused === true, 30000, 'spec.paused = true on the hub');
});

step('resume is confirmed and unpauses the Bundle on the hub', async ({ page, shot }) => {
  await confirmAction(page, shot, 'unpause', 'Resume');
  await waitFor(async () => (await getBundle(BUNDLE)).spec?.paused === false, 30000, 'spec.paused = false on the hub');
});

step('force update is confirmed and bumps forceSyncGeneration on the hub', async ({ page, shot }) => {
  const before = (await getBundle(BUNDLE)).spec?.forceSyncGeneration ?? 0;
  await confirmAction(page, shot, 'forceUpdate', 'Force update');
  await waitFor(async () => (await getBundle(BUNDLE)).spec?.forceSyncGeneration === before + 1, 30000, `spec.forceSyncGeneration = ${before + 1} on the hub`);
});

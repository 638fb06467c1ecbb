// Direct waves (docs/wave-plans.md) against the sandbox: the Rollout storefront waits at its
// `pause: {}` in edge-eu-1 and edge-us-1 (a namespace of its own); the plan releases edge-eu-1 in
// wave canary and holds wave americas behind canary's approval gate. Run Wave Plan asks for wave
// canary naming its context, only edge-eu-1 is promoted (checked on the real controller, with the
// plan recorded in its annotations); the board shows americas held and why; Approve on the board
// asks, records the approval, and the running plan then asks for wave americas and promotes
// edge-us-1. Saves docs/screenshots/board-direct-waves-dark.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { repoRoot } from '../harness.mjs';
import { journey } from '../journey.mjs';
import { dialogText, openFile, pressDialogButton, runCommand, waitFor } from '../ui.mjs';
import { apply, createNamespace, deleteNamespace, getArgo, healthy, pausedAt, rolloutLine, waitForRollout } from './support/sandbox.mjs';

const PLAN = 'storefront';
const NAME = 'storefront';
const NS = 'shop-waves';
const FILE = 'waves/storefront-sandbox.waveplan.yaml';
const CANARY = 'edge-eu-1';
const AMERICAS = 'edge-us-1';
const PLAN_YAML = `# Direct waves on the sandbox: edge-eu-1 first; edge-us-1 once a person approves the canary.
apiVersion: fleetrollouts.dev/v1alpha1
kind: WavePlan
metadata:
  name: ${PLAN}
spec:
  rollout:
    namespace: ${NS}
    name: ${NAME}
  onFailure: abort
  waves:
    - name: canary
      contexts: [${CANARY}]
      gates:
        - healthy: {}
        - approval: {}
    - name: americas
      contexts: [${AMERICAS}]
      gates:
        - healthy: {}
`;
const A = 'fleetrollouts.dev/';
const annotations = (ro) => ro?.metadata?.annotations ?? {};

const rollout = (image) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: NAME, namespace: NS },
  spec: {
    replicas: 2,
    revisionHistoryLimit: 2,
    selector: { matchLabels: { app: NAME } },
    template: { metadata: { labels: { app: NAME } }, spec: { containers: [{ name: NAME, image }] } },
    // Held at the first step until its wave releases it (docs/wave-plans.md, "The Rollout").
    strategy: { canary: { steps: [{ pause: {} }, { setWeight: 50 }] } },
  },
});

const step = journey('direct-waves', {
  contexts: [CANARY, AMERICAS],
  portOffset: 6,
  viewport: { width: 1600, height: 1000 },
  prepare: (folder) => fs.writeFileSync(path.join(folder, FILE), PLAN_YAML),
});

after(async () => {
  for (const c of [CANARY, AMERICAS]) await deleteNamespace(c, NS);
});

const board = (page) => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
const waveCard = (page, index) => board(page).locator(`.waves > button.wave[data-wave="${index}"]`);

/** Text of a board element, for assertions that wait for the next model. */
async function boardShows(page, locator, re, ms, what) {
  let last = '';
  await waitFor(async () => re.test((last = (await locator.first().innerText().catch(() => '')).replace(/\n+/g, ' | '))), ms, what).catch((err) => {
    err.message += `\nnow: ${last}`;
    throw err;
  });
  return last;
}

step('storefront waits at its first pause in both contexts', async ({ page }) => {
  for (const c of [CANARY, AMERICAS]) {
    await createNamespace(c, NS);
    await apply(c, rollout('registry.example.com/shop/storefront:3.1.0'), 'ci');
  }
  // A new Rollout is deployed at once; the next image is the update the waves hold.
  for (const c of [CANARY, AMERICAS]) await waitForRollout(c, NS, NAME, healthy, 120000, `storefront Healthy in ${c}`);
  for (const c of [CANARY, AMERICAS]) await apply(c, rollout('registry.example.com/shop/storefront:3.2.0'), 'ci');
  for (const c of [CANARY, AMERICAS]) await waitForRollout(c, NS, NAME, pausedAt(0), 90000, `storefront paused at pause: {} in ${c}`);
  await openFile(page, FILE);
  // The board gets the whole width.
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await page.locator('[id="workbench.parts.sidebar"]').waitFor({ state: 'hidden', timeout: 10000 });
}, { timeout: 300_000 });

step('Run Wave Plan asks to promote wave canary, naming edge-eu-1 only', async ({ page }) => {
  await runCommand(page, 'Fleet Rollouts: Run Wave Plan…');
  const text = await dialogText(page);
  assert.match(text, new RegExp(`Promote wave canary: ${NAME} in ${CANARY}/${NS}\\?`), `the question names the wave and its context: ${text}`);
  assert.match(text, new RegExp(`promote\` for ${NAME} to: ${CANARY} \\(namespace ${NS}\\)\\.`), text);
  assert.match(text, /No other context is contacted/);
  assert.doesNotMatch(text, new RegExp(AMERICAS), `the context of the next wave is not named: ${text}`);
  // The board Run Wave Plan opened: canary waits for this confirmation, and there is nothing to approve
  // before its approval gate is the one holding it.
  await boardShows(page, board(page).locator('.next'), new RegExp(`Wave canary waits for your confirmation to release: ${CANARY}/${NS}`), 30000, 'the board to say canary waits for the confirmation');
  await boardShows(page, waveCard(page, 0).locator('.badge.phase'), /^blocked$/, 15000, 'canary shown blocked, not progressing');
  const canary = await waveCard(page, 0).innerText();
  assert.match(canary, /○ healthy.*○ approval/s, `no gate holds canary yet: ${canary}`);
  assert.equal(await waveCard(page, 0).locator('button.approve').count(), 0, `no Approve before the approval gate holds: ${canary}`);
});

step('Promote releases only edge-eu-1, recording the plan on its Rollout', async ({ page }) => {
  await pressDialogButton(page, 'Promote');
  const eu = await waitForRollout(CANARY, NS, NAME, (ro) => annotations(ro)[`${A}wave`] === 'canary' && (ro.status?.currentStepIndex ?? 0) > 0, 60000, 'edge-eu-1 released by wave canary and past its pause (API)');
  const a = annotations(eu);
  assert.equal(a[`${A}wave-plan`], PLAN, `the plan is recorded: ${JSON.stringify(a)}`);
  assert.equal(a[`${A}wave-revision`], eu.status.currentPodHash, 'the record is about the revision being rolled out');
  assert.ok(a[`${A}released-at`], 'the release time is recorded');
  const us = await getArgo(AMERICAS, NS, 'rollouts', NAME);
  assert.ok(pausedAt(0)(us), `edge-us-1 still waits at its pause: ${rolloutLine(us)}`);
  assert.deepEqual(Object.keys(annotations(us)).filter((k) => k.startsWith(A)), [], 'nothing is recorded on edge-us-1 yet');
  // The running plan promotes nothing else; canary finishes on its own (setWeight 50, then done).
  await waitForRollout(CANARY, NS, NAME, healthy, 90000, 'edge-eu-1 Healthy at the new revision');
  assert.ok(pausedAt(0)(await getArgo(AMERICAS, NS, 'rollouts', NAME)), 'edge-us-1 is still held after canary is Healthy');
});

step('the board shows wave americas held behind the approval of canary', async ({ page, shot }) => {
  // Run Wave Plan opened the plan's board; Open Wave Board on the plan editor shows it again.
  await page.locator('.tab', { hasText: path.basename(FILE) }).first().click();
  await runCommand(page, 'Fleet Rollouts: Open Wave Board');
  await waveCard(page, 1).waitFor({ timeout: 60000 });
  const next = await boardShows(page, board(page).locator('.next'), /Wave canary waits for a person to approve it before wave americas starts/, 30000, 'the board to say what holds americas');
  assert.match(next, /Approve on the wave board/);
  const canary = await boardShows(page, waveCard(page, 0), /✓ healthy.*● approval/s, 30000, 'canary: healthy passed, approval holding');
  assert.match(canary, /Approve canary/, `canary offers Approve: ${canary}`);
  // Waiting for a person: blocked, the plan holding (a round that also wrote a record says running for a moment).
  await boardShows(page, waveCard(page, 0).locator('.badge.phase'), /^blocked$/, 15000, 'canary shown blocked');
  await boardShows(page, board(page).locator('.meta'), /· holding$/, 15000, 'the plan shown holding');
  const americas = await waveCard(page, 1).innerText();
  assert.match(americas, /waiting/, `americas waits: ${americas}`);
  assert.match(americas, /Waits for the waves before it/);
  assert.equal(await waveCard(page, 1).locator('button.approve').count(), 0, 'americas has nothing to approve');
  const us = await boardShows(page, board(page).locator(`.row[data-name="${AMERICAS}/${NS}"]`), /held/, 20000, 'the edge-us-1 row');
  assert.match(us, /Paused/, `edge-us-1 is shown paused: ${us}`);
  await boardShows(page, board(page).locator(`.row[data-name="${CANARY}/${NS}"]`), /Healthy.*healthy/s, 20000, 'the edge-eu-1 row Healthy');
  await page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshots', 'board-direct-waves-dark.png') });
  await shot('board');
});

step('Approve on the board asks, naming the context, and records the approval', async ({ page }) => {
  await waveCard(page, 0).locator('button.approve').click();
  const text = await dialogText(page);
  assert.match(text, new RegExp(`Approve wave canary of plan ${PLAN}\\?`), text);
  assert.match(text, new RegExp(`on the Rollout ${NAME} in ${CANARY}/${NS}\\.`), `the confirmation names the context: ${text}`);
  assert.match(text, /Wave americas starts once the gates/);
  await pressDialogButton(page, 'Approve wave canary');
  const eu = await waitForRollout(CANARY, NS, NAME, (ro) => !!annotations(ro)[`${A}approved-by`], 30000, 'the approval recorded on edge-eu-1 (API)');
  assert.match(annotations(eu)[`${A}approved-by`], /^.+@.+$/, 'who approved: user@host');
});

step('wave americas proceeds: asked, edge-us-1 promoted, the plan done', async ({ page, shot }) => {
  // The running plan reads the approval at its next round and asks for the next wave.
  const text = await dialogText(page);
  await shot('question');
  assert.match(text, new RegExp(`Promote wave americas: ${NAME} in ${AMERICAS}/${NS}\\?`), text);
  await pressDialogButton(page, 'Promote');
  const us = await waitForRollout(AMERICAS, NS, NAME, (ro) => annotations(ro)[`${A}wave`] === 'americas' && healthy(ro), 120000, 'edge-us-1 released by wave americas and Healthy (API)');
  assert.equal(annotations(us)[`${A}wave-plan`], PLAN);
  await boardShows(page, board(page).locator('.next'), new RegExp(`Plan ${PLAN} is done`), 30000, 'the board to say the plan is done');
  await boardShows(page, waveCard(page, 1), /done/, 10000, 'americas done');
});

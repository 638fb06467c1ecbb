// The wave board in Argo CD RollingSync mode against the sandbox hub. The hub runs no Argo CD: as
// test/cluster-client/board-rolling-sync.test.ts does, the journey first plays its controllers —
// the Application CRD, Applications of the seeded ApplicationSet argocd/storefront (one with a
// paused Rollout inside) and the ApplicationSet's status.applicationStatus — then opens the board
// on the ApplicationSet from the pick list: the step cards with their numbers and why step 2 is
// blocked, the Application list, and the detail pane of the Application whose Rollout is paused.
// Saves docs/screenshots/board-rolling-sync-dark.png. The hub is put back as seeded afterwards.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before } from 'node:test';
import { repoRoot } from '../harness.mjs';
import { journey } from '../journey.mjs';
import { pickQuickItem, runCommand, waitFor } from '../ui.mjs';
import { apply, patchStatus, remove, request, resourcePath } from './support/sandbox.mjs';

const REV = '5d41402abc4b2a76b9719d911017c592';
const EXTRA = ['storefront-edge-ap-1', 'storefront-edge-ap-2', 'storefront-edge-sa-1'];
const APPSET = { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', namespace: 'argocd', name: 'storefront' };
const APPLICATION_CRD = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'applications.argoproj.io' };

/** What the journey wrote, to put the hub back: the seeded ApplicationSet and the Applications. */
const argo = { seeded: undefined, entries: [], canary: '', step2: [], apps: [] };

// --- The Argo CD controllers' part, before VS Code starts -----------------------------------------
before(async () => {
  const seeded = await request('hub', 'GET', resourcePath(APPSET));
  const entries = seeded.status.applicationStatus;
  const canary = entries.find((e) => e.step === '1').application;
  const step2 = entries.filter((e) => e.step === '2').map((e) => e.application);
  assert.ok(step2.length >= 1, `the seed has Applications in step 2: ${JSON.stringify(entries)}`);
  const now = new Date().toISOString();
  await apply('hub', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'applications.argoproj.io' },
    spec: { group: 'argoproj.io', scope: 'Namespaced', names: { kind: 'Application', listKind: 'ApplicationList', plural: 'applications', singular: 'application' }, versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
  }, 'e2e-argocd');
  await waitFor(async () => ((await request('hub', 'GET', resourcePath(APPLICATION_CRD))).status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True'), 60000, 'the Application CRD to be established');
  const app = (name, tier, health, sync, rollout) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', labels: { tier }, ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', name: 'storefront', uid: seeded.metadata.uid }] },
    spec: { project: 'default', source: { repoURL: 'https://git.example.com/platform/edge-apps.git', targetRevision: 'main', path: 'shop' }, destination: { server: `https://${name.replace('storefront-', '')}.example.internal:6443`, namespace: 'shop' }, syncPolicy: { automated: { enabled: false } } },
    status: {
      sync: { status: sync, revision: REV },
      health: { status: health },
      reconciledAt: now,
      resources: [
        { group: '', version: 'v1', kind: 'Service', namespace: 'shop', name: 'storefront', status: sync, health: { status: 'Healthy' } },
        { group: 'argoproj.io', version: 'v1alpha1', kind: 'Rollout', namespace: 'shop', name: 'storefront', status: sync, health: rollout ?? { status: 'Healthy' } },
      ],
    },
  });
  const apps = [
    app(canary, 'canary', 'Healthy', 'Synced'),
    app(step2[0], 'standard', 'Suspended', 'Synced', { status: 'Suspended', message: 'CanaryPauseStep' }),
    ...step2.slice(1).map((n) => app(n, 'standard', 'Healthy', 'OutOfSync')),
    app(EXTRA[0], 'critical', 'Healthy', 'OutOfSync'),
    app(EXTRA[1], 'standard', 'Healthy', 'OutOfSync'),
    app(EXTRA[2], 'standard', 'Healthy', 'OutOfSync'),
  ];
  Object.assign(argo, { seeded, entries, canary, step2, apps });
  await apply('hub', apps, 'e2e-argocd');
  const entry = (application, status, step, message) => ({ application, status, step, message, lastTransitionTime: now, targetRevisions: [REV] });
  await patchStatus('hub', APPSET, {
    applicationStatus: [
      entry(canary, 'Healthy', '1', 'Application resource became Healthy, updating status from Progressing to Healthy'),
      entry(step2[0], 'Progressing', '2', 'Application resource completed a sync successfully, updating status from Pending to Progressing'),
      ...[...step2.slice(1), ...EXTRA].map((n) => entry(n, 'Waiting', '2', 'Application has pending changes, setting status to Waiting')),
    ],
  });
});

after(async () => {
  if (!argo.seeded) return;
  for (const a of argo.apps) await remove('hub', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: a.metadata.name });
  await remove('hub', APPLICATION_CRD);
  await patchStatus('hub', APPSET, { applicationStatus: argo.entries, conditions: argo.seeded.status.conditions });
});

const step = journey('rolling-sync-board', { contexts: ['hub'], portOffset: 7, viewport: { width: 1600, height: 1000 } });

const board = (page) => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
const stepCard = (page, index) => board(page).locator(`.waves > button.wave[data-wave="${index}"]`);
const text = async (locator) => (await locator.innerText()).replace(/\n+/g, ' | ');

step('the board opens on the ApplicationSet from the pick list', async ({ page }) => {
  // The board gets the whole width.
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await page.locator('[id="workbench.parts.sidebar"]').waitFor({ state: 'hidden', timeout: 10000 });
  await runCommand(page, 'Fleet Rollouts: Open Wave Board');
  // One watched context: the pick list holds its Bundles and ApplicationSets.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'ApplicationSet' });
  await row.first().waitFor({ timeout: 60000 });
  assert.match(await text(row.first()), /storefront/, 'the ApplicationSet argocd/storefront is offered');
  await pickQuickItem(page, 'storefront');
  await stepCard(page, 1).waitFor({ timeout: 60000 });
  const meta = await text(board(page).locator('.meta').first());
  assert.match(meta, /ApplicationSet · context hub · namespace argocd · 2 RollingSync steps/, meta);
});

step('the step cards say where the rollout stands and why step 2 is blocked', async ({ page }) => {
  // The Applications come once their informer has synced: every row listed.
  await waitFor(async () => (await board(page).locator('.row').count()) >= argo.apps.length, 30000, 'the Application rows');
  const names = (await board(page).locator('.waves > button.wave .wname').allTextContents()).map((s) => s.trim());
  assert.deepEqual(names.slice(0, 2), ['tier In (canary)', 'tier In (standard, critical)'], 'steps are named by their matchExpressions');
  const n2 = argo.apps.length - 1;
  const first = await text(stepCard(page, 0));
  assert.match(first, /done/, `step 1 is done: ${first}`);
  assert.match(first, /step 1 · 1 Application · Healthy 1\/1/, first);
  const second = await text(stepCard(page, 1));
  assert.match(second, /blocked/, `step 2 is blocked: ${second}`);
  assert.match(second, new RegExp(`step 2 · ${n2} Applications · Healthy 0/${n2} · updating 1 · maxUpdate 25%`), second);
  const reason = (await board(page).locator('.waves > button.wave[data-wave="1"] .wreason').innerText()).trim();
  assert.match(reason, new RegExp(`maxUpdate 25% reached: 1 Application Progressing \\(${argo.step2[0]}`), `the blocked reason names the Application in the way: ${reason}`);
  assert.match(reason, /nothing moves until the paused Rollout is promoted/, reason);
  const next = await text(board(page).locator('.next'));
  assert.match(next, /Step 2 \(tier In \(standard, critical\)\) is stuck/, next);
});

step('the Application list shows each Application with its RollingSync status', async ({ page }) => {
  const rows = await board(page).locator('.row').evaluateAll((els) => els.map((r) => ({ name: r.dataset.name, state: r.querySelector('.cstate')?.textContent ?? '', side: r.querySelector('.cseen')?.textContent ?? '' })));
  const byName = new Map(rows.map((r) => [r.name, r]));
  const expect = (name, state, side) => {
    const r = byName.get(name);
    assert.ok(r, `${name} is listed: ${JSON.stringify(rows)}`);
    assert.equal(r.state, state, `${name}: state`);
    if (side) assert.equal(r.side, side, `${name}: side`);
  };
  expect(argo.canary, 'Healthy · Synced/Healthy', 'Rollout Healthy');
  expect(argo.step2[0], 'Progressing · Synced/Suspended', 'Rollout Suspended');
  for (const n of [...argo.step2.slice(1), ...EXTRA]) expect(n, 'Waiting · OutOfSync/Healthy');
  assert.equal(rows.length, argo.apps.length, 'one row per Application, nothing else');
});

step('the paused Application opens with the Rollout inside', async ({ page }) => {
  await stepCard(page, 1).click();
  await board(page).locator(`.row[data-name="${argo.step2[0]}"]`).click();
  await page.keyboard.press('Enter');
  const detail = board(page).locator('.detail');
  await detail.locator('h2', { hasText: argo.step2[0] }).waitFor({ timeout: 10000 });
  const d = await text(detail);
  assert.match(d, /RollingSync status \| Progressing \(step 2\)/, d);
  assert.match(d, /Controller says \| Application resource completed a sync successfully/, d);
  assert.match(d, /Health \| Suspended/, d);
  assert.match(d, /Automated sync \| disabled \(RollingSync syncs it\)/, d);
  assert.match(d, /Argo Rollouts inside/, d);
  const inside = await text(detail.locator('.rs-rollouts li').first());
  assert.match(inside, /^shop\/storefront — Suspended: CanaryPauseStep/, inside);
  assert.equal(await detail.locator('.rs-rollouts button.rs-show').count(), 1, 'Show in Rollouts view is offered');
  await detail.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished))); // the pane's slide-in
  await page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshots', 'board-rolling-sync-dark.png') });
});

// The wave board's RollingSync mode in a real VS Code against the sandbox hub:
//   bash scripts/cluster/with-cluster.sh --seed demo -- node test/e2e/board-rolling-sync-smoke.mjs
// (after `npm run package`; BOARD_VSIX overrides the package). The hub has no Argo CD: like
// test/cluster-client/board-rolling-sync.test.ts the script plays its controllers first (an
// Application CRD, Applications of the seeded ApplicationSet argocd/storefront, one with a paused
// Rollout inside, and the ApplicationSet's status.applicationStatus), then opens the board on the
// ApplicationSet from the pick list, drills into the Application whose Rollout is paused, and saves
// docs/screenshots/board-rolling-sync-dark.png. The hub is put back as seeded at the end.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, repoRoot, startCodeServer, waitFor, waitForExtensionHost } from './harness.mjs';
import { pickQuickItem, runCommand } from './ui.mjs';

const kubeconfig = process.env.KUBECONFIG;
if (!kubeconfig) throw new Error('KUBECONFIG is not set: run through scripts/cluster/with-cluster.sh --seed demo');
const out = path.join(repoRoot, 'test-results', 'e2e');
fs.mkdirSync(out, { recursive: true });
const screenshot = path.join(repoRoot, 'docs', 'screenshots', 'board-rolling-sync-dark.png');
const vsix = process.env.BOARD_VSIX ?? path.join(repoRoot, 'dist', 'fleet-rollouts.vsix');
const kubectl = (args, input) => execFileSync('kubectl', ['--context', 'hub', ...args], { encoding: 'utf8', input, env: { ...process.env, KUBECONFIG: kubeconfig } });
const apply = (obj) => kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager', 'e2e-argocd', '-f', '-'], JSON.stringify(obj));
const REV = '5d41402abc4b2a76b9719d911017c592';

// --- The Argo CD controllers' part -----------------------------------------------------------
const seeded = JSON.parse(kubectl(['get', 'applicationsets.argoproj.io', '-n', 'argocd', 'storefront', '-o', 'json']));
const entries = seeded.status.applicationStatus;
const canary = entries.find((e) => e.step === '1').application;
const step2 = entries.filter((e) => e.step === '2').map((e) => e.application);
const extra = ['storefront-edge-ap-1', 'storefront-edge-ap-2', 'storefront-edge-sa-1'];
const now = new Date().toISOString();
apply({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'applications.argoproj.io' },
  spec: { group: 'argoproj.io', scope: 'Namespaced', names: { kind: 'Application', listKind: 'ApplicationList', plural: 'applications', singular: 'application' }, versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
});
kubectl(['wait', '--for=condition=Established', 'crd/applications.argoproj.io', '--timeout=60s']);
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
  app(extra[0], 'critical', 'Healthy', 'OutOfSync'),
  app(extra[1], 'standard', 'Healthy', 'OutOfSync'),
  app(extra[2], 'standard', 'Healthy', 'OutOfSync'),
];
for (const a of apps) apply(a);
const entry = (application, status, step, message) => ({ application, status, step, message, lastTransitionTime: now, targetRevisions: [REV] });
kubectl(['patch', 'applicationsets.argoproj.io', '-n', 'argocd', 'storefront', '--subresource=status', '--type', 'merge', '-p', JSON.stringify({
  status: {
    applicationStatus: [
      entry(canary, 'Healthy', '1', 'Application resource became Healthy, updating status from Progressing to Healthy'),
      entry(step2[0], 'Progressing', '2', 'Application resource completed a sync successfully, updating status from Pending to Progressing'),
      ...[...step2.slice(1), ...extra].map((n) => entry(n, 'Waiting', '2', 'Application has pending changes, setting status to Waiting')),
    ],
  },
})]);

// --- VS Code ---------------------------------------------------------------------------------
const cs = await startCodeServer({
  folder: path.join(repoRoot, 'examples'),
  vsix,
  outDir: out,
  env: { KUBECONFIG: kubeconfig },
  settings: { 'fleetRollouts.contexts': ['hub'], 'workbench.colorTheme': 'Default Dark Modern' },
});
process.on('exit', () => cs.stop());
const { browser, page } = await openBrowser({ width: 1600, height: 1000 });
try {
  await page.goto(cs.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await waitForExtensionHost(cs.userData, 90000);
  await runCommand(page, 'Fleet Rollouts: Open Wave Board');
  // One watched context (the setting): the pick list holds Bundles and ApplicationSets.
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="storefront"]', { timeout: 60000 });
  const offered = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
  console.log(`pick list: ${offered.length} entries, e.g. ${JSON.stringify(offered.filter((t) => /ApplicationSet/.test(t)))}`);
  await pickQuickItem(page, 'storefront');
  const board = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await board.locator('button.wave').first().waitFor({ timeout: 60000 });
  const body = board.locator('body');
  await waitFor(async () => (await body.getAttribute('data-first-render-ms')) !== null, 30000, 'the first render time');
  // Wait for the Applications (listed once their informer has synced).
  await waitFor(async () => (await board.locator('.row').count()) >= apps.length, 30000, 'the Application rows');
  const steps = await board.locator('.waves > button.wave .wname').allTextContents();
  const reasons = await board.locator('.waves > button.wave .wreason').allTextContents();
  console.log(`steps ${JSON.stringify(steps)}\nreasons ${JSON.stringify(reasons, null, 1)}`);
  console.log('next:', await board.locator('.next').textContent());
  if (!steps.includes('tier In (canary)')) throw new Error('the first step is not named by its matchExpressions');

  // Step 2, then its paused Application's drill-down.
  await board.locator('.waves > button.wave').nth(1).click();
  await board.locator(`.row[data-name="${step2[0]}"]`).click();
  await page.keyboard.press('Enter');
  await board.locator('.detail h2').waitFor({ timeout: 10000 });
  console.log('drill-down:', (await board.locator('.detail').innerText()).replace(/\n+/g, ' | '));
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  console.log(`saved ${path.relative(repoRoot, screenshot)}`);
} catch (err) {
  await page.screenshot({ path: path.join(out, 'board-rolling-sync-failure.png') });
  throw err;
} finally {
  await browser.close();
  cs.stop();
  for (const a of apps) kubectl(['delete', 'applications.argoproj.io', '-n', 'argocd', a.metadata.name, '--ignore-not-found']);
  kubectl(['delete', 'crd', 'applications.argoproj.io', '--ignore-not-found']);
  kubectl(['patch', 'applicationsets.argoproj.io', '-n', 'argocd', 'storefront', '--subresource=status', '--type', 'merge', '-p', JSON.stringify({ status: { applicationStatus: entries, conditions: seeded.status.conditions } })]);
}

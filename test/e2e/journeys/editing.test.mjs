// Editing manifests in VS Code: a diagnostic with its squiggle and Problems entry, its quick fix,
// completion of templateName, the hover on a Fleet partition with the hub's clusters, a snippet
// that inserts clean, and the getting-started walkthrough.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../harness.mjs';
import { journey } from '../journey.mjs';
import { fleetClusterNames } from '../kube.mjs';
import { goTo, hoverAt, openFile, problemsOf, runCommand, showProblems, squiggles, suggestions, waitFor } from '../ui.mjs';

const ROLLOUT = 'fleet/checkout/rollout.yaml';
const FLEET_YAML = 'fleet/checkout/fleet.yaml';
// A file the journey creates with a YAML syntax error, then replaces with a snippet.
const SNIPPET_FILE = 'fleet/checkout/canary-checks.yaml';

/** 1-based line and column of `text` in an examples file. */
function positionOf(relative, text) {
  const lines = fs.readFileSync(path.join(repoRoot, 'examples', relative), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `${text} not found in examples/${relative}`);
  return { line: line + 1, column: lines[line].indexOf(text) + 1 };
}

const step = journey('editing', {
  contexts: ['hub'],
  portOffset: 0,
  prepare: (folder) => fs.writeFileSync(path.join(folder, SNIPPET_FILE), 'apiVersion: argoproj.io/v1alpha1\nkind: [AnalysisTemplate\n'),
});

step('the getting-started walkthrough lists its steps', async ({ page }) => {
  await runCommand(page, 'Welcome: Open Walkthrough');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('Fleet Rollouts', { delay: 10 });
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Get started with Fleet Rollouts"]', { timeout: 15000 });
  await page.keyboard.press('Enter');
  const walkthrough = page.locator('.gettingStartedContainer');
  await walkthrough.locator('text=Get started with Fleet Rollouts').first().waitFor({ timeout: 20000 });
  for (const title of ['Connect a cluster', 'See a problem in a manifest', 'Watch your rollouts', 'Open the wave board']) {
    await walkthrough.locator(`text=${title}`).first().waitFor({ timeout: 10000 });
  }
});

step('a Rollout with a missing analysis arg shows a squiggle and a Problems entry', async ({ page }) => {
  await page.keyboard.press('Control+W'); // the walkthrough
  await openFile(page, ROLLOUT);
  await showProblems(page);
  await waitFor(async () => (await problemsOf(page, ROLLOUT)).some((p) => p.code.includes('rollouts/analysis-arg-missing')), 60000, 'the rollouts/analysis-arg-missing problem in the Problems panel');
  const entry = (await problemsOf(page, ROLLOUT)).find((p) => p.code.includes('rollouts/analysis-arg-missing'));
  assert.match(entry.message, /args\.service-name was not resolved/);
  // Clicking the entry takes the editor to the problem, where its squiggle is drawn. The panel's rows
  // move while other files' problems arrive: click again until the editor is there.
  const line = positionOf(ROLLOUT, 'args:').line;
  await waitFor(async () => {
    await page.locator('.markers-panel .monaco-list-row[aria-level="2"]', { hasText: 'rollouts/analysis-arg-missing' }).first().click();
    await page.waitForTimeout(500);
    const crumbs = await page.locator('.part.editor .breadcrumbs-control').first().innerText();
    const cursor = await page.locator('[id="status.editor.selection"]').innerText();
    return /checkout/.test(crumbs) && cursor.includes(`Ln ${line},`);
  }, 20000, `the editor at checkout/rollout.yaml line ${line} after clicking the problem`);
  await waitFor(async () => (await squiggles(page, 'error')) > 0, 10000, 'an error squiggle in the editor');
});

step('the quick fix passes the arg and the problem disappears', async ({ page }) => {
  const args = positionOf(ROLLOUT, 'args:');
  await goTo(page, args.line, args.column);
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: "Pass 'service-name' to the analysis" }).first();
  await fix.waitFor({ timeout: 15000 });
  // The menu takes keys, not clicks (a pointer block covers it while it opens): the preferred fix is focused.
  await page.locator('.action-widget .monaco-list-row.focused', { hasText: "Pass 'service-name' to the analysis" }).waitFor({ timeout: 5000 });
  await page.keyboard.press('Enter');
  await waitFor(async () => !(await problemsOf(page, ROLLOUT)).some((p) => p.code.includes('rollouts/analysis-arg-missing')), 30000, 'the problem to leave the Problems panel');
  await waitFor(async () => (await squiggles(page, 'error')) === 0, 10000, 'the squiggle to disappear');
  assert.match(await page.locator('.part.editor .monaco-editor .view-lines').innerText(), /name:\s+service-name/, 'the fix wrote the service-name arg');
});

step('completion of templateName offers the workspace templates', async ({ page }) => {
  const ref = positionOf(ROLLOUT, 'http-success-rate');
  await goTo(page, ref.line, ref.column);
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  const labels = await suggestions(page, 'search-latency');
  for (const template of ['http-success-rate', 'search-latency']) assert.ok(labels.includes(template), `${template} is not offered: ${JSON.stringify(labels)}`);
});

step('the hover on a Fleet partition names the hub clusters it selects', async ({ page, docsShot }) => {
  await page.keyboard.press('Escape'); // the suggestions
  await openFile(page, FLEET_YAML);
  const eu = positionOf(FLEET_YAML, '- name: eu');
  const expected = await fleetClusterNames({ region: 'eu-west' });
  assert.ok(expected.length > 0, 'the sandbox hub has eu-west clusters');
  let text = '';
  // The hub's inventory reaches the language server some seconds after the workbench opens.
  await waitFor(async () => {
    text = await hoverAt(page, eu.line, eu.column + 8);
    return /On the connected hub/.test(text);
  }, 60000, 'the partition hover to show the connected hub').catch((err) => {
    err.message += `; last hover: ${JSON.stringify(text)}`;
    throw err;
  });
  assert.match(text, /Partition eu/);
  assert.match(text, new RegExp(`On the connected hub: ${expected.length} clusters?`));
  for (const name of expected.slice(0, 25)) assert.ok(text.includes(name), `the hover does not name ${name}: ${text}`);
  await docsShot('hover-partition');
});

step('a snippet inserted into a broken file leaves it clean', async ({ page }) => {
  await page.keyboard.press('Escape');
  await openFile(page, SNIPPET_FILE);
  // Without Red Hat YAML installed, YAML syntax errors are ours to report (the redhat-yaml journey checks the other case).
  await waitFor(async () => (await problemsOf(page, SNIPPET_FILE)).some((p) => p.code.includes('yaml/syntax')), 30000, 'the yaml/syntax error of the file before the snippet');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('analysis-success-rate', { delay: 10 });
  const labels = await suggestions(page, 'analysis-success-rate');
  const snippet = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'analysis-success-rate' }).first();
  assert.ok((await snippet.count()) > 0, `the snippet is not offered: ${JSON.stringify(labels)}`);
  await snippet.click();
  await page.keyboard.press('Escape'); // leave the snippet's placeholders
  assert.match(await page.locator('.part.editor .monaco-editor .view-lines').innerText(), /kind:\s+AnalysisTemplate/, 'the snippet is in the editor');
  // Clean means: no problem for the file and no squiggle, still so after the checks had time to run.
  await waitFor(async () => (await problemsOf(page, SNIPPET_FILE)).length === 0, 30000, 'the problems of the file to clear');
  const until = Date.now() + 4000;
  while (Date.now() < until) {
    const left = await problemsOf(page, SNIPPET_FILE);
    assert.deepEqual(left, [], 'the inserted snippet has no problems');
    for (const severity of ['error', 'warning', 'info']) assert.equal(await squiggles(page, severity), 0, `no ${severity} squiggle on the snippet`);
    await page.waitForTimeout(500);
  }
});

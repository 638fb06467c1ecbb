// Fleet Rollouts beside Red Hat YAML, in a real VS Code: with a stand-in exposing Red Hat YAML's
// registerContributor API, documents we check get our permissive schema (so they are not validated
// twice) and our YAML syntax errors step aside; without it, we report them ourselves.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBrowser, openFile, problems, repoRoot, startCodeServer, waitFor, waitForExtensionHost } from './harness.mjs';

const out = path.join(repoRoot, 'test-results', 'e2e');
fs.mkdirSync(out, { recursive: true });
const vsix = path.join(repoRoot, 'dist', 'fleet-rollouts.vsix');
const stubVsix = path.join(os.tmpdir(), 'fleet-rollouts-redhat-stub.vsix');
execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', stubVsix], { cwd: path.join(repoRoot, 'test', 'e2e', 'redhat-yaml-stub'), stdio: 'pipe' });

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-redhat-ws-'));
fs.cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true });
fs.writeFileSync(path.join(workspace, 'broken.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: [unclosed\n');

async function session(withStub) {
  const stubOut = path.join(os.tmpdir(), `fr-redhat-stub-${process.pid}.json`);
  fs.rmSync(stubOut, { force: true });
  const cs = await startCodeServer({ folder: workspace, vsix: withStub ? [vsix, stubVsix] : vsix, env: { FLEET_ROLLOUTS_REDHAT_STUB_OUT: stubOut }, outDir: out });
  const { browser, page } = await openBrowser();
  try {
    await page.goto(cs.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await waitForExtensionHost(cs.userData);
    for (const f of ['broken.yaml', 'fleet/checkout/fleet.yaml', 'fleet/cart/values-prod.yaml', 'fleet/checkout/rollout.yaml']) await openFile(page, f);
    await page.keyboard.press('Control+Shift+M');
    await waitFor(async () => (await problems(page)).some((p) => p.code.includes('rollouts/analysis-arg-missing')), 30000, 'our checks on rollout.yaml');
    await page.waitForTimeout(1500);
    const rows = await problems(page);
    await page.screenshot({ path: path.join(out, `redhat-yaml-${withStub ? 'present' : 'absent'}.png`) });
    return { rows, stub: fs.existsSync(stubOut) ? JSON.parse(fs.readFileSync(stubOut, 'utf8')) : undefined };
  } finally {
    await browser.close();
    cs.stop();
  }
}

const absent = await session(false);
assert.ok(absent.rows.some((p) => p.code.includes('yaml/syntax')), `without Red Hat YAML we report the syntax error: ${JSON.stringify(absent.rows.map((r) => r.code))}`);

const present = await session(true);
assert.ok(!present.rows.some((p) => p.code.includes('yaml/syntax')), `with Red Hat YAML our syntax errors step aside: ${JSON.stringify(present.rows.map((r) => r.code))}`);
assert.ok(present.rows.some((p) => p.code.includes('rollouts/analysis-arg-missing')), 'our own checks remain');
assert.deepEqual(present.stub.contributors, ['fleet-rollouts'], 'one schema contributor, ours');
const answer = (rel) => Object.entries(present.stub.answers).find(([uri]) => uri.endsWith(rel))?.[1];
assert.equal(answer('fleet/checkout/fleet.yaml')?.schemaUri, 'fleetrollouts://schemas/owned.json');
assert.equal(answer('fleet/checkout/rollout.yaml')?.schemaUri, 'fleetrollouts://schemas/owned.json');
assert.equal(answer('fleet/cart/values-prod.yaml'), null, 'plain YAML stays with Red Hat YAML');
assert.match(answer('fleet/checkout/fleet.yaml').content, /Checked by Fleet Rollouts/);
console.log('redhat-yaml: ok', JSON.stringify({ absent: absent.rows.map((r) => r.code), present: present.rows.map((r) => r.code), answers: present.stub.answers }, null, 1));

// Fleet Rollouts beside Red Hat YAML: with a stand-in exposing Red Hat YAML's registerContributor API
// (test/e2e/redhat-yaml-stub), documents we check get our permissive schema (so they are not
// validated twice) and our YAML syntax errors step aside; plain YAML stays with Red Hat YAML.
// Without it we report syntax errors ourselves: the editing journey sees one in its broken file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../harness.mjs';
import { journey, VSIX } from '../journey.mjs';
import { openFile, problems, problemsOf, showProblems, waitFor } from '../ui.mjs';

const stubVsix = path.join(repoRoot, 'out', 'redhat-yaml-stub.vsix');
const stubOut = path.join(repoRoot, 'out', 'redhat-yaml-stub.json');
execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', stubVsix], { cwd: path.join(repoRoot, 'test', 'e2e', 'redhat-yaml-stub'), stdio: 'pipe' });
fs.rmSync(stubOut, { force: true });

const step = journey('redhat-yaml', {
  vsix: [VSIX, stubVsix],
  portOffset: 4,
  env: { FLEET_ROLLOUTS_REDHAT_STUB_OUT: stubOut },
  prepare: (folder) => fs.writeFileSync(path.join(folder, 'broken.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: [unclosed\n'),
});

step('with Red Hat YAML our checks remain and our syntax errors step aside', async ({ page }) => {
  for (const f of ['broken.yaml', 'fleet/checkout/fleet.yaml', 'fleet/cart/values-prod.yaml', 'fleet/checkout/rollout.yaml']) await openFile(page, f);
  await showProblems(page);
  await waitFor(async () => (await problemsOf(page, 'fleet/checkout/rollout.yaml')).some((p) => p.code.includes('rollouts/analysis-arg-missing')), 60000, 'our checks on rollout.yaml');
  await page.waitForTimeout(1500);
  const codes = (await problems(page)).map((p) => p.code);
  assert.ok(!codes.some((c) => c.includes('yaml/syntax')), `our yaml/syntax steps aside: ${JSON.stringify(codes)}`);
});

step('Red Hat YAML gets our schema for the files we check, and none for plain YAML', async () => {
  const stub = JSON.parse(fs.readFileSync(stubOut, 'utf8'));
  assert.deepEqual(stub.contributors, ['fleet-rollouts'], 'one schema contributor, ours');
  const answer = (rel) => Object.entries(stub.answers).find(([uri]) => uri.endsWith(rel))?.[1];
  assert.equal(answer('fleet/checkout/fleet.yaml')?.schemaUri, 'fleetrollouts://schemas/owned.json');
  assert.equal(answer('fleet/checkout/rollout.yaml')?.schemaUri, 'fleetrollouts://schemas/owned.json');
  assert.equal(answer('fleet/cart/values-prod.yaml'), null, 'plain YAML stays with Red Hat YAML');
  assert.match(answer('fleet/checkout/fleet.yaml').content, /Checked by Fleet Rollouts/);
});

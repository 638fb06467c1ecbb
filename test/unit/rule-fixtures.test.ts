// Every rule has a failing and a passing manifest beside it (server/src/rules/<group>/<name>.{fail,pass}[.fleet].yaml).
// A failing fixture marks each line that must be flagged with a trailing `# <- <rule-id>`;
// the test asserts exactly those lines are flagged by that rule, and the passing fixture has no finding of it and no error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/rules';
import { LanguageService } from '../../server/src/language-service';
import { repoRoot } from '../helpers/paths';
import { applyTextEdits } from '../helpers/apply-edits';
import type { Inventory } from '../../server/src/engine/inventory';

/** A small hub, given to every fixture: rules that need live clusters see it, others ignore it. */
const FIXTURE_INVENTORY: Inventory = {
  clusters: [
    { context: 'hub', namespace: 'fleet-default', name: 'edge-eu-1', labels: { stage: 'canary', region: 'eu-west', tier: 'edge' } },
    { context: 'hub', namespace: 'fleet-default', name: 'edge-eu-2', labels: { stage: 'production', region: 'eu-west', tier: 'edge' } },
    { context: 'hub', namespace: 'fleet-default', name: 'edge-us-1', labels: { stage: 'production', region: 'us-east', tier: 'edge' } },
  ],
  groups: [{ context: 'hub', namespace: 'fleet-default', name: 'edge-sites', labels: {}, selector: { matchLabels: { tier: 'edge' } } }],
};

/**
 * A rule about files inside a Fleet bundle keeps the bundle's fleet.yaml beside its fixtures as
 * `<rule>.bundle.fleet.yaml`; it is opened as the fleet.yaml of the fixtures' directory.
 */
function serviceWith(uri: string, text: string): LanguageService {
  const service = new LanguageService();
  service.setInventory(FIXTURE_INVENTORY);
  const m = /^file:\/\/\/fixtures\/(.+)\/(fail|pass)\.yaml$/.exec(uri);
  const bundle = m ? path.join(rulesDir, `${m[1]}.bundle.fleet.yaml`) : undefined;
  if (bundle && fs.existsSync(bundle)) service.setFile(`file:///fixtures/${m![1]}/fleet.yaml`, fs.readFileSync(bundle, 'utf8'));
  service.setFile(uri, text);
  return service;
}

const rulesDir = path.join(repoRoot, 'server', 'src', 'rules');

function fixture(ruleId: string, kind: 'fail' | 'pass'): { file: string; uri: string } | undefined {
  for (const ext of ['.yaml', '.fleet.yaml']) {
    const file = path.join(rulesDir, `${ruleId}.${kind}${ext}`);
    // fleet.yaml rules are recognised by file name, so those fixtures are opened as <dir>/fleet.yaml.
    if (fs.existsSync(file)) return { file, uri: ext === '.fleet.yaml' ? `file:///fixtures/${ruleId}/${kind}/fleet.yaml` : `file:///fixtures/${ruleId}/${kind}.yaml` };
  }
  return undefined;
}

function expectedLines(text: string, ruleId: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    const marks = [...line.matchAll(/# <- ([\w/-]+)/g)].map((m) => m[1]);
    if (marks.includes(ruleId)) lines.push(i);
  });
  return lines;
}

for (const rule of ALL_RULES) {
  test(`${rule.id}: rule file, id and fixtures agree`, () => {
    assert.ok(fs.existsSync(path.join(rulesDir, `${rule.id}.ts`)), `rule ${rule.id} must live in server/src/rules/${rule.id}.ts`);
    assert.ok(rule.upstream.length > 10, 'rule cites its upstream basis');
    assert.ok(fixture(rule.id, 'fail'), 'failing fixture exists');
    assert.ok(fixture(rule.id, 'pass'), 'passing fixture exists');
  });

  test(`${rule.id}: failing fixture is flagged exactly on the marked lines`, () => {
    const f = fixture(rule.id, 'fail')!;
    const text = fs.readFileSync(f.file, 'utf8');
    const service = serviceWith(f.uri, text);
    const found = service.diagnostics(f.uri).filter((d) => d.code === rule.id).map((d) => d.range.start.line);
    const expected = expectedLines(text, rule.id);
    assert.ok(expected.length > 0, 'the failing fixture marks at least one line');
    assert.deepEqual([...new Set(found)].sort((a, b) => a - b), expected, `lines flagged by ${rule.id}`);
  });

  test(`${rule.id}: passing fixture has no finding of the rule and no error`, () => {
    const f = fixture(rule.id, 'pass')!;
    const service = serviceWith(f.uri, fs.readFileSync(f.file, 'utf8'));
    const diagnostics = service.diagnostics(f.uri);
    assert.deepEqual(diagnostics.filter((d) => d.code === rule.id || d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`), []);
  });
}

// Quick fixes: applying each offered fix (the preferred one first) and re-checking must clear every
// fixable finding of the rule without adding errors elsewhere.
for (const rule of ALL_RULES) {
  const f = fixture(rule.id, 'fail');
  if (!f) continue;
  const text = fs.readFileSync(f.file, 'utf8');
  const check = (t: string) => serviceWith(f.uri, t).diagnostics(f.uri);
  const initial = check(text);
  const fixable = initial.filter((d) => d.code === rule.id && d.fixes?.length);
  if (fixable.length === 0) continue;
  test(`${rule.id}: quick fixes clear the failing fixture (${fixable.length} fixable)`, () => {
    const otherErrors = (ds: typeof initial) => ds.filter((d) => d.code !== rule.id && d.severity === 'error').length;
    let current = text;
    let diagnostics = initial;
    for (let round = 0; round < 50; round++) {
      const next = diagnostics.find((d) => d.code === rule.id && d.fixes?.length);
      if (!next) break;
      const fix = next.fixes!.find((x) => x.preferred) ?? next.fixes![0];
      assert.ok(fix.edits.every((e) => e.uri === f.uri), `fix "${fix.title}" edits only the fixture`);
      current = applyTextEdits(current, fix.edits);
      diagnostics = check(current);
      assert.ok(!diagnostics.some((d) => d.code === 'yaml/syntax'), `fix "${fix.title}" keeps the YAML valid:\n${current}`);
    }
    const unfixable = initial.filter((d) => d.code === rule.id && !d.fixes?.length).length;
    assert.equal(diagnostics.filter((d) => d.code === rule.id).length, unfixable, `after fixes:\n${current}`);
    assert.ok(otherErrors(diagnostics) <= otherErrors(initial), 'fixes add no errors of other rules');
  });
}

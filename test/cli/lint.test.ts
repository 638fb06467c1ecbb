// The CI command line as a process: formats, exit codes, paths as given, one workspace per call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: rate
spec:
  args:
    - name: service
  metrics:
    - name: m
      provider:
        prometheus:
          address: http://p:9090
          query: vector(1)
`;
const ROLLOUT = (extra = '') => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: nginx}]
  strategy:
    canary:${extra}
      steps:
        - analysis:
            templates: [{templateName: rate}]
`;

test('json: one object, 1-based positions, paths as reached from the argument; exit 1 on errors', () => {
  const dir = tree({ 'apps/rollout.yaml': ROLLOUT(), 'analysis/template.yaml': TEMPLATE, 'node_modules/x/bad.yaml': ': :', '.git/bad.yaml': ': :', 'README.md': '# not yaml' });
  const r = run(['lint', '--format', 'json', 'apps', 'analysis'], dir);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, 1);
  assert.equal(out.files, 2);
  assert.deepEqual(out.diagnostics, [
    {
      file: path.join('apps', 'rollout.yaml'),
      line: 17,
      column: 13,
      endLine: 17,
      endColumn: 22,
      severity: 'error',
      code: 'rollouts/analysis-arg-missing',
      message: out.diagnostics[0].message,
    },
  ]);
  assert.match(out.diagnostics[0].message, /args\.service was not resolved/);
});

test('text: compiler-style lines and a summary; exit 0 when only warnings', () => {
  const dir = tree({ 'rollout.yaml': ROLLOUT() });
  const r = run(['lint', 'rollout.yaml'], dir);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^rollout\.yaml:17:40: warning AnalysisTemplate 'rate' not found\..* \[rollouts\/analysis-template-not-found\]$/);
  assert.equal(lines[lines.length - 1], '0 errors, 1 warning, 0 infos in 1 file');
});

test('clean input: exit 0 and an empty diagnostics list', () => {
  const dir = tree({ 'ok.yaml': TEMPLATE.replace('    - name: service\n', '    - name: service\n      value: web\n') + '---\n' + ROLLOUT() });
  const r = run(['lint', '--format=json', '.'], dir);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { version: 1, files: 1, diagnostics: [] });
});

test('sarif: SARIF 2.1.0 with rules, levels and relative locations', () => {
  const dir = tree({ 'deploy/rollout.yaml': ROLLOUT('\n      maxSurge: 0\n      maxUnavailable: "0%"') });
  const r = run(['lint', '--format', 'sarif', 'deploy'], dir);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'fleet-rollouts');
  const ids = run0.tool.driver.rules.map((x: any) => x.id);
  assert.deepEqual(ids, ['rollouts/analysis-template-not-found', 'rollouts/max-surge-unavailable-zero']);
  for (const rule of run0.tool.driver.rules) {
    assert.ok(rule.shortDescription.text.length > 10);
    assert.match(rule.helpUri, /^file:\/\/.*rules\.md#/);
  }
  const levels = run0.results.map((x: any) => [x.ruleId, x.level, run0.tool.driver.rules[x.ruleIndex].id]);
  assert.deepEqual(levels.sort(), [
    ['rollouts/analysis-template-not-found', 'warning', 'rollouts/analysis-template-not-found'],
    ['rollouts/max-surge-unavailable-zero', 'error', 'rollouts/max-surge-unavailable-zero'],
  ]);
  const loc = run0.results[0].locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'deploy/rollout.yaml');
  assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
  assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
});

test('usage errors and unreadable paths exit 2 with a message on stderr', () => {
  const dir = tree({});
  for (const args of [['lint'], ['lint', '--format', 'xml', '.'], ['lint', '--bogus', '.'], ['frobnicate'], []]) {
    const r = run(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
    assert.ok(r.stderr.length > 0);
    assert.equal(r.stdout, '');
  }
  const missing = run(['lint', 'nope/'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read nope\/: no such file or directory/);
});

test('bad files are reported one by one and the rest is still checked', () => {
  const dir = tree({
    'a-binary.yaml': Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]),
    'b-latin1.yaml': Buffer.from('kind: Service\nmetadata:\n  name: caf\xe9\n', 'latin1'),
    'c-bomb.yaml': 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    'd-empty.yaml': '',
    'e-rollout.yaml': ROLLOUT('\n      maxSurge: 0\n      maxUnavailable: 0'),
  });
  const r = run(['lint', '--format', 'json', '.'], dir);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.files, 5);
  const byFile = (f: string) => out.diagnostics.filter((d: any) => d.file === f).map((d: any) => d.code);
  assert.deepEqual(byFile('a-binary.yaml'), ['file/unreadable']);
  assert.deepEqual(byFile('b-latin1.yaml'), ['file/unreadable']);
  assert.match(out.diagnostics.find((d: any) => d.file === 'b-latin1.yaml').message, /not valid UTF-8 \(first invalid byte at offset 35\)/);
  assert.deepEqual(byFile('c-bomb.yaml'), ['yaml/alias-limit']);
  assert.deepEqual(byFile('d-empty.yaml'), []);
  assert.ok(byFile('e-rollout.yaml').includes('rollouts/max-surge-unavailable-zero'));
});

test('--help and --version', () => {
  const dir = tree({});
  const help = run(['--help'], dir);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: fleet-rollouts lint \[--format text\|json\|sarif\] \[--config FILE\] PATH\.\.\./);
  const version = run(['--version'], dir);
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
});

test('.fleet-rollouts.yaml sets rule severities for the run; problems in it are reported on stderr', () => {
  const dir = tree({
    '.fleet-rollouts.yaml': 'rules:\n  rollouts/analysis-template-not-found: error\n  yaml/duplicate-key: off\n  no/such-rule: warning\n',
    'apps/rollout.yaml': ROLLOUT(),
  });
  const r = run(['lint', '--format', 'json', '.'], path.join(dir, 'apps'));
  assert.equal(r.code, 1, 'the warning became an error');
  assert.deepEqual(JSON.parse(r.stdout).diagnostics.map((d: any) => [d.code, d.severity]), [['rollouts/analysis-template-not-found', 'error']]);
  assert.match(r.stderr, /unknown rule 'no\/such-rule'/);
  const explicit = tree({ 'cfg.yaml': 'rules:\n  rollouts/analysis-template-not-found: off\n', 'rollout.yaml': ROLLOUT() });
  const r2 = run(['lint', '--config', 'cfg.yaml', '--format', 'json', 'rollout.yaml'], explicit);
  assert.equal(r2.code, 0);
  assert.deepEqual(JSON.parse(r2.stdout).diagnostics, []);
});

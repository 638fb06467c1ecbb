// `fleet-rollouts get rollout|experiment` and `status` as a process on the plugin's own scenarios
// (info/testdata, loaded and time-shifted as upstream's testdata.go does, argo-rollouts.md §4.8).
// The expected texts are the goldens of upstream pkg/kubectl-argo-rollouts/cmd/get/get_test.go and
// cmd/status/status_test.go, compared as upstream compares them (trailing spaces stripped per line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { repoRoot } from '../helpers/paths';
import { loadScenario, NOW, NOW_MS, rfc3339, stripTrailingWhitespace, TESTDATA, writeScenario, writeScenarioAsList, type Scenario, type ScenarioObjects } from '../unit/status-testdata';

const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, FLEET_ROLLOUTS_NOW: NOW, TERM: 'xterm', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dirs = new Map<Scenario, string>();
function scenarioDir(s: Scenario): string {
  if (!dirs.has(s)) dirs.set(s, writeScenario(loadScenario(s)));
  return dirs.get(s)!;
}

/** `strings.TrimPrefix(<golden>, "\n")` of the upstream test. */
const golden = (s: string) => s.replace(/^\n/, '');

function assertGolden(args: string[], dir: string, expected: string) {
  const r = run([...args, '--from', dir, '--no-color']);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(stripTrailingWhitespace(r.stdout), stripTrailingWhitespace(golden(expected)));
}

test('TestGetBlueGreenRollout', () => {
  assertGolden(
    ['get', 'rollout', 'bluegreen-demo'],
    scenarioDir('blue-green'),
    `
Name:            bluegreen-demo
Namespace:       jesse-test
Status:          ॥ Paused
Message:         BlueGreenPause
Strategy:        BlueGreen
Images:          argoproj/rollouts-demo:blue (stable, active)
                 argoproj/rollouts-demo:green (preview)
Replicas:
  Desired:       3
  Current:       6
  Updated:       3
  Ready:         6
  Available:     3

NAME                                        KIND        STATUS        AGE  INFO
⟳ bluegreen-demo                            Rollout     ॥ Paused      7d
├──# revision:11
│  └──⧉ bluegreen-demo-74b948fccb           ReplicaSet  ✔ Healthy     7d   preview
│     ├──□ bluegreen-demo-74b948fccb-5jz59  Pod         ✔ Running     7d   ready:1/1
│     ├──□ bluegreen-demo-74b948fccb-mkhrl  Pod         ✔ Running     7d   ready:1/1
│     └──□ bluegreen-demo-74b948fccb-vvj2t  Pod         ✔ Running     7d   ready:1/1
├──# revision:10
│  └──⧉ bluegreen-demo-6cbccd9f99           ReplicaSet  ✔ Healthy     7d   stable,active
│     ├──□ bluegreen-demo-6cbccd9f99-gk78v  Pod         ✔ Running     7d   ready:1/1
│     ├──□ bluegreen-demo-6cbccd9f99-kxj8g  Pod         ✔ Running     7d   ready:1/1
│     └──□ bluegreen-demo-6cbccd9f99-t2d4f  Pod         ✔ Running     7d   ready:1/1
└──# revision:8
   └──⧉ bluegreen-demo-746d5fddf6           ReplicaSet  • ScaledDown  7d
`,
  );
});

/** ReplicaSets[2] (preview-rs.yaml) gets a scale-down deadline and loses its hash label. */
function withDeadline(deltaMs: number): string {
  const objs = loadScenario('blue-green');
  const rs = objs.ReplicaSets[2];
  assert.equal(rs.metadata.name, 'bluegreen-demo-74b948fccb');
  rs.metadata.annotations['scale-down-deadline'] = rfc3339(NOW_MS, deltaMs);
  delete rs.metadata.labels['rollouts-pod-template-hash'];
  return writeScenario(objs);
}

test('TestGetBlueGreenRolloutScaleDownDelay', () => {
  assertGolden(
    ['get', 'rollout', 'bluegreen-demo'],
    withDeadline(4 * 3600 * 1000),
    `
Name:            bluegreen-demo
Namespace:       jesse-test
Status:          ॥ Paused
Message:         BlueGreenPause
Strategy:        BlueGreen
Images:          argoproj/rollouts-demo:blue (stable, active)
                 argoproj/rollouts-demo:green
Replicas:
  Desired:       3
  Current:       6
  Updated:       3
  Ready:         6
  Available:     3

NAME                                        KIND        STATUS        AGE  INFO
⟳ bluegreen-demo                            Rollout     ॥ Paused      7d
├──# revision:11
│  └──⧉ bluegreen-demo-74b948fccb           ReplicaSet  ✔ Healthy     7d   delay:3h59m
│     ├──□ bluegreen-demo-74b948fccb-5jz59  Pod         ✔ Running     7d   ready:1/1
│     ├──□ bluegreen-demo-74b948fccb-mkhrl  Pod         ✔ Running     7d   ready:1/1
│     └──□ bluegreen-demo-74b948fccb-vvj2t  Pod         ✔ Running     7d   ready:1/1
├──# revision:10
│  └──⧉ bluegreen-demo-6cbccd9f99           ReplicaSet  ✔ Healthy     7d   stable,active
│     ├──□ bluegreen-demo-6cbccd9f99-gk78v  Pod         ✔ Running     7d   ready:1/1
│     ├──□ bluegreen-demo-6cbccd9f99-kxj8g  Pod         ✔ Running     7d   ready:1/1
│     └──□ bluegreen-demo-6cbccd9f99-t2d4f  Pod         ✔ Running     7d   ready:1/1
└──# revision:8
   └──⧉ bluegreen-demo-746d5fddf6           ReplicaSet  • ScaledDown  7d
`,
  );
});

test('TestGetBlueGreenRolloutScaleDownDelayPassed', () => {
  assertGolden(
    ['get', 'rollout', 'bluegreen-demo'],
    withDeadline(-3600 * 1000),
    `
Name:            bluegreen-demo
Namespace:       jesse-test
Status:          ॥ Paused
Message:         BlueGreenPause
Strategy:        BlueGreen
Images:          argoproj/rollouts-demo:blue (stable, active)
                 argoproj/rollouts-demo:green
Replicas:
  Desired:       3
  Current:       6
  Updated:       3
  Ready:         6
  Available:     3

NAME                                        KIND        STATUS        AGE  INFO
⟳ bluegreen-demo                            Rollout     ॥ Paused      7d
├──# revision:11
│  └──⧉ bluegreen-demo-74b948fccb           ReplicaSet  ✔ Healthy     7d   delay:passed
│     ├──□ bluegreen-demo-74b948fccb-5jz59  Pod         ✔ Running     7d   ready:1/1
│     ├──□ bluegreen-demo-74b948fccb-mkhrl  Pod         ✔ Running     7d   ready:1/1
│     └──□ bluegreen-demo-74b948fccb-vvj2t  Pod         ✔ Running     7d   ready:1/1
├──# revision:10
│  └──⧉ bluegreen-demo-6cbccd9f99           ReplicaSet  ✔ Healthy     7d   stable,active
│     ├──□ bluegreen-demo-6cbccd9f99-gk78v  Pod         ✔ Running     7d   ready:1/1
│     ├──□ bluegreen-demo-6cbccd9f99-kxj8g  Pod         ✔ Running     7d   ready:1/1
│     └──□ bluegreen-demo-6cbccd9f99-t2d4f  Pod         ✔ Running     7d   ready:1/1
└──# revision:8
   └──⧉ bluegreen-demo-746d5fddf6           ReplicaSet  • ScaledDown  7d
`,
  );
});

test('TestGetCanaryRollout', () => {
  assertGolden(
    ['get', 'rollout', 'canary-demo'],
    scenarioDir('canary'),
    `
Name:            canary-demo
Namespace:       jesse-test
Status:          ✖ Degraded
Message:         ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.
Strategy:        Canary
  Step:          0/8
  SetWeight:     20
  ActualWeight:  0
Images:          argoproj/rollouts-demo:does-not-exist (canary)
                 argoproj/rollouts-demo:green (stable)
Replicas:
  Desired:       5
  Current:       6
  Updated:       1
  Ready:         5
  Available:     5

NAME                                     KIND        STATUS              AGE  INFO
⟳ canary-demo                            Rollout     ✖ Degraded          7d
├──# revision:31
│  └──⧉ canary-demo-65fb5ffc84           ReplicaSet  ◌ Progressing       7d   canary
│     └──□ canary-demo-65fb5ffc84-9wf5r  Pod         ⚠ ImagePullBackOff  7d   ready:0/1
├──# revision:30
│  └──⧉ canary-demo-877894d5b            ReplicaSet  ✔ Healthy           7d   stable
│     ├──□ canary-demo-877894d5b-6jfpt   Pod         ✔ Running           7d   ready:1/1
│     ├──□ canary-demo-877894d5b-7jmqw   Pod         ✔ Running           7d   ready:1/1
│     ├──□ canary-demo-877894d5b-j8g2b   Pod         ✔ Running           7d   ready:1/1
│     ├──□ canary-demo-877894d5b-jw5qm   Pod         ✔ Running           7d   ready:1/1
│     └──□ canary-demo-877894d5b-kh7x4   Pod         ✔ Running           7d   ready:1/1
└──# revision:29
   └──⧉ canary-demo-859c99b45c           ReplicaSet  • ScaledDown        7d
`,
  );
});

test('TestGetCanaryPingPongRollout', () => {
  assertGolden(
    ['get', 'rollout', 'canary-demo-pingpong'],
    scenarioDir('canary'),
    `
Name:            canary-demo-pingpong
Namespace:       jesse-test
Status:          ✖ Degraded
Message:         ProgressDeadlineExceeded: ReplicaSet "canary-demo-65fb5ffc84" has timed out progressing.
Strategy:        Canary
  Step:          0/8
  SetWeight:     20
  ActualWeight:  0
Images:          argoproj/rollouts-demo:does-not-exist (canary, ping)
                 argoproj/rollouts-demo:green (stable, pong)
Replicas:
  Desired:       5
  Current:       6
  Updated:       1
  Ready:         5
  Available:     5

NAME                                     KIND        STATUS              AGE  INFO
⟳ canary-demo-pingpong                   Rollout     ✖ Degraded          7d
├──# revision:31
│  └──⧉ canary-demo-65fb5ffc84           ReplicaSet  ◌ Progressing       7d   canary,ping
│     └──□ canary-demo-65fb5ffc84-9wf5r  Pod         ⚠ ImagePullBackOff  7d   ready:0/1
├──# revision:30
│  └──⧉ canary-demo-877894d5b            ReplicaSet  ✔ Healthy           7d   stable,pong
│     ├──□ canary-demo-877894d5b-6jfpt   Pod         ✔ Running           7d   ready:1/1
│     ├──□ canary-demo-877894d5b-7jmqw   Pod         ✔ Running           7d   ready:1/1
│     ├──□ canary-demo-877894d5b-j8g2b   Pod         ✔ Running           7d   ready:1/1
│     ├──□ canary-demo-877894d5b-jw5qm   Pod         ✔ Running           7d   ready:1/1
│     └──□ canary-demo-877894d5b-kh7x4   Pod         ✔ Running           7d   ready:1/1
└──# revision:29
   └──⧉ canary-demo-859c99b45c           ReplicaSet  • ScaledDown        7d
`,
  );
});

test('TestExperimentRollout', () => {
  assertGolden(
    ['get', 'rollout', 'rollout-experiment-analysis'],
    scenarioDir('experiment-analysis'),
    `
Name:            rollout-experiment-analysis
Namespace:       jesse-test
Status:          ✖ Degraded
Message:         ProgressDeadlineExceeded: ReplicaSet "rollout-experiment-analysis-6f646bf7b7" has timed out progressing.
Strategy:        Canary
  Step:          1/2
  SetWeight:     25
  ActualWeight:  25
Images:          argoproj/rollouts-demo:blue (stable)
                 argoproj/rollouts-demo:yellow (canary)
Replicas:
  Desired:       4
  Current:       4
  Updated:       1
  Ready:         4
  Available:     4

NAME                                                                           KIND         STATUS          AGE  INFO
⟳ rollout-experiment-analysis                                                  Rollout      ✖ Degraded      7d
├──# revision:2
│  ├──⧉ rollout-experiment-analysis-6f646bf7b7                                 ReplicaSet   ✔ Healthy       7d   canary
│  │  └──□ rollout-experiment-analysis-6f646bf7b7-wn5w8                        Pod          ✔ Running       7d   ready:1/1
│  ├──Σ rollout-experiment-analysis-6f646bf7b7-1-vcv27                         Experiment   ◌ Running       7d
│  │  ├──⧉ rollout-experiment-analysis-6f646bf7b7-1-vcv27-baseline-7d768b8b5f  ReplicaSet   ✔ Healthy       7d
│  │  │  └──□ rollout-experiment-analysis-6f646bf7b7-1-vcv27-baseline-7dczdst  Pod          ✔ Running       7d   ready:1/1
│  │  └──⧉ rollout-experiment-analysis-6f646bf7b7-1-vcv27-canary-7699dcf5d     ReplicaSet   ✔ Healthy       7d
│  │     └──□ rollout-experiment-analysis-6f646bf7b7-1-vcv27-canary-7699vgr24  Pod          ✔ Running       7d   ready:1/1
│  └──α rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr               AnalysisRun  ? Inconclusive  7d   ✔ 4,✖ 4,? 1,⚠ 1
│     ├──⊞ rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-rzl6lt     Job          ✖ Failed        7d
│     ├──⊞ rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-r8lqpd     Job          ✔ Successful    7d
│     ├──⊞ rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-rjjsgg     Job          ✔ Successful    7d
│     ├──⊞ rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-rrnfj5     Job          ✖ Failed        7d
│     ├──⊞ rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-rx5kqk     Job          ✖ Failed        7d
│     ├──⊞ rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-rp894b     Job          ✔ Successful    7d
│     ├──⊞ rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-rmngtj     Job          ✖ Failed        7d
│     └──⊞ rollout-experiment-analysis-random-fail-6f646bf7b7-skqcr-rsxm69     Job          ✔ Successful    7d
└──# revision:1
   └──⧉ rollout-experiment-analysis-f6db98dff                                  ReplicaSet   ✔ Healthy       7d   stable
      ├──□ rollout-experiment-analysis-f6db98dff-8dmnz                         Pod          ✔ Running       7d   ready:1/1
      ├──□ rollout-experiment-analysis-f6db98dff-bb6v6                         Pod          ✔ Running       7d   ready:1/1
      └──□ rollout-experiment-analysis-f6db98dff-bq55x                         Pod          ✔ Running       7d   ready:1/1
`,
  );
});

test('TestGetExperiment', () => {
  assertGolden(
    ['get', 'experiment', 'rollout-experiment-analysis-6f646bf7b7-1-vcv27'],
    scenarioDir('experiment-analysis'),
    `
Name:            rollout-experiment-analysis-6f646bf7b7-1-vcv27
Namespace:       jesse-test
Status:          ◌ Running
Images:          argoproj/rollouts-demo:blue
                 argoproj/rollouts-demo:yellow

NAME                                                                     KIND        STATUS     AGE  INFO
Σ rollout-experiment-analysis-6f646bf7b7-1-vcv27                         Experiment  ◌ Running  7d
├──⧉ rollout-experiment-analysis-6f646bf7b7-1-vcv27-baseline-7d768b8b5f  ReplicaSet  ✔ Healthy  7d
│  └──□ rollout-experiment-analysis-6f646bf7b7-1-vcv27-baseline-7dczdst  Pod         ✔ Running  7d   ready:1/1
└──⧉ rollout-experiment-analysis-6f646bf7b7-1-vcv27-canary-7699dcf5d     ReplicaSet  ✔ Healthy  7d
   └──□ rollout-experiment-analysis-6f646bf7b7-1-vcv27-canary-7699vgr24  Pod         ✔ Running  7d   ready:1/1
`,
  );
});

test('TestGetRolloutWithExperimentJob', () => {
  assertGolden(
    ['get', 'rollout', 'canary-demo'],
    scenarioDir('experiment-step'),
    `
Name:            canary-demo
Namespace:       jesse-test
Status:          ◌ Progressing
Message:         more replicas need to be updated
Strategy:        Canary
  Step:          0/1
  SetWeight:     0
  ActualWeight:  0
Images:          argoproj/rollouts-demo:blue (Σ:canary-preview)
                 argoproj/rollouts-demo:green (stable)
Replicas:
  Desired:       5
  Current:       5
  Updated:       0
  Ready:         5
  Available:     5

NAME                                                           KIND         STATUS         AGE  INFO
⟳ canary-demo                                                  Rollout      ◌ Progressing  7d
├──# revision:2
│  ├──⧉ canary-demo-645d5dbc4c                                 ReplicaSet   • ScaledDown   7d   canary
│  └──Σ canary-demo-645d5dbc4c-2-0                             Experiment   ◌ Running      7d
│     ├──⧉ canary-demo-645d5dbc4c-2-0-canary-preview           ReplicaSet   ✔ Healthy      7d
│     │  └──□ canary-demo-645d5dbc4c-2-0-canary-preview-zmmvz  Pod          ✔ Running      7d   ready:1/1
│     └──α canary-demo-645d5dbc4c-2-0-stress-test              AnalysisRun  ◌ Running      7d
│        └──⊞ 4e2d824d-01af-11ea-b38c-42010aa80083.stress.1    Job          ◌ Running      7d
└──# revision:1
   └──⧉ canary-demo-877894d5b                                  ReplicaSet   ✔ Healthy      7d   stable
      ├──□ canary-demo-877894d5b-n6xqz                         Pod          ✔ Running      7d   ready:1/1
      ├──□ canary-demo-877894d5b-nlmj9                         Pod          ✔ Running      7d   ready:1/1
      ├──□ canary-demo-877894d5b-txgs5                         Pod          ✔ Running      7d   ready:1/1
      ├──□ canary-demo-877894d5b-wfqqr                         Pod          ✔ Running      7d   ready:1/1
      └──□ canary-demo-877894d5b-zhh6x                         Pod          ✔ Running      7d   ready:1/1
`,
  );
});

const INVALID = `
Name:            rollout-invalid
Namespace:       default
Status:          ✖ Degraded
Message:         InvalidSpec: The Rollout "rollout-invalid" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"doesnt-match"}: \`selector\` does not match template \`labels\`
Strategy:        Canary
  Step:
  SetWeight:     100
  ActualWeight:  100
Replicas:
  Desired:       1
  Current:       0
  Updated:       0
  Ready:         0
  Available:     0

NAME               KIND     STATUS      AGE  INFO
⟳ rollout-invalid  Rollout  ✖ Degraded  7d
`;

test('TestGetInvalidRollout', () => {
  assertGolden(['get', 'rollout', 'rollout-invalid'], scenarioDir('rollout-invalid'), INVALID);
});

test('TestGetAbortedRollout', () => {
  assertGolden(
    ['get', 'rollout', 'rollout-background-analysis'],
    scenarioDir('rollout-aborted'),
    `
Name:            rollout-background-analysis
Namespace:       default
Status:          ✖ Degraded
Message:         RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)
Strategy:        Canary
  Step:          0/2
  SetWeight:     0
  ActualWeight:  0
Images:          argoproj/rollouts-demo:blue (stable)
Replicas:
  Desired:       1
  Current:       1
  Updated:       0
  Ready:         1
  Available:     1

NAME                                                     KIND         STATUS        AGE  INFO
⟳ rollout-background-analysis                            Rollout      ✖ Degraded    7d
├──# revision:2
│  ├──⧉ rollout-background-analysis-db976bc44            ReplicaSet   • ScaledDown  7d   canary
│  └──α rollout-background-analysis-db976bc44-2          AnalysisRun  ✖ Failed      7d   ✖ 1
└──# revision:1
   └──⧉ rollout-background-analysis-7d84d44bb8           ReplicaSet   ✔ Healthy     7d   stable
      └──□ rollout-background-analysis-7d84d44bb8-z5wps  Pod          ✔ Running     7d   ready:1/1
`,
  );
});

test('raw bytes: the tabwriter leaves trailing spaces in empty last cells, like the plugin', () => {
  const r = run(['get', 'rollout', 'rollout-invalid', '--from', scenarioDir('rollout-invalid'), '--no-color']);
  // `%-17s` with an empty Step, and the AGE column (width 3 + padding 2) before an empty INFO.
  assert.ok(r.stdout.includes('\n  Step:          \n'));
  assert.ok(r.stdout.endsWith('NAME               KIND     STATUS      AGE  INFO\n⟳ rollout-invalid  Rollout  ✖ Degraded  7d   \n'));
});

test('a `kubectl get -o yaml` List dump renders the same as one file per object', () => {
  const objs = loadScenario('experiment-analysis');
  const fromList = run(['get', 'rollout', 'rollout-experiment-analysis', '--from', writeScenarioAsList(objs), '--no-color']);
  const fromFiles = run(['get', 'rollout', 'rollout-experiment-analysis', '--from', scenarioDir('experiment-analysis'), '--no-color']);
  assert.equal(fromList.code, 0);
  assert.equal(fromList.stdout, fromFiles.stdout);
  // JSON too (`kubectl get -o json`).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-status-json-'));
  fs.writeFileSync(path.join(dir, 'dump.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...objs.files.keys()] }, null, 2));
  assert.equal(run(['get', 'rollout', 'rollout-experiment-analysis', '--from', dir, '--no-color']).stdout, fromFiles.stdout);
});

test('colors: ANSI codes as the plugin writes them; without them the text is the --no-color text', () => {
  const dir = scenarioDir('blue-green');
  const colored = run(['get', 'rollout', 'bluegreen-demo', '--from', dir]);
  const plain = run(['get', 'rollout', 'bluegreen-demo', '--from', dir, '--no-color']);
  assert.equal(colored.code, 0);
  assert.ok(colored.stdout.includes('Status:          \x1b[0m॥\x1b[0m Paused\n'), 'unmapped icons are wrapped with code 0');
  assert.ok(colored.stdout.includes('argoproj/rollouts-demo:blue (\x1b[32mstable\x1b[0m, \x1b[32mactive\x1b[0m)'));
  assert.ok(colored.stdout.includes('⧉ \x1b[32m\x1b[32mbluegreen-demo-6cbccd9f99\x1b[0m\x1b[0m'), 'stable then active: nested');
  assert.ok(colored.stdout.includes('\x1b[32m✔\x1b[0m Running'));
  assert.ok(colored.stdout.includes('\x1b[94mpreview\x1b[0m'));
  assert.equal(colored.stdout.replace(/\x1b\[[0-9;]*m/g, ''), plain.stdout, 'escape sequences take no column width');
  assert.equal(run(['get', 'rollout', 'bluegreen-demo', '--from', dir], { TERM: 'dumb' }).stdout, plain.stdout);
});

test('not found: the plugin error on stderr, nothing on stdout, exit 1 (TestRolloutNotFound)', () => {
  for (const args of [['get', 'rollout', 'does-not-exist'], ['get', 'rollout', 'does-not-exist', '-w'], ['status', 'does-not-exist', '--watch=false'], ['status', 'does-not-exist']]) {
    const r = run([...args, '--from', scenarioDir('blue-green')]);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Error: rollout.argoproj.io "does-not-exist" not found\n');
  }
  const exp = run(['get', 'experiment', 'nope', '--from', scenarioDir('blue-green')]);
  assert.equal(exp.stderr, 'Error: experiment.argoproj.io "nope" not found\n');
  assert.equal(exp.code, 1);
});

test('workloadRef: the plugin looks up a Deployment of that name whatever the kind', () => {
  const dir = scenarioDir('canary');
  const missing = run(['get', 'rollout', 'canary-demo-workloadRef', '--from', dir, '--no-color']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'Error: deployment.apps "canary-demo-65fb5ffc84" not found\n');
  const found = run(['get', 'rollout', 'canary-demo-workloadRef-deploy', '--from', dir, '--no-color']);
  assert.equal(found.code, 0);
  assert.ok(found.stdout.startsWith('Name:            canary-demo-workloadRef-deploy\n'));
});

test('namespaces: -n selects, objects of other namespaces are ignored', () => {
  const objs = loadScenario('rollout-invalid');
  const copy: ScenarioObjects = { ...objs, files: new Map(objs.files) };
  const other = structuredClone(objs.Rollouts[0]);
  other.metadata.namespace = 'other';
  copy.files.set(other, 'zz-other.yaml');
  const dir = writeScenario(copy);
  const ambiguous = run(['get', 'rollout', 'rollout-invalid', '--from', dir, '--no-color']);
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /in several namespaces .*\(default, other\): choose one with -n/);
  const chosen = run(['get', 'rollout', 'rollout-invalid', '-n', 'other', '--from', dir, '--no-color']);
  assert.equal(chosen.code, 0);
  assert.ok(chosen.stdout.startsWith('Name:            rollout-invalid\nNamespace:       other\n'));
  assert.equal(run(['get', 'rollout', 'rollout-invalid', '--namespace=nope', '--from', dir]).stderr, 'Error: rollout.argoproj.io "rollout-invalid" not found\n');
});

test('TestStatusBlueGreenRollout / TestStatusInvalidRollout / TestStatusAbortedRollout (--watch=false)', () => {
  const bg = run(['status', 'bluegreen-demo', '--watch=false', '--from', scenarioDir('blue-green')]);
  assert.deepEqual([bg.code, bg.stdout, bg.stderr], [0, 'Paused - BlueGreenPause\n', '']);
  const invalid = run(['status', 'rollout-invalid', '--watch=false', '--from', scenarioDir('rollout-invalid')]);
  assert.equal(invalid.code, 1);
  assert.equal(invalid.stdout, 'Degraded\n');
  assert.equal(
    invalid.stderr,
    'Error: The rollout is in a degraded state with message: InvalidSpec: The Rollout "rollout-invalid" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"doesnt-match"}: `selector` does not match template `labels`\n',
  );
  const aborted = run(['status', 'rollout-background-analysis', '--watch=false', '--from', scenarioDir('rollout-aborted')]);
  assert.equal(aborted.code, 1);
  assert.equal(aborted.stdout, 'Degraded\n');
  assert.equal(aborted.stderr, 'Error: The rollout is in a degraded state with message: RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)\n');
  // A saved dump does not change: without -w, status prints once (as --watch=false does).
  assert.equal(run(['status', 'bluegreen-demo', '--from', scenarioDir('blue-green')]).stdout, 'Paused - BlueGreenPause\n');
  assert.equal(run(['status', 'canary-demo', '--from', scenarioDir('experiment-step')]).stdout, 'Progressing - more replicas need to be updated\n');
});

test('TestWatchAbortedRollout: watching a Degraded rollout prints `<phase> - <message>` and fails', () => {
  const r = run(['status', 'rollout-background-analysis', '--watch', '--from', scenarioDir('rollout-aborted')]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'Degraded - RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)\n');
  assert.equal(r.stderr, 'Error: The rollout is in a degraded state with message: RolloutAborted: metric "web" assessed Failed due to failed (1) > failureLimit (0)\n');
});

test('TestWatchTimeoutRollout: --timeout=1s on a paused rollout', () => {
  const r = run(['status', 'bluegreen-demo', '-w', '--timeout=1s', '--from', scenarioDir('blue-green')]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'Paused - BlueGreenPause\n');
  assert.equal(r.stderr, 'Error: Rollout status watch exceeded timeout\n');
});

test('status --watch follows files rewritten in the directory until Healthy', async () => {
  const objs = loadScenario('rollout-invalid');
  const ro = objs.Rollouts[0];
  ro.status = { replicas: 1, updatedReplicas: 0, availableReplicas: 0, observedGeneration: String(ro.metadata.generation ?? 0) };
  const dir = writeScenario(objs);
  const child = spawn(process.execPath, [cli, 'status', 'rollout-invalid', '-w', '-t', '20s', '--from', dir], { env: { ...process.env, FLEET_ROLLOUTS_NOW: NOW } });
  let stdout = '';
  let stderr = '';
  let firstLine!: () => void;
  const printed = new Promise<void>((resolve) => (firstLine = resolve));
  child.stdout.on('data', (d) => {
    stdout += d;
    firstLine();
  });
  child.stderr.on('data', (d) => (stderr += d));
  // The first line is written just before the directory watch starts, in the same tick.
  await printed;
  ro.status = { replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1, stableRS: 'h', currentPodHash: 'h', observedGeneration: String(ro.metadata.generation ?? 0) };
  fs.writeFileSync(path.join(dir, objs.files.get(ro)!), stringify(ro));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(stderr, '');
  assert.equal(stdout, 'Progressing - more replicas need to be updated\nHealthy\n');
  assert.equal(code, 0);
});

test('get --watch redraws with the plugin clear sequence and stops at --timeout-seconds', () => {
  const r = run(['get', 'rollout', 'rollout-invalid', '-w', '--timeout-seconds', '1', '--no-color', '--from', scenarioDir('rollout-invalid')]);
  assert.equal(r.code, 0);
  assert.ok(r.stdout.startsWith('\x1b[H\x1b[2J\x1b[0;0HName:            rollout-invalid\n'));
  assert.equal(stripTrailingWhitespace(r.stdout.split('\x1b[H\x1b[2J\x1b[0;0H')[1]), stripTrailingWhitespace(golden(INVALID)));
});

test('live clusters: a context missing from the kubeconfig, or no current context, is an error (exit 1); --from with --context exits 2', () => {
  const kubeconfig = path.join(os.tmpdir(), `fleet-rollouts-no-kubeconfig-${process.pid}`);
  const r = run(['get', 'rollout', 'x', '--context', 'prod-eu-1'], { KUBECONFIG: kubeconfig });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Error: context "prod-eu-1" does not exist in the kubeconfig\n');
  const none = run(['status', 'x'], { KUBECONFIG: kubeconfig });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /^Error: no current kubeconfig context \(.*\): choose one with --context, or read saved objects with --from DIR\n$/);
  assert.equal(run(['get', 'rollout', 'x', '--context', 'a', '--from', TESTDATA]).code, 2);
});

test('usage errors exit 2; --help prints the usage', () => {
  for (const args of [['get'], ['get', 'rollout'], ['get', 'pods', 'x'], ['status'], ['get', 'rollout', 'a', 'b', '--from', '.'], ['status', 'x', '--timeout', 'soon', '--from', '.'], ['get', 'rollout', 'x', '--bogus']]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^fleet-rollouts (get|status): .*\n\nUsage: fleet-rollouts get rollout NAME/, args.join(' '));
  }
  const missingDir = run(['get', 'rollout', 'x', '--from', path.join(os.tmpdir(), 'no-such-dir-fr')]);
  assert.equal(missingDir.code, 2);
  assert.match(missingDir.stderr, /cannot read .*no-such-dir-fr: no such file or directory/);
  const help = run(['get', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: fleet-rollouts get rollout NAME/);
  assert.match(run(['--help']).stdout, /fleet-rollouts status NAME/);
});

test('ages follow FLEET_ROLLOUTS_NOW', () => {
  const dir = scenarioDir('rollout-invalid');
  const later = new Date(NOW_MS + 3 * 3600 * 1000).toISOString();
  assert.match(run(['get', 'rollout', 'rollout-invalid', '--from', dir, '--no-color'], { FLEET_ROLLOUTS_NOW: later }).stdout, /Degraded {2}7d3h/);
  assert.equal(run(['get', 'rollout', 'rollout-invalid', '--from', dir], { FLEET_ROLLOUTS_NOW: 'yesterday' }).code, 2);
});

// The plugin's status fixtures (pkg/kubectl-argo-rollouts/info/testdata/<scenario>/), loaded the
// way upstream's testdata.go `discoverObjects` loads them (argo-rollouts.md §4.8): files in name
// order, objects by kind, every creationTimestamp set to now − 7 days (truncated to seconds) and,
// for AnalysisRuns, the measurements of the first metric result started/finished at that time.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { sharedRoot } from '../helpers/paths';

export const TESTDATA = path.join(sharedRoot, 'corpus', 'argo-rollouts', 'upstream', 'pkg', 'kubectl-argo-rollouts', 'info', 'testdata');

export const SCENARIOS = ['blue-green', 'canary', 'experiment-analysis', 'experiment-step', 'rollout-aborted', 'rollout-invalid'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** A fixed "now" with a fractional second, as a real clock has (the goldens' `3h59m` depends on it). */
export const NOW = '2026-08-17T12:00:00.5Z';
export const NOW_MS = Date.parse(NOW);

type Obj = Record<string, any>;

export interface ScenarioObjects {
  Rollouts: Obj[];
  ReplicaSets: Obj[];
  Deployments: Obj[];
  Pods: Obj[];
  Experiments: Obj[];
  AnalysisRuns: Obj[];
  /** File name of every object above, for writing them back. */
  files: Map<Obj, string>;
}

/** `discoverObjects(dir)` with the clock at `nowMs`. */
export function loadScenario(scenario: Scenario, nowMs = NOW_MS): ScenarioObjects {
  const dir = path.join(TESTDATA, scenario);
  const aWeekAgo = new Date(Math.floor((nowMs - 7 * 24 * 3600 * 1000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const objs: ScenarioObjects = { Rollouts: [], ReplicaSets: [], Deployments: [], Pods: [], Experiments: [], AnalysisRuns: [], files: new Map() };
  for (const file of fs.readdirSync(dir).sort()) {
    const o = parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Obj;
    const list = ({ Rollout: objs.Rollouts, ReplicaSet: objs.ReplicaSets, Deployment: objs.Deployments, Pod: objs.Pods, Experiment: objs.Experiments, AnalysisRun: objs.AnalysisRuns } as Record<string, Obj[]>)[o.kind];
    if (!list) continue;
    o.metadata.creationTimestamp = aWeekAgo;
    if (o.kind === 'AnalysisRun') {
      for (const m of o.status.metricResults[0].measurements ?? []) {
        m.startedAt = aWeekAgo;
        m.finishedAt = aWeekAgo;
      }
    }
    list.push(o);
    objs.files.set(o, file);
  }
  return objs;
}

/** Writes the objects to a new directory, one file each under its fixture name (for `--from`). */
export function writeScenario(objs: ScenarioObjects): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-status-'));
  for (const [o, file] of objs.files) fs.writeFileSync(path.join(dir, file), stringify(o));
  return dir;
}

/** The same objects as one `kind: List` file, as `kubectl get … -o yaml` writes them. */
export function writeScenarioAsList(objs: ScenarioObjects): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-status-list-'));
  fs.writeFileSync(path.join(dir, 'dump.yaml'), stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [...objs.files.keys()] }));
  return dir;
}

/** RFC 3339 (seconds, UTC) of `nowMs + deltaMs`, truncated to the second like the upstream tests. */
export function rfc3339(nowMs: number, deltaMs: number): string {
  return new Date(Math.floor((nowMs + deltaMs) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The goldens are compared after stripping trailing spaces from every line, as upstream does. */
export function stripTrailingWhitespace(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/ +$/, ''))
    .join('\n');
}

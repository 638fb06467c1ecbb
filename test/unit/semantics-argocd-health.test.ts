// fleet-argocd.md §5.10 and §5.7: the ports of Argo CD's built-in health.lua for Rollout and
// ApplicationSet, run on the upstream testdata with the expectations of the upstream health_test.yaml
// (../shared/corpus/argocd/upstream/resource_customizations/argoproj.io/*/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { sharedRoot } from '../helpers/paths';
import { applicationHealth, applicationSetHealth, isWorse, luaToNumber, rolloutHealth } from '../../server/src/semantics/argocd/health';

const base = path.join(sharedRoot, 'corpus', 'argocd', 'upstream', 'resource_customizations', 'argoproj.io');

interface HealthCase {
  healthStatus: { status: string; message?: string };
  inputPath: string;
}

function cases(kind: string): HealthCase[] {
  return (parse(fs.readFileSync(path.join(base, kind, 'health_test.yaml'), 'utf8')) as { tests: HealthCase[] }).tests;
}

const rolloutCases = cases('Rollout');

test('§5.10 the Rollout health table lists the 24 upstream testdata objects', () => {
  assert.equal(rolloutCases.length, 24);
  const files = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.add(path.relative(path.join(base, 'Rollout'), p));
    }
  };
  walk(path.join(base, 'Rollout', 'testdata'));
  assert.deepEqual([...files].sort(), rolloutCases.map((c) => c.inputPath).sort());
});

for (const c of rolloutCases) {
  test(`§5.10 Rollout health ${c.inputPath}: ${c.healthStatus.status}${c.healthStatus.message ? ` "${c.healthStatus.message}"` : ''}`, () => {
    const obj = parse(fs.readFileSync(path.join(base, 'Rollout', c.inputPath), 'utf8'));
    assert.deepEqual(rolloutHealth(obj), { status: c.healthStatus.status, message: c.healthStatus.message ?? '' });
  });
}

for (const c of cases('ApplicationSet')) {
  test(`§5.7 ApplicationSet health ${c.inputPath}: ${c.healthStatus.status}`, () => {
    const obj = parse(fs.readFileSync(path.join(base, 'ApplicationSet', c.inputPath), 'utf8'));
    assert.deepEqual(applicationSetHealth(obj), { status: c.healthStatus.status, message: c.healthStatus.message ?? '' });
  });
}

const live = (status: Record<string, unknown>, spec: Record<string, unknown> = { replicas: 1, strategy: { canary: {} } }) => ({ metadata: { generation: 1 }, spec, status: { observedGeneration: '1', ...status } });

test('§5.10 (code reading) phase Paused maps to Suspended; an unknown phase is an invalid health status', () => {
  assert.deepEqual(rolloutHealth(live({ phase: 'Paused', message: 'CanaryPauseStep' })), { status: 'Suspended', message: 'CanaryPauseStep' });
  assert.deepEqual(rolloutHealth(live({ phase: 'Healthy' })), { status: 'Healthy', message: '' });
  assert.deepEqual(rolloutHealth(live({ phase: 'Weird' })), { status: 'Unknown', message: 'Lua returned an invalid health status' });
});

test('§5.10 (code reading) Lua runtime errors give Unknown: a legacy status without conditions, a numeric observedGeneration without metadata.generation', () => {
  assert.equal(rolloutHealth(live({ currentPodHash: 'abc' })).status, 'Unknown');
  assert.match(rolloutHealth(live({ currentPodHash: 'abc' })).message, /ipairs/);
  assert.equal(rolloutHealth({ metadata: {}, spec: {}, status: { observedGeneration: 2 } }).status, 'Unknown');
  // A non-numeric observedGeneration (v0.9 hash) always counts as observed.
  assert.deepEqual(rolloutHealth({ metadata: {}, spec: { paused: true }, status: { observedGeneration: 'abc123', conditions: [] } }), { status: 'Suspended', message: 'Rollout is paused' });
});

test('§5.10 legacy checks in order: paused, reconciled, replicas, strategy', () => {
  assert.deepEqual(rolloutHealth(live({ conditions: [], pauseConditions: [{ reason: 'CanaryPauseStep' }] })), { status: 'Suspended', message: 'Rollout is paused' });
  assert.deepEqual(rolloutHealth(live({ conditions: [] })), { status: 'Progressing', message: 'Waiting for rollout to finish: status has not been reconciled.' });
  assert.deepEqual(rolloutHealth(live({ conditions: [], currentPodHash: 'h', updatedReplicas: 1, availableReplicas: 1, stableRS: 'old' })), { status: 'Progressing', message: 'Waiting for rollout to finish steps' });
  assert.deepEqual(rolloutHealth(live({ conditions: [], currentPodHash: 'h', updatedReplicas: 1, availableReplicas: 1, blueGreen: { activeSelector: 'h' }, stableRS: 'old' }, { strategy: { blueGreen: {} } })), { status: 'Progressing', message: 'waiting for analysis to complete' });
  assert.deepEqual(rolloutHealth(live({ conditions: [{ type: 'Progressing', reason: 'RolloutAborted', message: 'aborted' }] })), { status: 'Degraded', message: 'aborted' });
  assert.deepEqual(rolloutHealth({ ...live({ phase: 'Healthy' }), metadata: { generation: 1, deletionTimestamp: '2026-01-01T00:00:00Z' } }), { status: 'Progressing', message: 'Pending deletion' });
});

test('§5.10 Application health is the worst resource health; Missing and ignored resources do not count', () => {
  assert.equal(applicationHealth([]), 'Healthy');
  assert.equal(applicationHealth([{ health: { status: 'Healthy', message: '' } }, { health: { status: 'Suspended', message: 'Rollout is paused' } }]), 'Suspended');
  assert.equal(applicationHealth([{ health: { status: 'Missing', message: '' } }, { health: { status: 'Degraded', message: '' }, ignored: true }]), 'Healthy');
  assert.equal(applicationHealth([{ health: { status: 'Progressing', message: '' } }, { health: { status: 'Degraded', message: '' } }]), 'Degraded');
  assert.ok(isWorse('Suspended', 'Progressing') && !isWorse('Degraded', 'Missing'));
});

test('§5.10 gopher-lua tonumber', () => {
  assert.equal(luaToNumber('12'), 12);
  assert.equal(luaToNumber(' 0x10 '), 16);
  assert.equal(luaToNumber('1e3'), 1000);
  assert.equal(luaToNumber('abc'), undefined);
  assert.equal(luaToNumber(undefined), undefined);
});

// The direct-waves board: Approve only where the engine accepts it, a wave waiting for a person
// drawn as waiting (not progressing), the board's words for a WavePlan's rows, and wave reasons
// clamped with an ellipsis rather than cut off.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { approveWave, decide, waitsForApproval, type TargetObservation, type WavePlan } from '../../server/src/semantics/waves';
import { buildDirectWavesBoard } from '../../client/src/board/model/direct-waves';
import { emptyDetailHint, filterPlaceholder, rowCount } from '../../client/src/board/model/wording';
import { repoRoot } from '../helpers/paths';
import { NOW, plan, record, ro, seen, twoWaves } from './waves-fixtures';

const board = (p: WavePlan, byContext: Record<string, TargetObservation>) => {
  const decision = decide({ plan: p, observations: seen(byContext), now: NOW });
  return { decision, model: buildDirectWavesBoard(p, decision, NOW) };
};

describe('Approve on the board', () => {
  const p = twoWaves([{ healthy: {} }, { approval: {} }]);
  const situations: Record<string, Record<string, TargetObservation>> = {
    'not released yet': { 'edge-eu-1': ro('held'), 'edge-us-1': ro('held') },
    'rolling out': { 'edge-eu-1': ro('progressing', { annotations: record('europe') }), 'edge-us-1': ro('held') },
    'healthy, first seen this round': { 'edge-eu-1': ro('healthy', { annotations: record('europe') }), 'edge-us-1': ro('held') },
    'waiting for approval': { 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: NOW - 60_000 }) }), 'edge-us-1': ro('held') },
    approved: { 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: NOW - 60_000, approvedBy: 'ana' }) }), 'edge-us-1': ro('held') },
  };

  test('not while the wave is still rolling out: only once its approval gate holds it', () => {
    const { model } = board(p, situations['rolling out']);
    assert.deepEqual(model.waves[0].directWave?.gates.map((g) => `${g.label}:${g.state}`), ['healthy:holding', 'approval:pending']);
    assert.equal(model.waves[0].directWave?.approvable, false);
    assert.equal(board(p, situations['waiting for approval']).model.waves[0].directWave?.approvable, true);
  });

  test('the board, the engine and the command agree in every situation', () => {
    for (const [what, byContext] of Object.entries(situations)) {
      const { decision, model } = board(p, byContext);
      const engine = approveWave(p, decision, 0, 'ana').ok;
      assert.equal(model.waves[0].directWave?.approvable, engine, what);
      assert.equal(waitsForApproval(p, decision, 0), engine, what);
      assert.equal(engine, what === 'waiting for approval' || what === 'healthy, first seen this round', what);
    }
  });
});

describe('a wave waiting for a person', () => {
  test('while its release waits for confirmation: blocked, no gate holding, the contexts named', () => {
    const p = plan({ waves: [{ name: 'europe', contexts: ['ctx-a', 'ctx-b'], gates: [{ healthy: {} }] }, { name: 'us', contexts: ['ctx-c'] }] });
    const { model } = board(p, { 'ctx-a': ro('held'), 'ctx-b': ro('held'), 'ctx-c': ro('held') });
    assert.equal(model.waves[0].phase, 'blocked');
    assert.deepEqual(model.waves[0].directWave?.gates.map((g) => g.state), ['pending']);
    assert.match(model.waves[0].reason, /waits for your confirmation to release: ctx-a\/payments, ctx-b\/payments/);
    assert.equal(model.next, model.waves[0].reason);
    assert.equal(model.directWaves?.status, 'holding');
  });

  test('for an approval, also in the round that records when the wave became Healthy', () => {
    const { decision, model } = board(twoWaves([{ healthy: {} }, { approval: {} }]), { 'edge-eu-1': ro('healthy', { annotations: record('europe') }), 'edge-us-1': ro('held') });
    assert.equal(decision.actions.length, 1, 'the round writes the gate start');
    assert.equal(model.waves[0].phase, 'blocked');
    assert.equal(model.directWaves?.status, 'holding');
  });
});

describe('words of a WavePlan board', () => {
  test('wave cards and the list count contexts, with the right plural', () => {
    assert.equal(rowCount('directWaves', 1), '1 context');
    assert.equal(rowCount('directWaves', 2), '2 contexts');
    assert.equal(rowCount('fleet', 1), '1 cluster');
    assert.equal(rowCount('fleet', 3), '3 clusters');
    assert.equal(rowCount('rollingSync', 2), '2 Applications');
  });

  test('the filter and the empty detail pane speak of what the rows are', () => {
    assert.match(filterPlaceholder('directWaves'), /^Filter contexts /);
    assert.equal(filterPlaceholder('fleet'), 'Filter clusters (name, label value, state)');
    assert.equal(filterPlaceholder('rollingSync'), 'Filter Applications (name, label value, status, Rollout)');
    assert.doesNotMatch(emptyDetailHint('directWaves'), /BundleDeployment|cluster/);
    assert.match(emptyDetailHint('directWaves'), /^Select a context .*its Rollout/);
    assert.match(emptyDetailHint('rollingSync'), /^Select an Application /);
    assert.doesNotMatch(emptyDetailHint('rollingSync'), /BundleDeployment/);
    assert.equal(emptyDetailHint('fleet'), 'Select a cluster (click, or ↑/↓ and Enter) to see its BundleDeployment, partitions, non-ready resources and canary; Escape closes. / filters.');
  });
});

test('wave reasons are clamped to whole lines with an ellipsis, not cut off mid-line', () => {
  const css = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'board', 'webview', 'board.css'), 'utf8');
  const rule = css.match(/^\.wreason\s*\{([^}]*)\}/m)?.[1] ?? '';
  const decls = new Map(rule.split(';').map((d) => d.split(':').map((x) => x.trim())).filter((d) => d.length === 2) as Array<[string, string]>);
  assert.equal(decls.get('display'), '-webkit-box');
  assert.equal(decls.get('-webkit-box-orient'), 'vertical');
  assert.match(decls.get('-webkit-line-clamp') ?? '', /^\d+$/);
  assert.equal(decls.get('overflow'), 'hidden');
  assert.equal(decls.get('max-height'), undefined, 'a max-height cuts the clamped text mid-line');
});

// Direct waves, client side without a cluster: the wave board model of a plan, the AnalysisRun a
// gate creates from its template, plan files, and the guard that keeps requests inside the plan.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, type WaveAction } from '../../server/src/semantics/waves';
import { buildDirectWavesBoard } from '../../client/src/board/model/direct-waves';
import { parseFromWebview } from '../../client/src/board/model/protocol';
import { analysisRunFromTemplate, NESTED_TEMPLATES_UNSUPPORTED } from '../../client/src/waves/analysis-run';
import { mentionsWavePlan, plansInText, problemLines } from '../../client/src/waves/plan-file';
import { NOT_IN_PLAN, sendAction } from '../../client/src/waves/send';
import { NOW, record, ro, seen, twoWaves } from './waves-fixtures';

describe('wave board model (directWaves)', () => {
  test('waves with their gates, targets as rows, the sentence as the verdict', () => {
    const plan = twoWaves();
    const decision = decide({ plan, observations: seen({ 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: NOW - 600_000 }) }), 'edge-us-1': ro('held') }), now: NOW });
    const m = buildDirectWavesBoard(plan, decision, NOW);
    assert.equal(m.mode, 'directWaves');
    assert.deepEqual(m.subject, { kind: 'WavePlan', namespace: 'payments', name: 'checkout', paused: false, revision: 'new' });
    assert.equal(m.context, 'edge-eu-1, edge-us-1');
    assert.deepEqual(m.clusters.map((c) => [c.name, c.bucket, c.target?.released]), [['edge-eu-1/payments', 'ready', true], ['edge-us-1/payments', 'waiting', false]]);
    assert.deepEqual(m.waves.map((w) => [w.name, w.phase, w.members]), [['europe', 'blocked', [0]], ['americas', 'waiting', [1]]]);
    assert.deepEqual(m.waves[0].directWave?.gates.map((g) => `${g.label}:${g.state}`), ['healthy:passed', 'bake 5m:passed', 'approval:holding']);
    assert.equal(m.waves[0].directWave?.approvable, true);
    assert.equal(m.waves[1].directWave?.approvable, false);
    assert.equal(m.next, decision.sentence);
    assert.deepEqual(m.counts, { ready: 1, updating: 0, waiting: 1, error: 0, offline: 0 });
    assert.equal(m.directWaves?.abortable, true);
  });

  test('approved and done: gates passed, nobody can approve or abort any more', () => {
    const plan = twoWaves();
    const decision = decide({
      plan,
      observations: seen({ 'edge-eu-1': ro('healthy', { annotations: record('europe', { gateStartedAt: NOW - 600_000, approvedBy: 'ana' }) }), 'edge-us-1': ro('healthy', { annotations: record('americas') }) }),
      now: NOW,
    });
    const m = buildDirectWavesBoard(plan, decision, NOW);
    assert.deepEqual(m.waves[0].directWave?.gates.map((g) => `${g.label}:${g.state}`), ['healthy:passed', 'bake 5m:passed', 'approval (ana):passed']);
    assert.deepEqual(m.waves.map((w) => w.phase), ['done', 'done']);
    assert.equal(m.directWaves?.abortable, false);
    assert.equal(m.waves[0].directWave?.approvable, false);
  });

  test('an unreachable context is an offline row with the error', () => {
    const plan = twoWaves([]);
    const m = buildDirectWavesBoard(plan, decide({ plan, observations: seen({ 'edge-eu-1': { error: 'connection refused' }, 'edge-us-1': ro('held') }), now: NOW }), NOW);
    assert.deepEqual(m.offline, [0]);
    assert.equal(m.clusters[0].message, 'connection refused');
  });

  test('the webview may ask to approve a wave by index or abort the plan, nothing else', () => {
    assert.deepEqual(parseFromWebview({ type: 'approveWave', wave: 1 }), { type: 'approveWave', wave: 1 });
    assert.equal(parseFromWebview({ type: 'approveWave', wave: -1 }), undefined);
    assert.equal(parseFromWebview({ type: 'approveWave', wave: '1' }), undefined);
    assert.deepEqual(parseFromWebview({ type: 'abortWavePlan', extra: 'ignored' }), { type: 'abortWavePlan' });
  });
});

describe('AnalysisRun of a gate', () => {
  const template = {
    metadata: { name: 'success-rate' },
    spec: {
      args: [{ name: 'service' }, { name: 'threshold', value: '0.95' }, { name: 'token', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
      metrics: [{ name: 'rate', provider: { prometheus: { query: 'q' } } }],
      dryRun: [{ metricName: 'rate' }],
    },
  };
  const gate = { kind: 'analysis' as const, templateName: 'success-rate', clusterScope: false, args: [{ name: 'service', value: 'checkout' }, { name: 'threshold', value: '0.99' }, { name: 'unknown', value: 'x' }], contexts: ['a'] };
  const id = { runName: 'checkout-europe-g0-abc', namespace: 'payments', plan: 'checkout', wave: 'europe' };

  test('metrics and dryRun copied, gate values merged over the template, undeclared args dropped, labelled with the plan', () => {
    const run = analysisRunFromTemplate(template, gate, id);
    assert.deepEqual(run.metadata, { name: 'checkout-europe-g0-abc', namespace: 'payments', labels: { 'fleetrollouts.dev/wave-plan': 'checkout', 'fleetrollouts.dev/wave': 'europe' } });
    assert.deepEqual(run.spec.args, [{ name: 'service', value: 'checkout' }, { name: 'threshold', value: '0.99' }, { name: 'token', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]);
    assert.deepEqual(run.spec.metrics, template.spec.metrics);
    assert.deepEqual(run.spec.dryRun, template.spec.dryRun);
  });

  test('an argument without a value: the controller words', () => {
    assert.throws(() => analysisRunFromTemplate(template, { ...gate, args: [] }, id), /^Error: args\.service was not resolved$/);
  });

  test('nested templates are refused', () => {
    assert.throws(() => analysisRunFromTemplate({ metadata: { name: 't' }, spec: { templates: [{ templateName: 'x' }] } }, gate, id), { message: NESTED_TEMPLATES_UNSUPPORTED('success-rate') });
  });
});

describe('plan files and the context guard', () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: x}',
    '---',
    'apiVersion: fleetrollouts.dev/v1alpha1',
    'kind: WavePlan',
    'metadata: {name: checkout}',
    'spec:',
    '  rollout: {namespace: payments, name: checkout}',
    '  waves:',
    '    - {name: eu, contexts: [edge-eu-1], maxUnavailable: 0}',
  ].join('\n');

  test('finds the plans of a file, with what keeps them from running', () => {
    assert.ok(mentionsWavePlan(text));
    assert.ok(!mentionsWavePlan('kind: Rollout\n# kind: WavePlan later'));
    const plans = plansInText(text);
    assert.equal(plans.length, 1);
    assert.equal(plans[0].name, 'checkout');
    assert.equal(plans[0].plan, undefined);
    assert.match(problemLines(plans[0].problems)[0], /^spec\.waves\[0\]\.maxUnavailable: maxUnavailable 0: /);
  });

  test('an action for a context the plan does not list is refused before any config is asked for', async () => {
    const plan = twoWaves();
    const asked: string[] = [];
    const action: WaveAction = { kind: 'abort', target: { context: 'hub', namespace: 'payments', name: 'checkout', wave: 0 } };
    await assert.rejects(
      sendAction(plan, action, (c) => (asked.push(c), undefined as never), NOW),
      { message: NOT_IN_PLAN('hub', 'checkout') },
    );
    assert.deepEqual(asked, []);
  });
});

// Direct waves: reading a WavePlan (targets, namespace overrides, gates, defaults and what the
// executor refuses), the maxUnavailable and bake forms, and the annotation records.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ANNOTATIONS,
  analysisRunName,
  annotationMergePatch,
  formatDuration,
  parseBake,
  parseWavePlan,
  planContexts,
  readRecord,
  recordAnnotations,
  resolveMaxUnavailable,
} from '../../server/src/semantics/waves';
import { NOW, planObject, record, rollout } from './waves-fixtures';

describe('parseWavePlan', () => {
  test('targets take the wave namespace, then the entry namespace, over spec.rollout.namespace', () => {
    const { plan, problems } = parseWavePlan(
      planObject({
        waves: [
          { name: 'canary', contexts: ['edge-eu-1'] },
          { name: 'rest', namespace: 'shop', contexts: ['edge-us-1', { name: 'edge-ap-1', namespace: 'payments-ap' }] },
        ],
      }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      plan!.waves.map((w) => w.targets.map((t) => `${t.context}/${t.namespace}/${t.name}@${t.wave}`)),
      [['edge-eu-1/payments/checkout@0'], ['edge-us-1/shop/checkout@1', 'edge-ap-1/payments-ap/checkout@1']],
    );
    assert.deepEqual(planContexts(plan!), ['edge-eu-1', 'edge-us-1', 'edge-ap-1']);
  });

  test('defaults: promotion step, onFailure abort, maxUnavailable the whole wave', () => {
    const { plan } = parseWavePlan(planObject({ waves: [{ name: 'all', contexts: ['a', 'b', 'c'] }] }));
    assert.equal(plan!.promotion, 'step');
    assert.equal(plan!.onFailure, 'abort');
    assert.equal(plan!.waves[0].maxUnavailable, 3);
  });

  test('gates are read in order with their parameters; analysis runs in the whole wave unless contexts are given', () => {
    const { plan, problems } = parseWavePlan(
      planObject({
        waves: [
          {
            name: 'w',
            contexts: ['a', 'b'],
            gates: [{ healthy: {} }, { bake: '1m30s' }, { analysis: { templateName: 'rate', clusterScope: true, args: [{ name: 'svc', value: 'checkout' }, { name: 'n', value: 3 }] } }, { analysis: { templateName: 'one', contexts: ['b'] } }, { approval: {} }],
          },
        ],
      }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(plan!.waves[0].gates, [
      { kind: 'healthy' },
      { kind: 'bake', seconds: 90, text: '1m30s' },
      { kind: 'analysis', templateName: 'rate', clusterScope: true, args: [{ name: 'svc', value: 'checkout' }, { name: 'n', value: '3' }], contexts: ['a', 'b'] },
      { kind: 'analysis', templateName: 'one', clusterScope: false, args: [], contexts: ['b'] },
      { kind: 'approval' },
    ]);
  });

  test('what the executor refuses, each at its path', () => {
    const { plan, problems } = parseWavePlan(
      planObject({
        waves: [
          { name: 'one', contexts: ['a', 'b'], maxUnavailable: 0 },
          { name: 'two', contexts: ['a', 7], maxUnavailable: '150%', gates: [{ bake: 'ten minutes' }, { healthy: {}, approval: {} }, { analysis: { templateName: 't', contexts: ['z'] } }] },
        ],
      }),
    );
    assert.equal(plan, undefined);
    assert.deepEqual(
      problems.map((p) => p.path.join('.')),
      ['spec.waves.0.maxUnavailable', 'spec.waves.1.contexts.0', 'spec.waves.1.contexts.1', 'spec.waves.1.maxUnavailable', 'spec.waves.1.gates.0.bake', 'spec.waves.1.gates.1', 'spec.waves.1.gates.2.analysis.contexts.0'],
    );
    assert.match(problems[1].message, /already in wave one/);
  });

  test('the same context in another namespace is another target', () => {
    const { problems } = parseWavePlan(planObject({ waves: [{ name: 'x', contexts: ['a'] }, { name: 'y', contexts: [{ name: 'a', namespace: 'other' }] }] }));
    assert.deepEqual(problems, []);
  });

  test('not a plan, no name, no Rollout, no waves', () => {
    assert.equal(parseWavePlan({ apiVersion: 'v1', kind: 'ConfigMap' }).plan, undefined);
    const { problems } = parseWavePlan({ apiVersion: 'fleetrollouts.dev/v1alpha1', kind: 'WavePlan', metadata: {}, spec: { rollout: {} } });
    assert.deepEqual(problems.map((p) => p.path.join('.')), ['metadata.name', 'spec.rollout.name', 'spec.waves']);
  });
});

describe('maxUnavailable and bake', () => {
  const cases: Array<[unknown, number, number | 'zero' | 'malformed']> = [
    [undefined, 4, 4],
    [1, 4, 1],
    [10, 4, 10],
    ['50%', 4, 2],
    ['10%', 3, 1],
    ['100%', 5, 5],
    [0, 4, 'zero'],
    ['0%', 4, 'zero'],
    ['150%', 4, 'malformed'],
    ['2', 4, 'malformed'],
    [1.5, 4, 'malformed'],
    [-1, 4, 'malformed'],
  ];
  for (const [raw, size, want] of cases) {
    test(`maxUnavailable ${JSON.stringify(raw)} of ${size}`, () => {
      const r = resolveMaxUnavailable(raw, size);
      if (typeof want === 'number') assert.deepEqual(r, { ok: true, count: want });
      else {
        assert.equal(r.ok, false);
        assert.equal(!r.ok && r.zero, want === 'zero');
      }
    });
  }

  test('bake durations use Go syntax', () => {
    assert.deepEqual(parseBake('10m'), { ok: true, seconds: 600 });
    assert.deepEqual(parseBake('1h30m'), { ok: true, seconds: 5400 });
    const bad = parseBake('10 minutes');
    assert.ok(!bad.ok && /not a duration/.test(bad.message));
    const unit = parseBake('2d');
    assert.ok(!unit.ok && unit.message.includes('unknown unit "d"'));
    assert.ok(!parseBake('0s').ok);
    assert.ok(!parseBake(10).ok);
    assert.equal(formatDuration(90), '1m30s');
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(3600), '1h');
  });
});

describe('records', () => {
  test('a record counts only for its plan and the revision the Rollout rolls out now', () => {
    const r = readRecord(rollout('progressing', { annotations: record('europe', { approvedBy: 'ana' }) }), 'checkout');
    assert.equal(r?.releasedBy, 'europe');
    assert.equal(r?.approvedBy, 'ana');
    assert.equal(readRecord(rollout('progressing', { annotations: record('europe', {}, 'older') }), 'checkout'), undefined);
    assert.equal(readRecord(rollout('progressing', { annotations: record('europe', {}, 'new', 'other-plan') }), 'checkout'), undefined);
  });

  test('a release clears what an older revision left; a later update keeps the release', () => {
    const release = recordAnnotations('checkout', 'abc', { released: 'europe' }, NOW, false);
    assert.equal(release[ANNOTATIONS.wave], 'europe');
    assert.equal(release[ANNOTATIONS.approvedBy], null);
    assert.equal(release[ANNOTATIONS.releasedAt], '2026-03-01T12:00:00Z');
    const approve = recordAnnotations('checkout', 'abc', { approvedBy: 'ana' }, NOW, false);
    assert.deepEqual(Object.keys(approve).sort(), [ANNOTATIONS.approvedAt, ANNOTATIONS.approvedBy, ANNOTATIONS.plan, ANNOTATIONS.revision].sort());
    const freshStop = recordAnnotations('checkout', 'abc', { stop: 'failed', reason: 'x' }, NOW, true);
    assert.equal(freshStop[ANNOTATIONS.wave], null, 'a fresh record drops the release of an older revision');
    assert.equal(annotationMergePatch({ a: 'b', c: null }), '{"metadata":{"annotations":{"a":"b","c":null}}}');
  });

  test('analysis run names are DNS labels, stable per plan, wave, gate and revision', () => {
    assert.equal(analysisRunName('checkout', 'europe', 2, '5f7d9c'), 'checkout-europe-g2-5f7d9c');
    const long = analysisRunName('a-very-long-plan-name-for-the-checkout-service', 'europe-west-and-north', 0, '6b8f9d7c5');
    assert.ok(long.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(long), long);
    assert.ok(long.endsWith('-g0-6b8f9d7c5'));
    assert.equal(analysisRunName('Plan_X', 'Wave 1', 0, 'h'), 'plan-x-wave-1-g0-h');
  });
});

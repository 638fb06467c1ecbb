// Wave board drill-down messages and restored state: what the webview sends is untrusted input,
// so anything that is not exactly a drill-down request for a cluster name is dropped; the saved
// webview state a reload hands back is checked the same way before a board is reopened.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFromWebview, parseToWebview } from '../../client/src/board/model/protocol';
import { restoredBoard, restoreProblem } from '../../client/src/board/restore';

describe('drill-down requests from the webview', () => {
  test('a cluster name opens, drilldownClose closes', () => {
    assert.deepEqual(parseFromWebview({ type: 'drilldown', cluster: 'edge-eu-1' }), { type: 'drilldown', cluster: 'edge-eu-1' });
    assert.deepEqual(parseFromWebview({ type: 'drilldownClose', extra: 1 }), { type: 'drilldownClose' });
  });

  test('extra fields are not passed on', () => {
    assert.deepEqual(parseFromWebview({ type: 'drilldown', cluster: 'edge-eu-1', context: 'prod-admin' }), { type: 'drilldown', cluster: 'edge-eu-1' });
  });

  for (const [what, raw] of [
    ['no cluster', { type: 'drilldown' }],
    ['empty name', { type: 'drilldown', cluster: '' }],
    ['upper case', { type: 'drilldown', cluster: 'Edge-EU-1' }],
    ['a path', { type: 'drilldown', cluster: '../../api/v1/secrets' }],
    ['a query', { type: 'drilldown', cluster: 'edge?watch=1' }],
    ['a number', { type: 'drilldown', cluster: 42 }],
    ['an array', { type: 'drilldown', cluster: ['edge-eu-1'] }],
    ['too long', { type: 'drilldown', cluster: 'a'.repeat(254) }],
    ['leading dash', { type: 'drilldown', cluster: '-edge' }],
    ['not an object', 'drilldown'],
    ['an array message', [{ type: 'drilldown', cluster: 'edge-eu-1' }]],
  ] as const) {
    test(`dropped: ${what}`, () => assert.equal(parseFromWebview(raw), undefined));
  }
});

describe('drill-down data to the webview', () => {
  const data = { cluster: 'edge-eu-1', context: 'edge-eu-1', problem: '', at: 1, rollouts: [{ name: 'cart', weights: [], analysisRuns: [], events: [] }] };

  test('well-formed data pass', () => {
    assert.equal(parseToWebview({ type: 'drilldown', data })?.type, 'drilldown');
  });

  test('malformed data are dropped', () => {
    assert.equal(parseToWebview({ type: 'drilldown' }), undefined);
    assert.equal(parseToWebview({ type: 'drilldown', data: { ...data, rollouts: 'x' } }), undefined);
    assert.equal(parseToWebview({ type: 'drilldown', data: { ...data, problem: undefined } }), undefined);
    assert.equal(parseToWebview({ type: 'drilldown', data: { ...data, rollouts: [{ name: 'cart' }] } }), undefined);
  });
});

describe('restoring a board after a reload', () => {
  const state = { v: 1, model: { context: 'hub', subject: { kind: 'Bundle', namespace: 'fleet-default', name: 'edge-apps-payments' } }, ui: {} };

  test('the saved model names the context and Bundle', () => {
    assert.deepEqual(restoredBoard(state), { context: 'hub', kind: 'Bundle', namespace: 'fleet-default', name: 'edge-apps-payments' });
    // An Argo CD RollingSync board comes back as one too.
    const appset = { v: 1, model: { context: 'hub', subject: { kind: 'ApplicationSet', namespace: 'argocd', name: 'storefront' } } };
    assert.deepEqual(restoredBoard(appset), { context: 'hub', kind: 'ApplicationSet', namespace: 'argocd', name: 'storefront' });
  });

  test('anything else is not restored', () => {
    assert.equal(restoredBoard(undefined), undefined);
    assert.equal(restoredBoard({ ...state, v: 2 }), undefined);
    assert.equal(restoredBoard({ v: 1, ui: {} }), undefined);
    assert.equal(restoredBoard({ v: 1, model: { ...state.model, subject: { ...state.model.subject, name: '../x' } } }), undefined);
    assert.equal(restoredBoard({ v: 1, model: { ...state.model, context: 'a\nb' } }), undefined);
    assert.equal(restoredBoard({ v: 1, model: { ...state.model, subject: { ...state.model.subject, kind: 'Secret' } } }), undefined);
  });

  test('only on a context the kubeconfig has and the user watches', () => {
    const board = restoredBoard(state);
    assert.equal(restoreProblem(board, ['hub', 'edge-eu-1'], ['hub']), undefined);
    assert.match(restoreProblem(board, ['edge-eu-1'], ['edge-eu-1'])!, /no kubeconfig context named hub/);
    assert.match(restoreProblem(board, ['hub'], [])!, /context hub is not watched/);
    assert.match(restoreProblem(undefined, ['hub'], ['hub'])!, /could not be restored/);
  });
});

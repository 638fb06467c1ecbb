// Informer semantics against a scripted API server: list, watch, bookmarks, 410 relist, drops,
// errors with clear messages, backoff, and coalesced change notifications.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Informer } from '../../client/src/kube/informer';
import { Backoff } from '../../client/src/kube/backoff';
import { RESOURCES } from '../../client/src/kube/resources';
import { FakeApiServer } from '../helpers/fake-apiserver';

const PATH = '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts';

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('lists, then follows the watch; resumes from the last resourceVersion (bookmarks included)', async () => {
  const api = new FakeApiServer(PATH);
  const port = await api.listen();
  api.items.set('a', { metadata: { name: 'a', namespace: 'shop', resourceVersion: '100' } });
  let changes = 0;
  const inf = new Informer(api.kubeconfig(port), RESOURCES.rollouts, { namespace: 'shop', coalesceMs: 5, onChange: () => changes++ });
  inf.start();
  await until(() => inf.state === 'synced' && api.watches.size === 1, 'sync');
  assert.deepEqual(inf.snapshot().map((o) => [o.metadata.name, o.kind]), [['a', 'Rollout']]);
  assert.match(api.requests[1], /watch=1&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=100/);
  api.emit('ADDED', 'b');
  api.emit('MODIFIED', 'a', { paused: true });
  await until(() => inf.snapshot().length === 2 && inf.get('shop', 'a')?.spec?.paused === true, 'events');
  api.emit('DELETED', 'b');
  api.bookmark();
  await until(() => inf.snapshot().length === 1, 'delete');
  const bookmarkRv = String(api.rv);
  api.dropWatches();
  await until(() => api.requests.length === 3, 'rewatch');
  assert.ok(api.requests[api.requests.length - 1].includes(`resourceVersion=${bookmarkRv}`), `resumes from the bookmark ${bookmarkRv}: ${api.requests.join(' | ')}`);
  assert.equal(api.listCount, 1, 'a dropped watch does not relist');
  assert.ok(changes >= 2);
  await inf.stop();
  await api.close();
});

test('410 Gone relists and replaces the cache', async () => {
  const api = new FakeApiServer(PATH);
  const port = await api.listen();
  api.items.set('a', { metadata: { name: 'a', namespace: 'shop' } });
  const inf = new Informer(api.kubeconfig(port), RESOURCES.rollouts, { namespace: 'shop', coalesceMs: 5 });
  inf.start();
  await until(() => api.watches.size === 1, 'watch');
  // While the watch is broken the server lost history; what it lists now is the truth.
  api.items.clear();
  api.items.set('c', { metadata: { name: 'c', namespace: 'shop' } });
  api.expire();
  await until(() => api.listCount === 2 && api.requests.length === 4, 'relist');
  assert.deepEqual(inf.snapshot().map((o) => o.metadata.name), ['c']);
  await inf.stop();
  await api.close();
});

test('a burst of events is one change notification', async () => {
  const api = new FakeApiServer(PATH);
  const port = await api.listen();
  let changes = 0;
  const inf = new Informer(api.kubeconfig(port), RESOURCES.rollouts, { namespace: 'shop', coalesceMs: 100, onChange: () => changes++ });
  inf.start();
  await until(() => api.watches.size === 1, 'watch');
  await new Promise((r) => setTimeout(r, 150));
  const before = changes;
  for (let i = 0; i < 200; i++) api.emit('ADDED', `r${i}`);
  await until(() => inf.snapshot().length === 200, 'burst');
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(changes - before, 1);
  await inf.stop();
  await api.close();
});

test('errors: forbidden names the verb and resource, a missing CRD says so, unreachable says which server; it recovers', async () => {
  const api = new FakeApiServer(PATH);
  const port = await api.listen();
  api.failWith = { status: 403, times: 1, body: { kind: 'Status', reason: 'Forbidden', message: 'rollouts.argoproj.io is forbidden: User "dev" cannot list resource "rollouts" in API group "argoproj.io" in the namespace "shop"' } };
  const errors: string[] = [];
  const inf = new Informer(api.kubeconfig(port, 'prod-eu-1'), RESOURCES.rollouts, { namespace: 'shop', coalesceMs: 5, backoff: new Backoff(10, 50), onError: (e) => errors.push(`${e.kind}: ${e.message}`) });
  inf.start();
  await until(() => inf.state === 'synced', 'recovery after 403');
  assert.match(errors[0], /^forbidden: prod-eu-1: forbidden to list rollouts\.argoproj\.io: .*cannot list resource "rollouts"/);
  await inf.stop();

  const missing = new Informer(api.kubeconfig(port, 'edge'), RESOURCES.analysisRuns, { namespace: 'shop', missingTypeRetryMs: 20, onError: (e) => errors.push(`${e.kind}: ${e.message}`) });
  missing.start();
  await until(() => missing.state === 'error', 'missing CRD');
  assert.equal(missing.error?.message, 'edge: analysisruns.argoproj.io is not installed on this cluster (the AnalysisRun CRD is missing)');
  await missing.stop();

  await api.close();
  const down = new Informer(api.kubeconfig(port, 'offline-site'), RESOURCES.rollouts, { namespace: 'shop', backoff: new Backoff(10, 40) });
  down.start();
  await until(() => down.state === 'error', 'unreachable');
  assert.match(down.error!.message, new RegExp(`^offline-site: cannot reach the API server http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)$`));
  await down.stop();
});

test('backoff grows exponentially with jitter and caps', () => {
  const b = new Backoff(100, 1000, () => 1);
  assert.deepEqual([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()], [100, 200, 400, 800, 1000, 1000]);
  const low = new Backoff(100, 1000, () => 0);
  assert.deepEqual([low.next(), low.next()], [50, 100]);
  b.reset();
  assert.equal(b.next(), 100);
});

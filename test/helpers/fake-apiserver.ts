import * as http from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';

/**
 * A scriptable stand-in for an API server's list and watch of one resource, for the informer's
 * unit tests (the real API servers are exercised by the cluster tests).
 */
export class FakeApiServer {
  readonly server: http.Server;
  items = new Map<string, any>();
  rv = 100;
  watches = new Set<http.ServerResponse>();
  requests: string[] = [];
  /** Status to answer the next requests with instead of serving them. */
  failWith: { status: number; body?: unknown; times: number } | undefined;
  listCount = 0;

  constructor(private readonly path: string) {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as { port: number }).port;
  }

  kubeconfig(port: number, context = 'fake'): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: context, server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'u', token: 'secret-token' }],
      contexts: [{ name: context, cluster: context, user: 'u', namespace: 'shop' }],
      currentContext: context,
    });
    return kc;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url!, 'http://x');
    this.requests.push(`${req.method} ${url.pathname}?${url.searchParams}`);
    if (this.failWith && this.failWith.times > 0) {
      this.failWith.times--;
      res.writeHead(this.failWith.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(this.failWith.body ?? { kind: 'Status', message: 'scripted failure' }));
      return;
    }
    if (url.pathname !== this.path) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' }));
      return;
    }
    if (url.searchParams.get('watch') === '1') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      this.watches.add(res);
      res.on('close', () => this.watches.delete(res));
      return;
    }
    this.listCount++;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ kind: 'RolloutList', metadata: { resourceVersion: String(this.rv) }, items: [...this.items.values()] }));
  }

  /** Changes an object and sends the event to every open watch. */
  emit(type: 'ADDED' | 'MODIFIED' | 'DELETED', name: string, spec: unknown = {}): void {
    this.rv++;
    const obj = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name, namespace: 'shop', resourceVersion: String(this.rv) }, spec };
    if (type === 'DELETED') this.items.delete(name);
    else this.items.set(name, obj);
    for (const w of this.watches) w.write(JSON.stringify({ type, object: obj }) + '\n');
  }

  bookmark(): void {
    this.rv++;
    for (const w of this.watches) w.write(JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Rollout', metadata: { resourceVersion: String(this.rv) } } }) + '\n');
  }

  expire(): void {
    for (const w of this.watches) w.write(JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } }) + '\n');
  }

  dropWatches(): void {
    for (const w of this.watches) w.destroy();
  }

  async close(): Promise<void> {
    this.dropWatches();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

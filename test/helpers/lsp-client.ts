import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './paths';

type Json = unknown;
interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: Json;
  result?: Json;
  error?: { code: number; message: string };
}

/**
 * A minimal LSP client over stdio for tests: Content-Length framing, requests with timeouts,
 * server-to-client requests answered by handlers, notifications collected per method.
 */
export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly waiters: Array<{ method: string; match: (p: any) => boolean; resolve: (p: any) => void }> = [];
  readonly notifications: Array<{ method: string; params: any }> = [];
  readonly stderr: string[] = [];
  handlers: Record<string, (params: any) => Json> = {
    'workspace/configuration': (p: { items: unknown[] }) => p.items.map(() => null),
    'client/registerCapability': () => null,
    'workspace/diagnostic/refresh': () => null,
    'window/workDoneProgress/create': () => null,
  };

  constructor(serverPath = path.join(repoRoot, 'dist', 'server.js'), args = ['--stdio']) {
    this.proc = spawn(process.execPath, [serverPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => this.stderr.push(d.toString()));
  }

  get pid(): number {
    return this.proc.pid!;
  }

  get exited(): boolean {
    return this.proc.exitCode !== null || this.proc.signalCode !== null;
  }

  private onData(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(m: Message): void {
    if (m.method && m.id !== undefined) {
      const handler = this.handlers[m.method];
      this.send({ jsonrpc: '2.0', id: m.id, result: handler ? handler(m.params) : null });
    } else if (m.method) {
      this.notifications.push({ method: m.method, params: m.params });
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.method === m.method && w.match(m.params)) {
          this.waiters.splice(i, 1);
          w.resolve(m.params);
        }
      }
    } else if (typeof m.id === 'number') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error) p.reject(new Error(`${m.error.code}: ${m.error.message}`));
      else p.resolve(m.result);
    }
  }

  private send(m: Message): void {
    const body = Buffer.from(JSON.stringify(m), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request<T = any>(method: string, params: Json, timeoutMs = 30000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms; server stderr: ${this.stderr.join('').slice(-2000)}`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: Json) => void, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a request and returns its id, for tests that cancel it. */
  requestWithId(method: string, params: Json, timeoutMs = 30000): { id: number; done: Promise<any> } {
    const id = this.nextId;
    return { id, done: this.request(method, params, timeoutMs) };
  }

  notify(method: string, params: Json): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  waitFor<T = any>(method: string, match: (p: any) => boolean = () => true, timeoutMs = 30000): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && match(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ method, match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  async initialize(opts: { pull?: boolean; rootUri?: string | null; workspaceFolders?: Array<{ uri: string; name: string }> | null; initializationOptions?: unknown } = {}): Promise<any> {
    const pull = opts.pull ?? true;
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: opts.rootUri ?? null,
      workspaceFolders: opts.workspaceFolders ?? null,
      initializationOptions: opts.initializationOptions,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
        workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      },
    });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  pull(uri: string, previousResultId?: string): Promise<any> {
    return this.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  rss(): number {
    const status = require('node:fs').readFileSync(`/proc/${this.pid}/status`, 'utf8') as string;
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  }

  async shutdown(): Promise<void> {
    if (this.exited) return;
    try {
      await this.request('shutdown', null, 5000);
      this.notify('exit', null);
    } catch {
      // fall through to kill
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (this.exited) resolve();
    });
  }
}

// Minimal LSP client over stdio: Content-Length framing, requests with timeouts,
// answers to server->client requests, and a push-diagnostics tracker.
// Only what the benchmark needs; no dependency besides node:child_process.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const HEADER_END = Buffer.from('\r\n\r\n');
export const DEFAULT_TIMEOUT_MS = 120_000;

export class LspClient {
  /**
   * @param {string} name   label used in error messages
   * @param {string} command
   * @param {string[]} args
   * @param {{cwd?: string, env?: object, onStderr?: (s: string) => void}} [opts]
   */
  constructor(name, command, args, opts = {}) {
    this.name = name;
    this.child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.pid = this.child.pid;
    this.nextId = 1;
    this.pending = new Map(); // id -> {resolve, reject, timer, method}
    this.requestHandlers = new Map(); // method -> (params) => result
    this.notificationHandlers = new Map(); // method -> Set<fn>
    this.chunks = [];
    this.buffered = 0;
    this.exited = false;
    this.stderrTail = '';
    this.child.stdout.on('data', (chunk) => {
      try {
        this.#onData(chunk);
      } catch (e) {
        // a server that breaks the protocol is a failed measurement, not a crashed bench
        this.stderrTail += `\n[bench] protocol error: ${e.message}`;
        this.kill();
      }
    });
    this.child.stderr.on('data', (chunk) => {
      const s = chunk.toString('utf8');
      this.stderrTail = (this.stderrTail + s).slice(-4000);
      opts.onStderr?.(s);
    });
    this.child.stdin.on('error', () => {}); // EPIPE after a crash is reported via 'exit'
    this.exitPromise = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = true;
        const err = new Error(`${this.name} exited (code ${code}, signal ${signal}). stderr tail:\n${this.stderrTail}`);
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(err);
        }
        this.pending.clear();
        this.#failWaiters(err);
        resolve({ code, signal });
      });
    });
    this.pushWaiters = new Set(); // {uri, resolve, reject, timer}
    this.lastPush = new Map(); // uri -> {time, diagnostics, version}
    this.onNotification('textDocument/publishDiagnostics', (params) => {
      const rec = { time: performance.now(), diagnostics: params.diagnostics ?? [], version: params.version };
      this.lastPush.set(params.uri, rec);
      for (const w of this.pushWaiters) {
        if (w.uri === params.uri && (w.predicate?.(rec) ?? true)) {
          this.pushWaiters.delete(w);
          clearTimeout(w.timer);
          w.resolve(rec);
        }
      }
    });
  }

  // ---- framing -----------------------------------------------------------
  #onData(chunk) {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    // a large message arrives in many chunks: only join them once it is complete
    if (this.needed && this.buffered < this.needed) return;
    for (;;) {
      if (this.chunks.length > 1) {
        this.chunks = [Buffer.concat(this.chunks, this.buffered)];
      }
      const buf = this.chunks[0];
      this.needed = 0;
      if (!buf) return;
      const headerEnd = buf.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const header = buf.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`${this.name}: bad header ${JSON.stringify(header)}`);
      const start = headerEnd + HEADER_END.length;
      const end = start + Number(m[1]);
      if (buf.length < end) {
        this.needed = end;
        return;
      }
      const body = buf.subarray(start, end).toString('utf8');
      const rest = buf.subarray(end);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.#dispatch(JSON.parse(body));
    }
  }

  #send(msg) {
    if (this.exited) throw new Error(`${this.name} has exited`);
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  #dispatch(msg) {
    if ('id' in msg && !('method' in msg)) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) {
        const e = new Error(`${this.name}: ${p.method} failed: ${msg.error.message}`);
        e.code = msg.error.code;
        p.reject(e);
      } else p.resolve(msg.result);
      return;
    }
    if ('id' in msg) {
      // server -> client request
      const handler = this.requestHandlers.get(msg.method);
      Promise.resolve()
        .then(() => (handler ? handler(msg.params) : null))
        .then(
          (result) => this.#safeSend({ jsonrpc: '2.0', id: msg.id, result: result ?? null }),
          (err) => this.#safeSend({ jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: String(err) } }),
        );
      return;
    }
    const hs = this.notificationHandlers.get(msg.method);
    if (hs) for (const h of hs) h(msg.params);
  }

  #safeSend(msg) {
    try {
      this.#send(msg);
    } catch {
      /* server gone */
    }
  }

  #failWaiters(err) {
    for (const w of this.pushWaiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.pushWaiters.clear();
  }

  // ---- API ---------------------------------------------------------------
  request(method, params, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method });
      try {
        this.#send({ jsonrpc: '2.0', id, method, params });
      } catch (e) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(e);
      }
    });
  }

  notify(method, params) {
    this.#send({ jsonrpc: '2.0', method, params });
  }

  onRequest(method, handler) {
    this.requestHandlers.set(method, handler);
  }

  onNotification(method, handler) {
    if (!this.notificationHandlers.has(method)) this.notificationHandlers.set(method, new Set());
    this.notificationHandlers.get(method).add(handler);
  }

  /** Resolves with the next publishDiagnostics for `uri` (optionally matching `predicate`). */
  nextPush(uri, { timeoutMs = DEFAULT_TIMEOUT_MS, predicate } = {}) {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(`${this.name} has exited`));
      const w = { uri, predicate, resolve, reject };
      w.timer = setTimeout(() => {
        this.pushWaiters.delete(w);
        reject(new Error(`${this.name}: no publishDiagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pushWaiters.add(w);
    });
  }

  /**
   * A request the server does not know: its (error) response comes after everything the
   * server wrote while handling the messages sent before it. Used to drain stale pushes.
   */
  async barrier(timeoutMs = 30_000) {
    try {
      await this.request('bench/barrier', {}, timeoutMs);
    } catch (e) {
      if (this.exited || /timed out/.test(e.message)) throw e;
    }
  }

  async shutdown(timeoutMs = 10_000) {
    if (this.exited) return;
    try {
      await this.request('shutdown', null, timeoutMs);
      this.notify('exit', null);
    } catch {
      /* fall through to kill */
    }
    const t = setTimeout(() => this.kill(), timeoutMs);
    await this.exitPromise;
    clearTimeout(t);
  }

  kill() {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { errorFromNetwork, errorFromStatus, KubeError } from './errors';

export interface KubeRequest {
  method: 'GET' | 'PATCH' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  body?: string;
  contentType?: string;
  timeoutMs?: number;
  /** For messages: what is being done ("get", "patch") and to what ("rollouts.argoproj.io checkout in payments"). */
  verb: string;
  resource: string;
  signal?: AbortSignal;
}

export interface KubeResponse<T = unknown> {
  status: number;
  body: T;
}

/** Transport options of the pinned context: server URL, TLS material and auth headers (exec plugins included). */
async function transport(kc: KubeConfig): Promise<{ url: URL; options: https.RequestOptions; context: string }> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeError('unreachable', `context "${kc.getCurrentContext()}" names no cluster`);
  const options: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(options);
  return { url: new URL(cluster.server), options, context: kc.getCurrentContext() };
}

/** One request to the API server of the pinned context, JSON in and out. */
export async function kubeRequest<T = unknown>(kc: KubeConfig, req: KubeRequest): Promise<KubeResponse<T>> {
  const { url, options, context } = await transport(kc);
  const target = new URL(req.path, url);
  const lib = target.protocol === 'http:' ? http : https;
  return new Promise<KubeResponse<T>>((resolve, reject) => {
    const r = lib.request(
      target,
      {
        ...options,
        method: req.method,
        headers: { ...(options.headers ?? {}), Accept: 'application/json', ...(req.body !== undefined ? { 'Content-Type': req.contentType ?? 'application/json' } : {}) },
        signal: req.signal,
        timeout: req.timeoutMs ?? 30000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text for the message
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve({ status, body: body as T });
          else reject(errorFromStatus(status, body, context, req.verb, req.resource));
        });
        res.on('error', (err) => reject(errorFromNetwork(err, context, url.origin)));
      },
    );
    r.on('timeout', () => r.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    r.on('error', (err) => reject(errorFromNetwork(err as NodeJS.ErrnoException, context, url.origin)));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/**
 * A streaming GET (a watch): calls `onLine` with each JSON line. Resolves when the server ends the
 * stream, rejects on HTTP or network errors; the signal ends it from our side.
 */
export async function kubeStream(kc: KubeConfig, path: string, onLine: (obj: unknown) => void, opts: { signal: AbortSignal; verb: string; resource: string; idleTimeoutMs?: number }): Promise<void> {
  const { url, options, context } = await transport(kc);
  const target = new URL(path, url);
  const lib = target.protocol === 'http:' ? http : https;
  return new Promise<void>((resolve, reject) => {
    const r = lib.request(target, { ...options, method: 'GET', headers: { ...(options.headers ?? {}), Accept: 'application/json' }, signal: opts.signal, timeout: opts.idleTimeoutMs ?? 90000 }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            body = undefined;
          }
          reject(errorFromStatus(status, body, context, opts.verb, opts.resource));
        });
        return;
      }
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        let nl: number;
        while ((nl = pending.indexOf('\n')) !== -1) {
          const line = pending.slice(0, nl).trim();
          pending = pending.slice(nl + 1);
          if (!line) continue;
          try {
            onLine(JSON.parse(line));
          } catch (err) {
            r.destroy(err as Error);
            return;
          }
        }
      });
      res.on('end', () => resolve());
      res.on('error', (err) => reject(errorFromNetwork(err as NodeJS.ErrnoException, context, url.origin)));
    });
    // No byte for too long (bookmarks arrive about every minute): treat the stream as dropped.
    r.on('timeout', () => r.destroy(Object.assign(new Error('watch idle timeout'), { code: 'ETIMEDOUT' })));
    r.on('error', (err) => reject(errorFromNetwork(err as NodeJS.ErrnoException, context, url.origin)));
    r.end();
  });
}

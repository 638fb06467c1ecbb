// The timed LSP operations: open documents until their diagnostics are available, edit one
// value until fresh diagnostics are available, close, and read the server's memory.
// Pull servers: textDocument/diagnostic after didOpen/didChange, time to its response.
// Push servers: time to the next textDocument/publishDiagnostics for the URI.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

/** @typedef {{uri: string, text: string, version: number}} OpenDoc */

async function pull(client, uri, timeoutMs) {
  const report = await client.request('textDocument/diagnostic', { textDocument: { uri } }, timeoutMs);
  return report?.items ?? [];
}

/**
 * didOpen every doc, then wait until diagnostics are available for all of them.
 * @param {object} s session from startServer
 * @param {OpenDoc[]} docs
 * @returns {Promise<{ms: number, diagnostics: number, byUri: Map<string, object[]>}>}
 */
export async function openAll(s, docs, requestTimeoutMs) {
  const { client } = s;
  // opening thousands of files may legitimately take longer than one request
  const timeoutMs = requestTimeoutMs + 50 * docs.length;
  if (s.mode === 'push') {
    await client.barrier(timeoutMs); // no stale push (e.g. from a previous close) may count
    const waits = docs.map((d) => client.nextPush(d.uri, { timeoutMs }));
    const t0 = performance.now();
    for (const d of docs) {
      client.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'yaml', version: d.version, text: d.text } });
    }
    const recs = await Promise.all(waits);
    const ms = performance.now() - t0;
    const byUri = new Map(docs.map((d, i) => [d.uri, recs[i].diagnostics]));
    return { ms, diagnostics: recs.reduce((n, r) => n + r.diagnostics.length, 0), byUri };
  }
  const t0 = performance.now();
  for (const d of docs) {
    client.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'yaml', version: d.version, text: d.text } });
  }
  const items = await Promise.all(docs.map((d) => pull(client, d.uri, timeoutMs)));
  const ms = performance.now() - t0;
  const byUri = new Map(docs.map((d, i) => [d.uri, items[i]]));
  return { ms, diagnostics: items.reduce((a, b) => a + b.length, 0), byUri };
}

export async function closeAll(s, docs, timeoutMs) {
  for (const d of docs) s.client.notify('textDocument/didClose', { textDocument: { uri: d.uri } });
  await s.client.barrier(timeoutMs);
}

function offsetAt(text, line, character) {
  let off = 0;
  for (let l = 0; l < line; l++) off = text.indexOf('\n', off) + 1;
  return off + character;
}

/**
 * Replace `doc.text[line:character .. +from.length]` (which must equal `from`) by `to`,
 * as an incremental change when the server accepts those, then wait for diagnostics.
 */
export async function editValue(s, doc, { line, character, from, to }, timeoutMs) {
  const off = offsetAt(doc.text, line, character);
  const found = doc.text.slice(off, off + from.length);
  if (found !== from) throw new Error(`edit target is ${JSON.stringify(found)}, expected ${JSON.stringify(from)}`);
  const newText = doc.text.slice(0, off) + to + doc.text.slice(off + from.length);
  doc.version += 1;
  doc.text = newText;
  const contentChanges = s.incremental
    ? [{ range: { start: { line, character }, end: { line, character: character + from.length } }, text: to }]
    : [{ text: newText }];
  const { client } = s;
  const params = { textDocument: { uri: doc.uri, version: doc.version }, contentChanges };
  if (s.mode === 'push') {
    const wait = client.nextPush(doc.uri, { timeoutMs });
    const t0 = performance.now();
    client.notify('textDocument/didChange', params);
    const rec = await wait;
    return { ms: performance.now() - t0, diagnostics: rec.diagnostics.length };
  }
  const t0 = performance.now();
  client.notify('textDocument/didChange', params);
  const items = await pull(client, doc.uri, timeoutMs);
  return { ms: performance.now() - t0, diagnostics: items.length };
}

/**
 * Which planted mistakes got at least one diagnostic in their app's documents, and how many
 * diagnostics fell outside every planted mistake (candidates for false positives).
 * @param {Map<string, object[]>} byUri diagnostics per URI
 * @param {{uri: string, rel: string}[]} docs
 * @param {{kind: string, where: object}[]} mistakes
 */
export function attribute(byUri, docs, mistakes) {
  const relOf = new Map(docs.map((d) => [d.uri, d.rel]));
  const inside = (m, rel, line) =>
    m.where.prefix ? rel.startsWith(m.where.prefix) : rel === m.where.rel && line >= m.where.startLine && line < m.where.endLine;
  const found = new Map(); // kind -> [found, planted]
  for (const m of mistakes) {
    const f = found.get(m.kind) ?? [0, 0];
    f[1]++;
    found.set(m.kind, f);
  }
  const hit = new Set();
  const elsewhere = [];
  for (const [uri, diags] of byUri) {
    const rel = relOf.get(uri);
    for (const d of diags) {
      const line = d.range?.start?.line ?? 0;
      const m = mistakes.find((x) => inside(x, rel, line));
      if (m) hit.add(m);
      else elsewhere.push(`${rel}:${line + 1} ${d.code ?? ''} ${String(d.message).split('\n')[0].slice(0, 120)}`);
    }
  }
  for (const m of hit) found.get(m.kind)[0]++;
  return { found: Object.fromEntries(found), elsewhere: elsewhere.length, elsewhereSample: elsewhere.slice(0, 5) };
}

/** VmRSS / VmHWM of a process in MiB (Linux /proc). */
export function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kb('VmRSS') / 1024, hwmMiB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMiB: NaN, hwmMiB: NaN };
  }
}

/** CPU time (user + system, in clock ticks) a process has used so far. */
function cpuTicks(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
  } catch {
    return NaN;
  }
}

/**
 * Waits until the processes have used (almost) no CPU for `quietMs` — background work such as
 * indexing the workspace from disk or garbage collection must not leak into the next timing.
 * Gives up after `maxMs`; returns how long it waited.
 */
export async function waitIdle(pids, { quietMs = 300, maxMs = 60_000, stepMs = 50 } = {}) {
  const list = (Array.isArray(pids) ? pids : [pids]).filter(Boolean);
  const ticks = () => list.reduce((sum, pid) => sum + (cpuTicks(pid) || 0), 0);
  const start = performance.now();
  let last = ticks();
  let quietSince = performance.now();
  while (list.length && performance.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, stepMs));
    const now = ticks();
    if (now - last > 1) quietSince = performance.now(); // more than one tick (10 ms) of CPU
    last = now;
    if (performance.now() - quietSince >= quietMs) break;
  }
  return performance.now() - start;
}

export function median(xs) {
  const a = xs.filter((x) => Number.isFinite(x)).sort((p, q) => p - q);
  if (!a.length) return NaN;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

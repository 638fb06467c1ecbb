// How much this machine's speed wanders for allocation-heavy work, the kind a language server does:
// the same JSON.parse of ~2 MB, repeated with pauses between rounds, in a fresh process. On a
// shared host identical rounds can differ by half or more; a server's open of ~100 ms is one such
// round, which is why the open columns are medians of several passes.
import { execFileSync } from 'node:child_process';

const ROUNDS = 15;
const PAUSE_MS = 200;

const child = `
const rows = [];
for (let i = 0; i < 20000; i++) rows.push({ line: 'apiVersion: argoproj.io/v1alpha1 kind: Rollout ' + i, at: i, words: ['metadata', 'name', 'app-' + i, 'spec'] });
const json = JSON.stringify(rows);
const ms = [];
const round = () => { const t = performance.now(); for (let k = 0; k < 3; k++) JSON.parse(json); ms.push(performance.now() - t); };
let left = ${ROUNDS + 1};
const next = () => { round(); if (--left > 0) setTimeout(next, ${PAUSE_MS}); else console.log(JSON.stringify(ms.slice(1))); };
next();`;

/** @returns {{rounds: number, minMs: number, medianMs: number, maxMs: number} | {error: string}} */
export function measureJitter() {
  try {
    const ms = JSON.parse(execFileSync(process.execPath, ['-e', child], { encoding: 'utf8', timeout: 60_000 }).trim());
    const s = ms.slice().sort((a, b) => a - b);
    return { rounds: s.length, minMs: s[0], medianMs: s[s.length >> 1], maxMs: s[s.length - 1] };
  } catch (err) {
    return { error: err.message.split('\n')[0] };
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(measureJitter());

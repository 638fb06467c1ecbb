import type { Chunk } from '../engine/source-file';

export const DISABLE_NEXT_LINE = 'fleet-rollouts-disable-next-line';

/** `# fleet-rollouts-disable-next-line [rule-id ...]`: silences those rules (all when none given) on the next line. */
export interface Suppression {
  /** Chunk-local line of the comment. */
  line: number;
  /** Offsets of the directive in the chunk, for the unused-suppression warning. */
  start: number;
  end: number;
  rules: string[] | 'all';
}

const DIRECTIVE = /#\s*fleet-rollouts-disable-next-line\b([^\n]*)/g;

const cache = new WeakMap<Chunk, Suppression[]>();

export function suppressionsOf(chunk: Chunk): Suppression[] {
  let found = cache.get(chunk);
  if (found) return found;
  found = [];
  if (chunk.text.includes(DISABLE_NEXT_LINE)) {
    for (const m of chunk.text.matchAll(DIRECTIVE)) {
      const start = m.index ?? 0;
      const ids = m[1].split(/[\s,]+/).filter((s) => s && !s.startsWith('--'));
      found.push({ line: chunk.lines.positionAt(start).line, start, end: start + m[0].length, rules: ids.length ? ids : 'all' });
    }
  }
  cache.set(chunk, found);
  return found;
}

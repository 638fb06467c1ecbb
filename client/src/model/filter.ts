/**
 * The tree's filter: words separated by spaces, all of which must appear (case-insensitive) in a
 * Rollout's `context/namespace/name`, status line, strategy or images. `status:paused` matches the
 * phase only; a leading `-` excludes.
 */
import type { RolloutView } from './rollouts';

export interface FilterTerm {
  field: 'any' | 'status' | 'context' | 'namespace' | 'name' | 'image';
  text: string;
  negate: boolean;
}

const FIELDS = new Set(['status', 'context', 'namespace', 'ns', 'name', 'image']);

export function parseFilter(text: string): FilterTerm[] {
  return text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      let negate = false;
      if (word.startsWith('-') && word.length > 1) {
        negate = true;
        word = word.slice(1);
      }
      const colon = word.indexOf(':');
      if (colon > 0 && FIELDS.has(word.slice(0, colon).toLowerCase())) {
        const f = word.slice(0, colon).toLowerCase();
        return { field: (f === 'ns' ? 'namespace' : f) as FilterTerm['field'], text: word.slice(colon + 1).toLowerCase(), negate };
      }
      return { field: 'any' as const, text: word.toLowerCase(), negate };
    });
}

function haystack(term: FilterTerm, r: RolloutView): string {
  const images = r.info.images.map((i) => i.image).join(' ');
  switch (term.field) {
    case 'status':
      return `${r.info.status} ${r.info.message.startsWith('RolloutAborted') ? 'aborted' : ''}`.toLowerCase();
    case 'context':
      return r.context.toLowerCase();
    case 'namespace':
      return r.namespace.toLowerCase();
    case 'name':
      return r.name.toLowerCase();
    case 'image':
      return images.toLowerCase();
    default:
      return `${r.context}/${r.namespace}/${r.name} ${r.statusText} ${r.info.strategy} ${images}`.toLowerCase();
  }
}

export function matchesFilter(terms: readonly FilterTerm[], r: RolloutView): boolean {
  return terms.every((t) => haystack(t, r).includes(t.text) !== t.negate);
}

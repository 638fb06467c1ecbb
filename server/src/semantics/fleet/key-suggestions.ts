/**
 * "Did you mean …" for keys Fleet silently drops (fleet-argocd.md §1.1, §1.6: fleet.yaml is
 * decoded non-strictly, so a misspelt key is ignored without a word). Candidates are the keys the
 * JSON schema allows at the same place; internal keys (`x-fleet-internal`) are never suggested.
 * Pure functions over a ref-free JSON schema.
 */

import { editDistance } from '../text/did-you-mean';

/** Optimal string alignment distance, shared with the CRD did-you-mean. */
export { editDistance };

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  'x-fleet-internal'?: boolean;
}

/** The subschema describing the value at `path` (array indexes step into `items`). */
export function schemaAt(schema: object | undefined, path: readonly (string | number)[]): SchemaNode | undefined {
  let node = schema as SchemaNode | undefined;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') node = Array.isArray(node.items) ? node.items[seg] : node.items;
    else if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, seg)) node = node.properties[seg];
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else return undefined;
  }
  return node;
}

/** Keys a user may write in the mapping at `path`. */
export function allowedKeys(schema: object | undefined, path: readonly (string | number)[]): string[] {
  const node = schemaAt(schema, path);
  if (!node?.properties) return [];
  return Object.entries(node.properties)
    .filter(([, sub]) => !sub['x-fleet-internal'])
    .map(([k]) => k);
}

/** Longer keys are not typos of a schema key; skipping them keeps the quadratic distance cheap. */
const MAX_KEY_LENGTH = 80;

const fold = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');

/**
 * The key most likely meant by `key` among `candidates`, or undefined when none is close or two
 * are equally close. Same letters in another case or with `-`/`_` win outright; otherwise the
 * edit distance must be small for the key's length, or one key must extend the other.
 */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
  if (key.length > MAX_KEY_LENGTH) return undefined;
  const folded = fold(key);
  const sameLetters = candidates.filter((c) => fold(c) === folded);
  if (sameLetters.length === 1) return sameLetters[0];
  const limit = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const c of candidates) {
    let dist = editDistance(folded, fold(c));
    const [short, long] = folded.length <= fold(c).length ? [folded, fold(c)] : [fold(c), folded];
    if (short.length >= 4 && long.startsWith(short) && long.length - short.length <= 4) dist = Math.min(dist, limit);
    if (dist > limit) continue;
    if (dist < bestDistance) {
      best = [c];
      bestDistance = dist;
    } else if (dist === bestDistance) {
      best.push(c);
    }
  }
  return best.length === 1 ? best[0] : undefined;
}

/**
 * Other places where `key` is a valid key, as dotted paths (`helm.chart`,
 * `rolloutStrategy.partitions[].clusterGroup`), shortest first: a key written one level off.
 */
export function placesOfKey(schema: object | undefined, key: string, maxDepth = 4): string[] {
  const out: string[] = [];
  const walk = (node: SchemaNode | undefined, at: string, depth: number) => {
    if (!node || depth > maxDepth) return;
    if (node.items && !Array.isArray(node.items)) walk(node.items, `${at}[]`, depth);
    for (const [k, sub] of Object.entries(node.properties ?? {})) {
      if (sub['x-fleet-internal']) continue;
      const here = at ? `${at}.${k}` : k;
      if (k === key) out.push(here);
      walk(sub, here, depth + 1);
    }
  };
  walk(schema as SchemaNode, '', 0);
  return out.sort((a, b) => a.split(/[.[]/).length - b.split(/[.[]/).length || a.localeCompare(b));
}

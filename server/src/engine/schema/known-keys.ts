import type { PathSeg } from '../yaml-nodes';

type JsonSchema = {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
};

/** Bounded: schemas are acyclic in practice, but a $ref loop must not hang anything. */
const MAX_REF_HOPS = 32;

function resolve(root: JsonSchema, s: JsonSchema, hops = 0): JsonSchema[] {
  if (hops > MAX_REF_HOPS) return [];
  if (s.$ref) {
    const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
    const target = m ? root.definitions?.[decodeURIComponent(m[1])] : undefined;
    return target ? resolve(root, target, hops + 1) : [];
  }
  const parts = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  return parts.length ? [s, ...parts.flatMap((p) => resolve(root, p, hops + 1))] : [s];
}

/** Sub-schemas that describe the value at `path` (several where anyOf/oneOf branch). */
export function schemasAt(root: object, path: readonly PathSeg[]): JsonSchema[] {
  let current = resolve(root as JsonSchema, root as JsonSchema);
  for (const seg of path) {
    const next: JsonSchema[] = [];
    for (const s of current) {
      const child =
        typeof seg === 'number' ? (Array.isArray(s.items) ? s.items[seg] : s.items) : (s.properties?.[seg] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined));
      if (child) next.push(...resolve(root as JsonSchema, child));
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

/** The keys a mapping at `path` may hold according to the schema; undefined when it is free-form. */
export function knownKeysAt(root: object, path: readonly PathSeg[]): string[] | undefined {
  const schemas = schemasAt(root, path);
  if (schemas.length === 0 || schemas.some((s) => s.additionalProperties === true || typeof s.additionalProperties === 'object')) return undefined;
  const keys = new Set<string>();
  for (const s of schemas) for (const k of Object.keys(s.properties ?? {})) keys.add(k);
  return keys.size ? [...keys] : undefined;
}

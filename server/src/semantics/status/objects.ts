/**
 * Defensive reading of Kubernetes objects as plain data (parsed YAML/JSON, or API responses).
 *
 * The status algorithm runs on objects nobody validated: a `kubectl get -o yaml` dump attached to
 * an incident, a hand-written manifest, a live cache. Every accessor here returns Go's zero value
 * (``""``, `0`, `false`, `[]`, `undefined` for pointers) where a field is missing or has the wrong
 * type, which is what the plugin sees after decoding into its typed structs.
 */

/** A Kubernetes object as plain data. */
export type KubeObject = Record<string, unknown>;

export function isObject(v: unknown): v is KubeObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a path of keys, or undefined when any step is missing or not a map. */
export function at(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** A map at a path; undefined (Go: nil pointer) when absent or `null`. */
export function mapAt(obj: unknown, ...path: string[]): KubeObject | undefined {
  const v = at(obj, ...path);
  return isObject(v) ? v : undefined;
}

export function listAt(obj: unknown, ...path: string[]): unknown[] {
  const v = at(obj, ...path);
  return Array.isArray(v) ? v : [];
}

/**
 * A string field. Scalars of other types become their text, as sigs.k8s.io/yaml does when it
 * decodes an unquoted `observedGeneration: 5` into a Go string field.
 */
export function strAt(obj: unknown, ...path: string[]): string {
  return asString(at(obj, ...path));
}

export function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return '';
}

/** An integer field (int32/int64 in Go); 0 when missing or not a whole number. */
export function intAt(obj: unknown, ...path: string[]): number {
  return asInt(at(obj, ...path));
}

export function asInt(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'bigint') return Number(v);
  return 0;
}

/** An optional integer (Go `*int32`): undefined when absent or null. */
export function optIntAt(obj: unknown, ...path: string[]): number | undefined {
  const v = at(obj, ...path);
  if (v === undefined || v === null) return undefined;
  return asInt(v);
}

export function boolAt(obj: unknown, ...path: string[]): boolean {
  return at(obj, ...path) === true;
}

/** A `map[string]string` field (labels, annotations); non-string values become their text. */
export function stringMapAt(obj: unknown, ...path: string[]): Record<string, string> {
  const m = mapAt(obj, ...path);
  const out: Record<string, string> = {};
  if (!m) return out;
  for (const [k, v] of Object.entries(m)) out[k] = asString(v);
  return out;
}

export function nameOf(obj: unknown): string {
  return strAt(obj, 'metadata', 'name');
}

export function namespaceOf(obj: unknown): string {
  return strAt(obj, 'metadata', 'namespace');
}

export function uidOf(obj: unknown): string {
  return strAt(obj, 'metadata', 'uid');
}

export function annotationOf(obj: unknown, key: string): string | undefined {
  const m = mapAt(obj, 'metadata', 'annotations');
  if (!m || !(key in m)) return undefined;
  return asString(m[key]);
}

export function labelOf(obj: unknown, key: string): string {
  return asString(mapAt(obj, 'metadata', 'labels')?.[key]);
}

/** The UIDs of `metadata.ownerReferences`, in order ("" for a reference without one). */
export function ownerUids(obj: unknown): string[] {
  return listAt(obj, 'metadata', 'ownerReferences').map((r) => strAt(r, 'uid'));
}

/**
 * The plugin's `ownerRef(refs, uids)`: the UID of the first owner reference (in the object's
 * order) whose UID is one of `uids`, or undefined. Empty UIDs compare equal, as in Go.
 */
export function ownerAmong(obj: unknown, uids: readonly string[]): string | undefined {
  for (const ref of ownerUids(obj)) {
    if (uids.includes(ref)) return ref;
  }
  return undefined;
}

// ---- time -------------------------------------------------------------------------------------

/** Milliseconds since the epoch (fractional for sub-millisecond input); undefined is Go's zero time. */
export type Timestamp = number | undefined;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Go's `time.Parse(time.RFC3339, s)` (which also accepts fractional seconds), as metav1.Time
 * decodes timestamps. Undefined for anything else, including `null`.
 */
export function parseTime(v: unknown): Timestamp {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime();
  if (typeof v !== 'string') return undefined;
  const m = RFC3339.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
  // Date.UTC maps years 0..99 to 1900..1999.
  if (Number(y) < 100) {
    const dt = new Date(ms);
    dt.setUTCFullYear(Number(y));
    ms = dt.getTime();
  }
  if (frac) ms += Number(`0${frac}`) * 1000;
  if (sign) ms -= (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return ms;
}

export function timeAt(obj: unknown, ...path: string[]): Timestamp {
  return parseTime(at(obj, ...path));
}

export function creationOf(obj: unknown): Timestamp {
  return timeAt(obj, 'metadata', 'creationTimestamp');
}

/** Go's zero time (0001-01-01T00:00:00Z) in epoch milliseconds. */
export const ZERO_TIME_MS = -62135596800000;

/** `t.Before(u)` with undefined as the zero time. */
export function timeBefore(t: Timestamp, u: Timestamp): boolean {
  return (t ?? ZERO_TIME_MS) < (u ?? ZERO_TIME_MS);
}

export function timeEqual(t: Timestamp, u: Timestamp): boolean {
  return (t ?? ZERO_TIME_MS) === (u ?? ZERO_TIME_MS);
}

/** Go's string comparison (byte-wise UTF-8, i.e. code point order) as a sort comparator. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

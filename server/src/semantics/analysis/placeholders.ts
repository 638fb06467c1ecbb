/**
 * `{{…}}` placeholders in metrics, as utils/template/template.go resolves them with valyala/fasttemplate
 * (argo-rollouts.md §1.6.5): every string of the marshalled metric is a template; a tag runs from
 * `{{` to the next `}}`; its trimmed text must be `args.<declared name>`, otherwise the run fails with
 * `failed to resolve {{<raw tag>}}`.
 */
import type { PathSeg } from '../../engine/yaml-nodes';
import { atoi, isObj, type SpecArg } from './spec';

export interface Tag {
  /** The text between the braces, untrimmed (upstream messages print it raw). */
  raw: string;
  /** `[start, end)` of the whole `{{…}}` in the string value. */
  start: number;
  end: number;
}

export interface StringField {
  path: PathSeg[];
  value: string;
  tags: Tag[];
  /** Offset of a `{{` with no `}}` after it (fasttemplate fails on it). */
  unclosed?: number;
}

export function tagsOf(s: string): { tags: Tag[]; unclosed?: number } {
  const tags: Tag[] = [];
  let i = 0;
  for (;;) {
    const open = s.indexOf('{{', i);
    if (open === -1) return { tags };
    const close = s.indexOf('}}', open + 2);
    if (close === -1) return { tags, unclosed: open };
    tags.push({ raw: s.slice(open + 2, close), start: open, end: close + 2 });
    i = close + 2;
  }
}

/** The arg a tag names (`args.x` → `x`), or undefined for anything else. */
export function argNameOf(tag: Tag): string | undefined {
  const key = tag.raw.trim();
  return key.startsWith('args.') ? key.slice(5) : undefined;
}

/** Every string in a metric (the whole metric is templated), with its tags. */
/** Per value and path array (the memoized metrics of spec.ts pass the same ones again and again). */
const fieldsOf = new WeakMap<object, { path: PathSeg[]; fields: StringField[] }>();

export function stringFields(value: unknown, path: PathSeg[]): StringField[] {
  if (typeof value !== 'object' || value === null) return collectStringFields(value, path);
  const memo = fieldsOf.get(value);
  if (memo && memo.path === path) return memo.fields;
  const fields = collectStringFields(value, path);
  fieldsOf.set(value, { path, fields });
  return fields;
}

function collectStringFields(value: unknown, path: PathSeg[]): StringField[] {
  const out: StringField[] = [];
  // One path array, extended and shortened as the walk goes: copied only for a field it keeps.
  collectInto(value, [...path], out);
  return out;
}

function collectInto(v: unknown, at: PathSeg[], out: StringField[]): void {
  if (typeof v === 'string') {
    if (!v.includes('{{')) return;
    const { tags, unclosed } = tagsOf(v);
    out.push({ path: [...at], value: v, tags, unclosed });
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      at.push(i);
      collectInto(v[i], at, out);
      at.pop();
    }
  } else if (isObj(v)) {
    for (const k in v) {
      at.push(k);
      collectInto(v[k], at, out);
      at.pop();
    }
  }
}

/**
 * Values known for each declared arg: its `value` when it has one, undefined when it has a
 * `valueFrom` or nothing (the Rollout or a Secret supplies it at run time).
 */
export function knownArgValues(args: readonly SpecArg[], supplied?: ReadonlyMap<string, string>): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const a of args) {
    const passed = supplied?.get(a.name);
    if (passed !== undefined) out.set(a.name, passed);
    else out.set(a.name, typeof a.value === 'string' ? a.value : typeof a.value === 'number' || typeof a.value === 'boolean' ? String(a.value) : undefined);
  }
  return out;
}

/** The string after substitution, or undefined when a tag's value is not known statically. */
export function substitute(s: string, values: ReadonlyMap<string, string | undefined>): string | undefined {
  const { tags, unclosed } = tagsOf(s);
  if (unclosed !== undefined) return undefined;
  let out = '';
  let at = 0;
  for (const t of tags) {
    const name = argNameOf(t);
    const v = name === undefined ? undefined : values.get(name);
    if (v === undefined) return undefined;
    out += s.slice(at, t.start) + v;
    at = t.end;
  }
  return out + s.slice(at);
}

/** IntOrString.IntValue() of a field after substitution: undefined when unknown, absent → undefined too. */
export function intValue(v: unknown, values: ReadonlyMap<string, string | undefined>): number | undefined {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v !== 'string') return undefined;
  const s = substitute(v, values);
  if (s === undefined) return undefined;
  return atoi(s) ?? 0;
}

/** A string field after substitution (undefined when unknown). */
export function stringValue(v: unknown, values: ReadonlyMap<string, string | undefined>): string | undefined {
  if (typeof v !== 'string') return undefined;
  return substitute(v, values);
}

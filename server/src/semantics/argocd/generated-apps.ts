/**
 * What can be known, before anything runs, about the Applications an ApplicationSet generates —
 * only as far as RollingSync step assignment needs it (names and labels; fleet-argocd.md §5.3).
 *
 * Two levels:
 * - `labelSources`: per top-level generator, the label keys of its Applications and whether each
 *   value is a literal or templated, from `spec.template` merged under the generator's own
 *   `template` (mergo.Merge: the generator's keys win, missing ones come from spec.template).
 *   `templatePatch` can rewrite metadata, so a patch mentioning `metadata` makes the set open.
 * - `staticApplications`: the exact Applications, when every generator is a `list` (or a `matrix`
 *   of two lists) with literal `elements` and every name/label renders (templating.ts). Otherwise
 *   undefined with the reason, and callers fall back to label sources.
 *
 * Upstream: applicationset/controllers/template/template.go GenerateApplications,
 * generators/generator_spec_processor.go Transform/mergeGeneratorTemplate, generators/list.go,
 * generators/matrix.go, utils/utils.go RenderTemplateParams/Replace.
 */
import type { PathSeg } from '../../engine/yaml-nodes';
import { isTemplated, render, type Params } from './templating';

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

export interface LabelInfo {
  /** The literal value, when the template sets it without markup. */
  literal?: string;
  templated: boolean;
  /** Where the label is written in the ApplicationSet. */
  path: PathSeg[];
}

export interface LabelSource {
  /** Index in spec.generators. */
  generator: number;
  /** The generator kind (`list`, `clusters`, `matrix`…), or '' when none is recognisable. */
  kind: string;
  labels: Map<string, LabelInfo>;
  /** Labels this analysis cannot see may exist (templatePatch touching metadata, templated label keys). */
  open: boolean;
  /** Why the source is open, for messages. */
  openReason?: string;
}

const NOT_GENERATORS = new Set(['selector', 'values']);

/** Enumeration stops beyond this many Applications (the analysis then falls back to label sources). */
export const MAX_STATIC_APPS = 5000;

/** The generator kinds of one `spec.generators[]` entry (normally one). */
export function generatorKinds(gen: unknown): string[] {
  const g = obj(gen);
  if (!g) return [];
  return Object.keys(g).filter((k) => !NOT_GENERATORS.has(k) && obj(g[k]) !== undefined);
}

export function isGoTemplate(appset: Obj): boolean {
  return obj(appset.spec)?.goTemplate === true;
}

function templatePatchOf(appset: Obj): string | undefined {
  const p = obj(appset.spec)?.templatePatch;
  return typeof p === 'string' ? p : undefined;
}

/** Whether templatePatch can change metadata (labels or name). A patch never mentioning `metadata` cannot. */
export function patchTouchesMetadata(appset: Obj): boolean {
  const p = templatePatchOf(appset);
  return p !== undefined && /metadata/.test(p);
}

/** Whether templatePatch text names the label key, e.g. `envLabel: …`. */
export function patchMentions(appset: Obj, key: string): boolean {
  const p = templatePatchOf(appset);
  return p !== undefined && p.includes(key);
}

function labelsAt(template: unknown, base: PathSeg[]): Map<string, LabelInfo> {
  const out = new Map<string, LabelInfo>();
  const labels = obj(obj(obj(template)?.metadata)?.labels);
  if (!labels) return out;
  for (const [k, v] of Object.entries(labels)) {
    if (v === null || v === undefined) continue;
    const s = typeof v === 'string' ? v : String(v);
    out.set(k, isTemplated(s) ? { templated: true, path: [...base, 'metadata', 'labels', k] } : { literal: s, templated: false, path: [...base, 'metadata', 'labels', k] });
  }
  return out;
}

/** Label sources, one per top-level generator (an ApplicationSet without generators generates nothing: []). */
export function labelSources(appset: Obj): LabelSource[] {
  const spec = obj(appset.spec) ?? {};
  const generators = Array.isArray(spec.generators) ? spec.generators : [];
  const base = labelsAt(spec.template, ['spec', 'template']);
  const patchOpen = patchTouchesMetadata(appset);
  return generators.map((gen, i) => {
    const kinds = generatorKinds(gen);
    const kind = kinds[0] ?? '';
    const labels = new Map(base);
    let open = patchOpen;
    let openReason = patchOpen ? 'spec.templatePatch may set labels' : undefined;
    for (const k of kinds) {
      const own = labelsAt(obj(obj(gen)?.[k])?.template, ['spec', 'generators', i, k, 'template']);
      for (const [key, info] of own) labels.set(key, info);
    }
    if ([...labels.keys()].some(isTemplated)) {
      open = true;
      openReason ??= 'a label key is templated';
    }
    return { generator: i, kind, labels, open, openReason };
  });
}

export interface StaticApp {
  name: string;
  labels: Record<string, string>;
  generator: number;
  /** Paths of the list elements that produced it (two for a matrix). */
  elements: PathSeg[][];
}

export type StaticResult = { apps: StaticApp[] } | { reason: string };

interface ParamSet {
  params: Params;
  elements: PathSeg[][];
}

/** list generator params (generators/list.go): the element itself with goTemplate; else string values, `values.k` flattened. */
function listParams(list: Obj, path: PathSeg[], goTemplate: boolean): ParamSet[] | string {
  if (list.elementsYaml !== undefined && list.elementsYaml !== null && list.elementsYaml !== '') return 'elementsYaml is read at run time';
  const elements = Array.isArray(list.elements) ? list.elements : [];
  const out: ParamSet[] = [];
  for (let i = 0; i < elements.length; i++) {
    const el = obj(elements[i]);
    if (!el) return 'a list element is not a mapping';
    const at = [...path, 'elements', i];
    if (goTemplate) {
      out.push({ params: el, elements: [at] });
      continue;
    }
    const params: Params = {};
    for (const [k, v] of Object.entries(el)) {
      if (k === 'values') {
        const values = obj(v);
        if (!values) return 'a list element has a non-mapping `values`';
        for (const [vk, vv] of Object.entries(values)) {
          if (typeof vv !== 'string') return 'a list element value is not a string (the generator fails without goTemplate)';
          params[`values.${vk}`] = vv;
        }
      } else {
        if (typeof v !== 'string') return 'a list element value is not a string (the generator fails without goTemplate)';
        params[k] = v;
      }
    }
    out.push({ params, elements: [at] });
  }
  return out;
}

/** flattenParameters: dot-separated keys, Go %v values (strings and booleans only here). */
function flatten(params: Params, prefix = '', out: Record<string, string> = {}): Record<string, string> | undefined {
  for (const [k, v] of Object.entries(params)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'boolean') out[key] = String(v);
    else if (obj(v)) {
      if (!flatten(v as Params, key, out)) return undefined;
    } else return undefined;
  }
  return out;
}

/** utils.LabelSelectorAsSelector semantics over flattened params; undefined when undecidable. */
function selectorMatches(selector: Obj, params: Params): boolean | undefined {
  const flat = flatten(params);
  if (!flat) return undefined;
  const has = (k: string) => Object.prototype.hasOwnProperty.call(flat, k);
  const ml = obj(selector.matchLabels) ?? {};
  for (const [k, v] of Object.entries(ml)) if (!has(k) || flat[k] !== String(v)) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    const x = obj(e);
    if (!x || typeof x.key !== 'string') return undefined;
    const values = Array.isArray(x.values) ? x.values.map(String) : [];
    switch (x.operator) {
      case 'In':
        if (!has(x.key) || !values.includes(flat[x.key])) return false;
        break;
      case 'NotIn':
        if (has(x.key) && values.includes(flat[x.key])) return false;
        break;
      case 'Exists':
        if (!has(x.key)) return false;
        break;
      case 'DoesNotExist':
        if (has(x.key)) return false;
        break;
      default:
        return undefined;
    }
  }
  return true;
}

function filterBySelector(sets: ParamSet[], selector: unknown): ParamSet[] | string {
  const sel = obj(selector);
  if (!sel) return sets;
  const out: ParamSet[] = [];
  for (const s of sets) {
    const m = selectorMatches(sel, s.params);
    if (m === undefined) return 'a generator selector cannot be evaluated statically';
    if (m) out.push(s);
  }
  return out;
}

/** Params of a child of a matrix (only a list here). */
function childParams(child: unknown, path: PathSeg[], goTemplate: boolean): ParamSet[] | string {
  const c = obj(child);
  const kinds = generatorKinds(child);
  if (!c || kinds.length !== 1 || kinds[0] !== 'list') return 'a matrix child is not a list generator';
  const list = obj(c.list)!;
  if (JSON.stringify(list.elements ?? []).includes('{{')) return 'a matrix child interpolates parameters of the other';
  const sets = listParams(list, [...path, 'list'], goTemplate);
  return typeof sets === 'string' ? sets : filterBySelector(sets, c.selector);
}

/** mergo.Merge(&tmp, b, WithOverride) then (&tmp, a, WithOverride): a's keys win, maps merge deeply. */
function mergeOverride(dst: Params, src: Params): Params {
  const out: Params = { ...dst };
  for (const [k, v] of Object.entries(src)) {
    const d = obj(out[k]);
    const s = obj(v);
    out[k] = d && s ? mergeOverride(d, s) : v;
  }
  return out;
}

function matrixParams(matrix: Obj, path: PathSeg[], goTemplate: boolean): ParamSet[] | string {
  const children = Array.isArray(matrix.generators) ? matrix.generators : [];
  if (children.length !== 2) return 'a matrix needs exactly two generators';
  const a = childParams(children[0], [...path, 'generators', 0], goTemplate);
  if (typeof a === 'string') return a;
  const b = childParams(children[1], [...path, 'generators', 1], goTemplate);
  if (typeof b === 'string') return b;
  if (a.length * b.length > MAX_STATIC_APPS) return 'the matrix generates too many Applications to enumerate here';
  const out: ParamSet[] = [];
  for (const pa of a) {
    for (const pb of b) {
      let params: Params;
      if (goTemplate) {
        params = mergeOverride(mergeOverride({}, pb.params), pa.params);
      } else {
        params = { ...pa.params };
        for (const [k, v] of Object.entries(pb.params)) {
          if (Object.prototype.hasOwnProperty.call(params, k) && params[k] !== v) return 'matrix parameters conflict (the generator fails)';
          params[k] = v;
        }
      }
      out.push({ params, elements: [...pa.elements, ...pb.elements] });
    }
  }
  return out;
}

/** The name and labels template of a generator: its own template's, else spec.template's (mergo.Merge fills what is empty). */
function mergedMetadata(specTemplate: unknown, genTemplate: unknown): { name: unknown; labels: Obj } {
  const base = obj(obj(specTemplate)?.metadata) ?? {};
  const own = obj(obj(genTemplate)?.metadata) ?? {};
  const name = typeof own.name === 'string' && own.name !== '' ? own.name : base.name;
  const labels: Obj = { ...(obj(base.labels) ?? {}), ...(obj(own.labels) ?? {}) };
  return { name, labels };
}

/**
 * The generated Applications, in generation order, when they can be computed exactly; otherwise
 * the reason they cannot.
 */
export function staticApplications(appset: Obj): StaticResult {
  const spec = obj(appset.spec) ?? {};
  if (patchTouchesMetadata(appset)) return { reason: 'spec.templatePatch may change names and labels' };
  const goTemplate = isGoTemplate(appset);
  const generators = Array.isArray(spec.generators) ? spec.generators : [];
  const apps: StaticApp[] = [];
  for (let i = 0; i < generators.length; i++) {
    const gen = obj(generators[i]);
    const kinds = generatorKinds(gen);
    if (!gen || kinds.length !== 1) return { reason: `generator ${i + 1} has no single recognisable kind` };
    const kind = kinds[0];
    const path: PathSeg[] = ['spec', 'generators', i, kind];
    let sets: ParamSet[] | string;
    if (kind === 'list') sets = listParams(obj(gen.list)!, path, goTemplate);
    else if (kind === 'matrix') sets = matrixParams(obj(gen.matrix)!, path, goTemplate);
    else return { reason: `the ${kind} generator's parameters are only known at run time` };
    if (typeof sets === 'string') return { reason: sets };
    sets = filterBySelector(sets, gen.selector);
    if (typeof sets === 'string') return { reason: sets };
    if (apps.length + sets.length > MAX_STATIC_APPS) return { reason: 'too many Applications to enumerate here' };
    const meta = mergedMetadata(spec.template, obj(gen[kind])?.template);
    for (const set of sets) {
      // RenderTemplateParams returns the template untouched when there are no params.
      const noParams = Object.keys(set.params).length === 0;
      const r = (s: string) => (noParams ? (isTemplated(s) ? undefined : s) : render(s, set.params, goTemplate));
      const name = typeof meta.name === 'string' ? r(meta.name) : undefined;
      if (name === undefined) return { reason: 'an Application name cannot be rendered statically' };
      const labels: Record<string, string> = {};
      for (const [k, v] of Object.entries(meta.labels)) {
        if (v === null || v === undefined) continue;
        if (isTemplated(k)) return { reason: 'a label key is templated' };
        const value = r(typeof v === 'string' ? v : String(v));
        if (value === undefined) return { reason: `label '${k}' cannot be rendered statically` };
        labels[k] = value;
      }
      apps.push({ name, labels, generator: i, elements: set.elements });
    }
  }
  return { apps };
}

/** Names of the parameters list generators provide (any nesting), with the values seen for each. */
export function listParameterValues(appset: Obj): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const visit = (gen: unknown) => {
    const g = obj(gen);
    if (!g) return;
    const list = obj(g.list);
    if (list && Array.isArray(list.elements)) {
      for (const el of list.elements) {
        for (const [k, v] of Object.entries(obj(el) ?? {})) {
          if (typeof v !== 'string') continue;
          const set = out.get(k) ?? new Set<string>();
          set.add(v);
          out.set(k, set);
        }
      }
    }
    for (const nested of ['matrix', 'merge']) {
      const children = obj(g[nested])?.generators;
      if (Array.isArray(children)) children.forEach(visit);
    }
  };
  const generators = obj(appset.spec)?.generators;
  if (Array.isArray(generators)) generators.forEach(visit);
  return out;
}

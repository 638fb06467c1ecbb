import { K } from '../engine/kinds';
import type { ManifestObject } from '../engine/objects';
import type { Position, Range } from '../engine/text/line-index';
import type { Workspace } from '../engine/workspace';
import type { PathSeg } from '../engine/yaml-nodes';
import { placeTarget } from '../check/placement';
import { analysisGroups } from '../semantics/rollouts/analysis-groups';
import { cursorAt } from './cursor';

/** A named thing that can be defined in one place and referred to in others. */
export type SymbolRef =
  | { kind: 'object'; typeId: string; name: string }
  /** An analysis argument of one template. */
  | { kind: 'arg'; template: ManifestObject; name: string };

/** A place in the workspace: a scalar at `path` of `object`, optionally a span inside its value. */
export interface Site {
  object: ManifestObject;
  path: PathSeg[];
  span?: [number, number];
  onKey?: boolean;
}

export interface Location {
  uri: string;
  range: Range;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (v: unknown, path: readonly PathSeg[]): unknown => path.reduce<unknown>((acc, seg) => (isObj(acc) || Array.isArray(acc) ? (acc as Record<string | number, unknown>)[seg] : undefined), v);

const TEMPLATE_TYPES: readonly string[] = [K.AnalysisTemplate, K.ClusterAnalysisTemplate];
const ARG_PLACEHOLDER = /\{\{\s*args\.([^}\s]+)\s*\}\}/g;

/** Every place a Rollout names an analysis template, with the type it refers to. */
function templateRefs(rollout: ManifestObject): Array<{ site: Site; typeId: string; name: string; args: Array<{ name: string; path: PathSeg[] }> }> {
  return analysisGroups(rollout.value).flatMap((g) =>
    g.templates
      .filter((t) => t.templateName)
      .map((t) => ({
        site: { object: rollout, path: [...t.path, 'templateName'] },
        typeId: t.clusterScope ? K.ClusterAnalysisTemplate : K.AnalysisTemplate,
        name: t.templateName!,
        args: g.args.filter((a) => a.name).map((a) => ({ name: a.name!, path: [...a.path, 'name'] })),
      })),
  );
}

/** Object references by field: Services of a Rollout, ClusterGroups of Fleet targets and partitions. */
function objectRefs(o: ManifestObject): Array<{ site: Site; typeId: string; name: string }> {
  const out: Array<{ site: Site; typeId: string; name: string }> = [];
  const add = (path: PathSeg[], typeId: string) => {
    const name = get(o.value, path);
    if (typeof name === 'string' && name) out.push({ site: { object: o, path }, typeId, name });
  };
  if (o.typeId === K.Rollout) {
    for (const key of ['canaryService', 'stableService']) add(['spec', 'strategy', 'canary', key], K.Service);
    for (const key of ['pingService', 'pongService']) add(['spec', 'strategy', 'canary', 'pingPong', key], K.Service);
    for (const key of ['activeService', 'previewService']) add(['spec', 'strategy', 'blueGreen', key], K.Service);
    for (const r of templateRefs(o)) out.push(r);
  }
  const groupHolders: Array<[PathSeg[], unknown]> = [];
  if (o.typeId === K.FleetYaml) groupHolders.push([['targetCustomizations'], get(o.value, ['targetCustomizations'])], [['rolloutStrategy', 'partitions'], get(o.value, ['rolloutStrategy', 'partitions'])]);
  if (o.typeId === K.GitRepo || o.typeId === K.Bundle || o.typeId === K.HelmOp) groupHolders.push([['spec', 'targets'], get(o.value, ['spec', 'targets'])], [['spec', 'rolloutStrategy', 'partitions'], get(o.value, ['spec', 'rolloutStrategy', 'partitions'])]);
  for (const [base, list] of groupHolders) if (Array.isArray(list)) list.forEach((_, i) => add([...base, i, 'clusterGroup'], K.ClusterGroup));
  return out;
}

function argSites(template: ManifestObject, name: string): Site[] {
  const sites: Site[] = [];
  const stack: Array<{ v: unknown; path: PathSeg[] }> = [{ v: get(template.value, ['spec']), path: ['spec'] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      for (const m of v.matchAll(ARG_PLACEHOLDER)) {
        if (m[1] !== name) continue;
        const start = m.index! + m[0].indexOf('args.') + 5;
        sites.push({ object: template, path, span: [start, start + name.length] });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
  }
  return sites;
}

function argDeclaration(template: ManifestObject, name: string): Site | undefined {
  const args = get(template.value, ['spec', 'args']);
  const i = Array.isArray(args) ? args.findIndex((a) => isObj(a) && a.name === name) : -1;
  return i === -1 ? undefined : { object: template, path: ['spec', 'args', i, 'name'] };
}

/** Rollouts' `args[].name` entries that pass `name` to `template`. */
function argPassSites(workspace: Workspace, template: ManifestObject, name: string): Site[] {
  return workspace.all(K.Rollout).flatMap((r) => templateRefs(r).filter((ref) => ref.typeId === template.typeId && ref.name === template.name).flatMap((ref) => ref.args.filter((a) => a.name === name).map((a) => ({ object: r, path: a.path }))));
}

/** What the cursor names, if anything. */
export function symbolAt(workspace: Workspace, uri: string, position: Position): SymbolRef | undefined {
  const c = cursorAt(workspace, uri, position);
  const o = c?.object;
  if (!c || !o || c.path.length === 0) return undefined;
  const pathKey = JSON.stringify(c.path);
  // metadata.name of a named object
  if (!c.onKey && pathKey === JSON.stringify(['metadata', 'name']) && o.typeId && o.name) return { kind: 'object', typeId: o.typeId, name: o.name };
  for (const ref of objectRefs(o)) if (JSON.stringify(ref.site.path) === pathKey && !c.onKey) return { kind: 'object', typeId: ref.typeId, name: ref.name };
  if (TEMPLATE_TYPES.includes(o.typeId ?? '')) {
    // a {{args.x}} placeholder or an args[].name declaration
    if (c.scalar?.range) {
      const value = get(o.value, c.path);
      if (typeof value === 'string') {
        const source = c.chunk.text.slice(c.scalar.range[0], c.scalar.range[1]);
        for (const m of source.matchAll(ARG_PLACEHOLDER)) {
          const at = c.offset - c.scalar.range[0];
          if (at >= m.index! && at <= m.index! + m[0].length) return { kind: 'arg', template: o, name: m[1] };
        }
      }
    }
    if (c.path.length === 4 && c.path[0] === 'spec' && c.path[1] === 'args' && c.path[3] === 'name' && !c.onKey) {
      const name = get(o.value, c.path);
      if (typeof name === 'string') return { kind: 'arg', template: o, name };
    }
  }
  if (o.typeId === K.Rollout && c.path[c.path.length - 1] === 'name' && c.path.includes('args') && !c.onKey) {
    for (const ref of templateRefs(o)) {
      const a = ref.args.find((x) => JSON.stringify(x.path) === pathKey);
      if (!a) continue;
      const template = workspace.find(ref.typeId, ref.name, ref.typeId === K.ClusterAnalysisTemplate ? undefined : o.namespace)[0];
      if (template) return { kind: 'arg', template, name: a.name };
    }
  }
  return undefined;
}

export function declarations(workspace: Workspace, sym: SymbolRef): Site[] {
  if (sym.kind === 'arg') {
    const d = argDeclaration(sym.template, sym.name);
    return d ? [d] : [];
  }
  return workspace.find(sym.typeId, sym.name).map((o) => ({ object: o, path: o.typeId === K.FleetYaml ? ['name'] : ['metadata', 'name'] }));
}

export function references(workspace: Workspace, sym: SymbolRef): Site[] {
  if (sym.kind === 'arg') return [...argSites(sym.template, sym.name), ...argPassSites(workspace, sym.template, sym.name)];
  const referrers = [...workspace.all(K.Rollout), ...workspace.all(K.FleetYaml), ...workspace.all(K.GitRepo), ...workspace.all(K.Bundle), ...workspace.all(K.HelmOp)];
  return referrers.flatMap((o) => objectRefs(o).filter((r) => r.typeId === sym.typeId && r.name === sym.name).map((r) => r.site));
}

export function siteLocation(site: Site): Location {
  const [start, end] = placeTarget(site.object, { path: site.path, span: site.span, onKey: site.onKey });
  return { uri: site.object.uri, range: site.object.chunk.toFileRange(start, end) };
}

export function definition(workspace: Workspace, uri: string, position: Position): Location[] {
  const sym = symbolAt(workspace, uri, position);
  return sym ? declarations(workspace, sym).map(siteLocation) : [];
}

export function findReferences(workspace: Workspace, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const sym = symbolAt(workspace, uri, position);
  if (!sym) return [];
  return [...(includeDeclaration ? declarations(workspace, sym) : []), ...references(workspace, sym)].map(siteLocation);
}

/** Rename a template (its name and every templateName) or an analysis arg (declaration, placeholders, Rollout args). */
export function rename(workspace: Workspace, uri: string, position: Position, newName: string): Array<{ uri: string; range: Range; newText: string }> | undefined {
  const sym = symbolAt(workspace, uri, position);
  if (!sym || !/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(newName)) return undefined;
  const sites = [...declarations(workspace, sym), ...references(workspace, sym)];
  const seen = new Set<string>();
  return sites
    .map(siteLocation)
    .filter((l) => {
      const k = `${l.uri}#${l.range.start.line}:${l.range.start.character}`;
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .map((l) => ({ ...l, newText: newName }));
}

import { K, isFleetYamlPath } from '../engine/kinds';
import type { ManifestObject } from '../engine/objects';
import { FLEET_YAML_SCHEMA_ID, schemaFor, schemaIdFor } from '../engine/schema';
import { schemasAt } from '../engine/schema/known-keys';
import type { Position, Range } from '../engine/text/line-index';
import type { Workspace } from '../engine/workspace';
import type { PathSeg } from '../engine/yaml-nodes';
import { completionPlace, type CompletionPlace } from './completion-context';
import { STEP_SNIPPETS } from './step-snippets';
import { inventoryLabels } from '../engine/inventory';

export type CompletionKind = 'property' | 'value' | 'reference' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text that replaces `range`; a snippet when `snippet` is true. */
  insertText: string;
  snippet?: boolean;
  range: Range;
  sortText?: string;
}

type Obj = Record<string, unknown>;
type Schema = { description?: string; type?: string | string[]; enum?: unknown[]; properties?: Record<string, Schema>; items?: Schema };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (v: unknown, path: readonly PathSeg[]): unknown => path.reduce<unknown>((acc, seg) => (isObj(acc) || Array.isArray(acc) ? (acc as Record<string | number, unknown>)[typeof seg === 'number' ? seg : seg] : undefined), v);

const MAX_DOC = 600;
const shortDoc = (d?: string) => (d && d.length > MAX_DOC ? `${d.slice(0, MAX_DOC)}…` : d);

function schemaIdOf(o: ManifestObject | undefined, uri: string): string | undefined {
  if (isFleetYamlPath(uri)) return FLEET_YAML_SCHEMA_ID;
  return o ? schemaIdFor(o.apiVersion, o.kind) : undefined;
}

function typeLabel(s: Schema): string {
  return ([] as string[]).concat(s.type ?? []).join(' | ') || 'object';
}

/** How a key is best typed: `key: ` for scalars, a block opener for maps and lists. */
function keyInsert(key: string, schemas: Schema[]): { text: string; snippet: boolean } {
  const types = new Set(schemas.flatMap((s) => ([] as string[]).concat(s.type ?? [])));
  if (types.has('object') && types.size === 1) return { text: `${key}:\n  $0`, snippet: true };
  if (types.has('array') && types.size === 1) return { text: `${key}:\n  - $0`, snippet: true };
  return { text: `${key}: $0`, snippet: true };
}

/** The value's index-based path in the real document (seq indexes from the place are placeholders). */
function existingKeys(o: ManifestObject | undefined, path: PathSeg[]): Set<string> {
  const v = get(o?.value, path);
  return new Set(isObj(v) ? Object.keys(v) : []);
}

/** Cluster label values from the live inventory for `matchLabels.<key>: ` and a matchExpressions `key: `. */
function labelValueItems(workspace: Workspace, path: PathSeg[], range: Range): CompletionItem[] {
  const labels = workspace.inventory ? inventoryLabels(workspace.inventory) : undefined;
  if (!labels) return [];
  const parent = path[path.length - 2];
  const key = String(path[path.length - 1]);
  if (parent === 'matchLabels') return [...(labels.get(key) ?? [])].sort().map((v) => ({ label: v, kind: 'value' as const, detail: `${key} on live clusters`, insertText: v, range }));
  if (key === 'key' && path.includes('matchExpressions')) return [...labels.keys()].sort().map((k) => ({ label: k, kind: 'value' as const, detail: 'cluster label', insertText: k, range }));
  return [];
}

/** Label keys of live clusters as new keys under `matchLabels:`. */
function labelKeyItems(workspace: Workspace, path: PathSeg[], present: Set<string>, range: Range): CompletionItem[] {
  if (!workspace.inventory || path[path.length - 1] !== 'matchLabels') return [];
  return [...inventoryLabels(workspace.inventory)].filter(([k]) => !present.has(k)).map(([k, values]) => ({ label: k, kind: 'property' as const, detail: `cluster label: ${[...values].slice(0, 5).join(', ')}${values.size > 5 ? ', …' : ''}`, insertText: `${k}: `, range }));
}

function keyItems(o: ManifestObject | undefined, uri: string, place: Extract<CompletionPlace, { at: 'key' }>, range: Range, workspace?: Workspace): CompletionItem[] {
  const id = schemaIdOf(o, uri);
  const schema = id ? schemaFor(id) : undefined;
  const items: CompletionItem[] = [];
  if (!schema) {
    if (place.path.length === 0 && !isFleetYamlPath(uri)) {
      for (const key of ['apiVersion', 'kind', 'metadata', 'spec']) items.push({ label: key, kind: 'property', insertText: `${key}: `, range });
    }
    return items;
  }
  const here = schemasAt(schema, place.path) as Schema[];
  const present = existingKeys(o, place.path);
  if (workspace) items.push(...labelKeyItems(workspace, place.path, present, range));
  const seen = new Set<string>();
  for (const s of here) {
    for (const [key, sub] of Object.entries(s.properties ?? {})) {
      if (seen.has(key) || present.has(key) || key === 'status') continue;
      seen.add(key);
      const subs = schemasAt(schema, [...place.path, key]) as Schema[];
      const insert = keyInsert(key, subs.length ? subs : [sub]);
      items.push({ label: key, kind: 'property', detail: typeLabel(subs[0] ?? sub), documentation: shortDoc(subs.find((x) => x.description)?.description), insertText: insert.text, snippet: insert.snippet, range });
    }
  }
  const last = place.path[place.path.length - 2];
  if (o?.typeId === K.Rollout && last === 'steps' && place.inSequenceItem) {
    for (const s of STEP_SNIPPETS) items.push({ label: s.label, kind: 'snippet', detail: s.detail, insertText: s.body, snippet: true, range, sortText: `0${s.label}` });
  }
  return items;
}

function valueItems(workspace: Workspace, o: ManifestObject | undefined, uri: string, place: Extract<CompletionPlace, { at: 'value' }>, range: Range): CompletionItem[] {
  const key = place.path[place.path.length - 1];
  const items: CompletionItem[] = [];
  const names = (typeId: string, detail: string) =>
    workspace.all(typeId).map((t) => ({ label: t.name!, kind: 'reference' as const, detail, documentation: t.namespace ? `namespace ${t.namespace}` : undefined, insertText: t.name!, range }));
  if (o?.typeId === K.Rollout && key === 'templateName') {
    const ref = get(o.value, place.path.slice(0, -1));
    const cluster = isObj(ref) && ref.clusterScope === true;
    items.push(...names(cluster ? K.ClusterAnalysisTemplate : K.AnalysisTemplate, cluster ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate'));
  } else if (o?.typeId === K.Rollout && key === 'name' && place.path.includes('args')) {
    items.push(...argNameItems(workspace, o, place.path, range));
  } else if (key === 'clusterGroup') {
    items.push(...names(K.ClusterGroup, 'ClusterGroup'));
  } else if (o?.typeId === K.Rollout && ['canaryService', 'stableService', 'activeService', 'previewService', 'pingService', 'pongService'].includes(String(key))) {
    items.push(...names(K.Service, 'Service'));
  }
  items.push(...labelValueItems(workspace, place.path, range));
  const id = schemaIdOf(o, uri);
  const schema = id ? schemaFor(id) : undefined;
  if (schema) {
    for (const s of schemasAt(schema, place.path) as Schema[]) {
      for (const v of s.enum ?? []) items.push({ label: String(v), kind: 'value', detail: 'allowed value', insertText: String(v), range });
      if (([] as string[]).concat(s.type ?? []).includes('boolean')) for (const b of ['true', 'false']) items.push({ label: b, kind: 'value', insertText: b, range });
    }
  }
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.label) ? false : (seen.add(i.label), true)));
}

/** The declared args of the templates this analysis block uses, minus those already passed. */
function argNameItems(workspace: Workspace, rollout: ManifestObject, path: PathSeg[], range: Range): CompletionItem[] {
  const argsAt = path.lastIndexOf('args');
  const block = get(rollout.value, path.slice(0, argsAt));
  if (!isObj(block) || !Array.isArray(block.templates)) return [];
  const passed = new Set((Array.isArray(block.args) ? block.args : []).map((a) => (isObj(a) ? a.name : undefined)));
  const items: CompletionItem[] = [];
  for (const t of block.templates) {
    if (!isObj(t) || typeof t.templateName !== 'string') continue;
    const template = workspace.find(t.clusterScope === true ? K.ClusterAnalysisTemplate : K.AnalysisTemplate, t.templateName, rollout.namespace)[0];
    const args = template && isObj(template.value?.spec) && Array.isArray(template.value!.spec.args) ? template.value!.spec.args : [];
    for (const a of args) {
      if (!isObj(a) || typeof a.name !== 'string' || passed.has(a.name)) continue;
      const required = a.value === undefined && a.valueFrom === undefined;
      items.push({ label: a.name, kind: 'reference', detail: `${required ? 'required' : `default ${String(a.value ?? 'valueFrom')}`} · ${t.templateName}`, insertText: a.name, range, sortText: required ? `0${a.name}` : `1${a.name}` });
    }
  }
  return items;
}

function argPlaceholderItems(o: ManifestObject | undefined, range: Range): CompletionItem[] {
  if (!o || (o.typeId !== K.AnalysisTemplate && o.typeId !== K.ClusterAnalysisTemplate)) return [];
  const args = isObj(o.value?.spec) && Array.isArray(o.value!.spec.args) ? o.value!.spec.args : [];
  return args.filter((a): a is Obj => isObj(a) && typeof a.name === 'string').map((a) => ({ label: String(a.name), kind: 'reference' as const, detail: a.value !== undefined ? `default ${String(a.value)}` : 'template argument', insertText: `${String(a.name)}}}`, range }));
}

export function complete(workspace: Workspace, uri: string, position: Position): CompletionItem[] {
  const file = workspace.file(uri);
  if (!file || file.chunks.length === 0) return [];
  const chunk = file.chunks[file.chunkIndexAtLine(position.line)];
  const place = completionPlace(chunk, position.line, position.character);
  if (!place) return [];
  const objects = workspace.objectsOfChunk(chunk);
  const object = objects[0];
  const range: Range = { start: { line: position.line, character: place.start }, end: position };
  if (place.at === 'arg') return argPlaceholderItems(object, range);
  if (place.at === 'key') return keyItems(object, uri, place, range, workspace);
  return valueItems(workspace, object, uri, place, range);
}

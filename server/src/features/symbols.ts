import { isMap, isSeq, type Node } from 'yaml';
import type { ManifestObject } from '../engine/objects';
import { K } from '../engine/kinds';
import type { Range } from '../engine/text/line-index';
import type { Workspace } from '../engine/workspace';
import type { Chunk } from '../engine/source-file';
import { locate, type PathSeg } from '../engine/yaml-nodes';

export type SymbolKind = 'object' | 'step' | 'metric' | 'partition' | 'customization' | 'arg' | 'template';

/** An outline entry; `range` covers the whole entry, `selectionRange` its name. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function rangeOf(o: ManifestObject, path: readonly PathSeg[]): { range: Range; selectionRange: Range } | undefined {
  const loc = locate(o.doc, o.root, path);
  if (loc.matched < path.length) return undefined;
  const node = loc.node as Node;
  const key = (loc.key as Node | undefined) ?? node;
  if (!node.range || !key.range) return undefined;
  const start = Math.min(key.range[0], node.range[0]);
  // A list item has no key: select its first line, not the whole item.
  const nl = o.chunk.text.indexOf('\n', key.range[0]);
  const selectionEnd = key === node && nl !== -1 ? Math.min(key.range[1], nl) : key.range[1];
  return { range: o.chunk.toFileRange(start, node.range[1]), selectionRange: o.chunk.toFileRange(key.range[0], selectionEnd) };
}

function child(o: ManifestObject, path: PathSeg[], name: string, kind: SymbolKind, detail?: string, children: OutlineSymbol[] = []): OutlineSymbol[] {
  const r = rangeOf(o, path);
  return r ? [{ name, detail, kind, ...r, children }] : [];
}

/** `setWeight 20`, `pause 5m`, `pause (until promoted)`, `analysis: a, b` — what a person scans for. */
export function describeStep(step: unknown): string {
  if (!isObj(step)) return 'step';
  if ('setWeight' in step) return `setWeight ${String(step.setWeight)}`;
  if ('pause' in step) {
    const d = isObj(step.pause) ? step.pause.duration : undefined;
    return d === undefined || d === null ? 'pause (until promoted)' : `pause ${String(d)}`;
  }
  if ('analysis' in step) return `analysis: ${templateNames(step.analysis).join(', ') || '(no templates)'}`;
  if ('experiment' in step) return 'experiment';
  if ('setCanaryScale' in step) return 'setCanaryScale';
  if ('setHeaderRoute' in step) return 'setHeaderRoute';
  if ('setMirrorRoute' in step) return 'setMirrorRoute';
  if ('plugin' in step) return `plugin ${isObj(step.plugin) ? String(step.plugin.name ?? '') : ''}`.trim();
  return Object.keys(step)[0] ?? 'step';
}

export function templateNames(analysis: unknown): string[] {
  const templates = isObj(analysis) && Array.isArray(analysis.templates) ? analysis.templates : [];
  return templates.map((t) => (isObj(t) && typeof t.templateName === 'string' ? t.templateName : '')).filter(Boolean);
}

function rolloutChildren(o: ManifestObject, v: Obj): OutlineSymbol[] {
  const strategy = isObj(v.spec) && isObj(v.spec.strategy) ? v.spec.strategy : {};
  const out: OutlineSymbol[] = [];
  if (isObj(strategy.canary)) {
    const base: PathSeg[] = ['spec', 'strategy', 'canary'];
    const steps = Array.isArray(strategy.canary.steps) ? strategy.canary.steps : [];
    const stepSymbols = steps.flatMap((s, i) => child(o, [...base, 'steps', i], `${i + 1}. ${describeStep(s)}`, 'step'));
    out.push(...child(o, [...base, 'steps'], 'steps', 'step', `${steps.length} steps`, stepSymbols));
    if (isObj(strategy.canary.analysis)) out.push(...child(o, [...base, 'analysis'], 'background analysis', 'template', templateNames(strategy.canary.analysis).join(', ')));
  }
  if (isObj(strategy.blueGreen)) {
    const base: PathSeg[] = ['spec', 'strategy', 'blueGreen'];
    for (const key of ['prePromotionAnalysis', 'postPromotionAnalysis']) {
      if (isObj(strategy.blueGreen[key])) out.push(...child(o, [...base, key], key, 'template', templateNames(strategy.blueGreen[key]).join(', ')));
    }
  }
  return out;
}

function analysisChildren(o: ManifestObject, v: Obj): OutlineSymbol[] {
  const spec = isObj(v.spec) ? v.spec : {};
  const out: OutlineSymbol[] = [];
  const args = Array.isArray(spec.args) ? spec.args : [];
  out.push(...args.flatMap((a, i) => child(o, ['spec', 'args', i], isObj(a) ? String(a.name ?? `arg ${i + 1}`) : `arg ${i + 1}`, 'arg', isObj(a) && a.value !== undefined ? `= ${String(a.value)}` : isObj(a) && a.valueFrom ? 'valueFrom' : 'required')));
  const metrics = Array.isArray(spec.metrics) ? spec.metrics : [];
  out.push(
    ...metrics.flatMap((m, i) => {
      if (!isObj(m)) return [];
      const provider = isObj(m.provider) ? Object.keys(m.provider)[0] : undefined;
      const timing = [m.interval ? `every ${String(m.interval)}` : undefined, m.count !== undefined ? `×${String(m.count)}` : undefined].filter(Boolean).join(' ');
      return child(o, ['spec', 'metrics', i], String(m.name ?? `metric ${i + 1}`), 'metric', [provider, timing].filter(Boolean).join(' · '));
    }),
  );
  return out;
}

/** `group canary-sites · region=eu-west, stage NotIn (canary)`: a partition's or target's criteria in one line. */
export function selectorSummary(p: Obj): string {
  const parts: string[] = [];
  if (typeof p.clusterName === 'string') parts.push(`cluster ${p.clusterName}`);
  if (typeof p.clusterGroup === 'string') parts.push(`group ${p.clusterGroup}`);
  for (const key of ['clusterSelector', 'clusterGroupSelector']) {
    const sel = p[key];
    if (isObj(sel)) {
      const labels = isObj(sel.matchLabels) ? Object.entries(sel.matchLabels).map(([k, val]) => `${k}=${String(val)}`) : [];
      const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions.map((e) => (isObj(e) ? `${String(e.key)} ${String(e.operator)}${Array.isArray(e.values) ? ` (${e.values.join(',')})` : ''}` : '')) : [];
      const all = [...labels, ...exprs];
      parts.push(all.length ? all.join(', ') : key === 'clusterSelector' ? 'all clusters' : 'all groups');
    }
  }
  return parts.join(' · ') || 'matches nothing';
}

function fleetChildren(o: ManifestObject, v: Obj, base: PathSeg[]): OutlineSymbol[] {
  const holder = base.length ? (isObj(v.spec) ? v.spec : {}) : v;
  const out: OutlineSymbol[] = [];
  const strategy = isObj(holder.rolloutStrategy) ? holder.rolloutStrategy : undefined;
  const partitions = strategy && Array.isArray(strategy.partitions) ? strategy.partitions : [];
  out.push(...partitions.flatMap((p, i) => (isObj(p) ? child(o, [...base, 'rolloutStrategy', 'partitions', i], String(p.name || `partition ${i + 1}`), 'partition', selectorSummary(p)) : [])));
  const customizationsKey = o.typeId === K.FleetYaml ? 'targetCustomizations' : 'targets';
  const customizations = Array.isArray(holder[customizationsKey]) ? (holder[customizationsKey] as unknown[]) : [];
  out.push(...customizations.flatMap((t, i) => (isObj(t) ? child(o, [...base, customizationsKey, i], String(t.name || `target${String(i).padStart(3, '0')}`), 'customization', selectorSummary(t)) : [])));
  return out;
}

function applicationSetChildren(o: ManifestObject, v: Obj): OutlineSymbol[] {
  const spec = isObj(v.spec) ? v.spec : {};
  const rolling = isObj(spec.strategy) && isObj(spec.strategy.rollingSync) ? spec.strategy.rollingSync : undefined;
  const steps = rolling && Array.isArray(rolling.steps) ? rolling.steps : [];
  return steps.flatMap((s, i) => {
    if (!isObj(s)) return [];
    const exprs = Array.isArray(s.matchExpressions) ? s.matchExpressions.map((e) => (isObj(e) ? `${String(e.key)} ${String(e.operator)} (${Array.isArray(e.values) ? e.values.join(',') : ''})` : '')) : [];
    const detail = [exprs.join(', '), s.maxUpdate !== undefined ? `maxUpdate ${String(s.maxUpdate)}` : undefined].filter(Boolean).join(' · ');
    return child(o, ['spec', 'strategy', 'rollingSync', 'steps', i], `step ${i + 1}`, 'step', detail);
  });
}

function objectSymbol(o: ManifestObject): OutlineSymbol | undefined {
  const root = o.root;
  if (!root.range) return undefined;
  const v = o.value ?? {};
  const name = o.typeId === K.FleetYaml ? `fleet.yaml${o.name ? ` ${o.name}` : ''}` : `${o.kind ?? 'document'} ${o.name ?? ''}`.trim();
  let children: OutlineSymbol[] = [];
  if (o.typeId === K.Rollout) children = rolloutChildren(o, v);
  else if (o.typeId === K.AnalysisTemplate || o.typeId === K.ClusterAnalysisTemplate || o.typeId === K.AnalysisRun) children = analysisChildren(o, v);
  else if (o.typeId === K.FleetYaml) children = fleetChildren(o, v, []);
  else if (o.typeId === K.Bundle || o.typeId === K.HelmOp) children = fleetChildren(o, v, ['spec']);
  else if (o.typeId === K.ApplicationSet) children = applicationSetChildren(o, v);
  const range = o.chunk.toFileRange(root.range[0], root.range[1]);
  const nameNode = locate(o.doc, o.root, o.typeId === K.FleetYaml ? ['name'] : ['metadata', 'name']);
  const sel = nameNode.matched > 0 && (nameNode.node as Node).range ? (nameNode.node as Node).range! : root.range;
  return { name, detail: o.namespace, kind: 'object', range, selectionRange: o.chunk.toFileRange(sel[0], sel[1]), children };
}

/**
 * Outline entries per object, with the chunk line they were computed at: an object's chunk text
 * never changes, so a later request only shifts them (and needs no node tree).
 */
const symbolOfObject = new WeakMap<ManifestObject, { startLine: number; symbol: OutlineSymbol | undefined }>();

function shiftSymbol(s: OutlineSymbol, lines: number): OutlineSymbol {
  const shift = (r: Range): Range => ({ start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });
  return { ...s, range: shift(s.range), selectionRange: shift(s.selectionRange), children: s.children.map((c) => shiftSymbol(c, lines)) };
}

function cachedObjectSymbol(o: ManifestObject): OutlineSymbol | undefined {
  let memo = symbolOfObject.get(o);
  if (!memo) symbolOfObject.set(o, (memo = { startLine: o.chunk.startLine, symbol: objectSymbol(o) }));
  else if (memo.startLine !== o.chunk.startLine && memo.symbol) memo = { startLine: o.chunk.startLine, symbol: shiftSymbol(memo.symbol, o.chunk.startLine - memo.startLine) };
  symbolOfObject.set(o, memo);
  return memo.symbol;
}

/** The outline of a file: one entry per object, with steps, metrics, partitions and the like beneath. */
export function documentSymbols(workspace: Workspace, uri: string): OutlineSymbol[] {
  return workspace.objectsOfFile(uri).flatMap((o) => cachedObjectSymbol(o) ?? []);
}

const MAX_FOLDS = 5000;

/**
 * The folds of one chunk in chunk lines, grouped by the node whose pairs produced them (the
 * file-wide limit is checked between nodes), up to the limit.
 */
const foldsOfChunk = new WeakMap<Chunk, Array<Array<[number, number]>>>();

function chunkFolds(chunk: Chunk): Array<Array<[number, number]>> {
  const memo = foldsOfChunk.get(chunk);
  if (memo) return memo;
  const groups: Array<Array<[number, number]>> = [];
  let count = 0;
  for (const doc of chunk.parsed.docs) {
    const stack: unknown[] = [doc.contents];
    while (stack.length && count < MAX_FOLDS) {
      const node = stack.pop();
      if (isMap(node)) {
        const group: Array<[number, number]> = [];
        for (const pair of node.items) {
          const key = pair.key as Node | null;
          const value = pair.value as Node | null;
          if (key?.range && (isMap(value) || isSeq(value)) && !value.flow && value.range) {
            const start = chunk.lines.positionAt(key.range[0]).line;
            const end = chunk.lines.positionAt(Math.max(value.range[0], value.range[1] - 1)).line;
            if (end > start) group.push([start, end]);
          }
          stack.push(value);
        }
        if (group.length) {
          groups.push(group);
          count += group.length;
        }
      } else if (isSeq(node)) {
        for (const item of node.items) stack.push(item);
      }
    }
  }
  foldsOfChunk.set(chunk, groups);
  return groups;
}

/** Fold each document and each block collection that spans lines (collections up to MAX_FOLDS folds in all). */
export function foldingRanges(workspace: Workspace, uri: string): Array<{ startLine: number; endLine: number }> {
  const file = workspace.file(uri);
  if (!file) return [];
  const out: Array<{ startLine: number; endLine: number }> = [];
  for (const chunk of file.chunks) {
    if (chunk.lineSpan > 1) out.push({ startLine: chunk.startLine, endLine: chunk.startLine + chunk.lineSpan - 1 });
    if (out.length >= MAX_FOLDS) continue;
    for (const group of chunkFolds(chunk)) {
      if (out.length >= MAX_FOLDS) break;
      for (const [start, end] of group) out.push({ startLine: start + chunk.startLine, endLine: end + chunk.startLine });
    }
  }
  return out;
}

import type { Node } from 'yaml';
import { K } from '../engine/kinds';
import type { ManifestObject } from '../engine/objects';
import { FLEET_YAML_SCHEMA_ID, schemaFor, schemaIdFor } from '../engine/schema';
import { schemasAt } from '../engine/schema/known-keys';
import type { Position, Range } from '../engine/text/line-index';
import type { Workspace } from '../engine/workspace';
import type { PathSeg } from '../engine/yaml-nodes';
import { limit } from '../semantics/fleet/limit';
import { cursorAt, type Cursor } from './cursor';
import { describeMembers, liveMembers } from './partition-info';
import { selectorSummary } from './symbols';

export interface HoverResult {
  markdown: string;
  range: Range;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const code = (s: unknown) => `\`${String(s).replace(/`/g, "'")}\``;

function schemaIdOf(o: ManifestObject): string | undefined {
  return o.typeId === K.FleetYaml ? FLEET_YAML_SCHEMA_ID : schemaIdFor(o.apiVersion, o.kind);
}

/** The CRD's own description of the field, with its type. */
function fieldDoc(o: ManifestObject, path: readonly PathSeg[]): string | undefined {
  const id = schemaIdOf(o);
  const schema = id ? schemaFor(id) : undefined;
  if (!schema) return undefined;
  const found = schemasAt(schema, path) as Array<{ description?: string; type?: string | string[]; enum?: unknown[]; default?: unknown }>;
  const described = found.find((s) => s.description);
  if (!described) return undefined;
  const types = [...new Set(found.flatMap((s) => (s.type ? ([] as string[]).concat(s.type) : [])))];
  const last = path[path.length - 1];
  const title = typeof last === 'number' ? `${String(path[path.length - 2] ?? '')}[${last}]` : String(last);
  const lines = [`**${title}**${types.length ? ` · ${types.join(' | ')}` : ''}`, '', described.description!.trim()];
  const e = found.find((s) => s.enum)?.enum;
  if (e) lines.push('', `Allowed: ${e.map(code).join(', ')}`);
  const d = found.find((s) => s.default !== undefined)?.default;
  if (d !== undefined) lines.push('', `Default: ${code(JSON.stringify(d))}`);
  return lines.join('\n');
}

function templateDoc(t: ManifestObject): string {
  const spec = isObj(t.value?.spec) ? t.value!.spec : {};
  const lines = [`**${t.kind} ${t.name}**${t.namespace ? ` (${t.namespace})` : ''}`];
  const args = Array.isArray(spec.args) ? spec.args.filter(isObj) : [];
  if (args.length) {
    lines.push('', 'Args:');
    for (const a of args) lines.push(`- ${code(a.name)} ${a.value !== undefined ? `= ${code(a.value)}` : a.valueFrom ? '(valueFrom)' : '**required**'}`);
  }
  const metrics = Array.isArray(spec.metrics) ? spec.metrics.filter(isObj) : [];
  if (metrics.length) {
    lines.push('', 'Metrics:');
    for (const m of metrics) {
      const provider = isObj(m.provider) ? Object.keys(m.provider)[0] : 'no provider';
      const timing = [m.interval ? `every ${String(m.interval)}` : undefined, m.count !== undefined ? `${String(m.count)} times` : undefined, m.failureLimit !== undefined ? `failureLimit ${String(m.failureLimit)}` : undefined].filter(Boolean).join(', ');
      lines.push(`- ${code(m.name)} · ${provider}${timing ? ` · ${timing}` : ''}${m.successCondition ? ` · success when ${code(m.successCondition)}` : ''}`);
    }
  }
  return lines.join('\n');
}

function templateRefHover(workspace: Workspace, c: Cursor): string | undefined {
  const o = c.object!;
  if (o.typeId !== K.Rollout || c.path[c.path.length - 1] !== 'templateName' || c.onKey) return undefined;
  const ref = locateValue(o, c.path.slice(0, -1));
  if (!isObj(ref) || typeof ref.templateName !== 'string') return undefined;
  const type = ref.clusterScope === true ? K.ClusterAnalysisTemplate : K.AnalysisTemplate;
  const found = workspace.find(type, ref.templateName, ref.clusterScope === true ? undefined : o.namespace);
  return found.length ? found.map(templateDoc).join('\n\n---\n\n') : `${ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate'} ${code(ref.templateName)} is not in this workspace.`;
}

function locateValue(o: ManifestObject, path: readonly PathSeg[]): unknown {
  let v: unknown = o.value;
  for (const seg of path) v = isObj(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

/** `{{args.x}}` inside a template: where the value comes from. */
function argPlaceholderHover(workspace: Workspace, c: Cursor): string | undefined {
  const o = c.object!;
  if (o.typeId !== K.AnalysisTemplate && o.typeId !== K.ClusterAnalysisTemplate) return undefined;
  const scalar = c.scalar;
  if (!scalar?.range) return undefined;
  const source = c.chunk.text.slice(scalar.range[0], scalar.range[1]);
  const at = c.offset - scalar.range[0];
  const re = /\{\{\s*args\.([^}\s]+)\s*\}\}/g;
  for (const m of source.matchAll(re)) {
    if (at < m.index! || at > m.index! + m[0].length) continue;
    const name = m[1];
    const spec = isObj(o.value?.spec) ? o.value!.spec : {};
    const decl = (Array.isArray(spec.args) ? spec.args : []).find((a) => isObj(a) && a.name === name) as Obj | undefined;
    const lines = [`**args.${name}**`, ''];
    if (!decl) lines.push(`Not declared in ${code('spec.args')}: the analysis fails with ${code(`failed to resolve {{args.${name}}}`)}.`);
    else if (decl.value !== undefined) lines.push(`Default ${code(decl.value)}; a Rollout may override it.`);
    else if (decl.valueFrom) lines.push('From `valueFrom` (resolved by the analysis controller).');
    else lines.push('Required: every Rollout using this template must pass it.');
    const passing = workspace.all(K.Rollout).flatMap((r) => passedValues(r, o, name));
    if (passing.length) lines.push('', 'Passed by:', ...passing.slice(0, 20).map((p) => `- ${p}`));
    return lines.join('\n');
  }
  return undefined;
}

function passedValues(rollout: ManifestObject, template: ManifestObject, arg: string): string[] {
  const out: string[] = [];
  const strategy = isObj(rollout.value?.spec) && isObj(rollout.value!.spec.strategy) ? rollout.value!.spec.strategy : {};
  const groups: Array<[string, unknown]> = [];
  if (isObj(strategy.canary)) {
    groups.push(['background analysis', strategy.canary.analysis]);
    (Array.isArray(strategy.canary.steps) ? strategy.canary.steps : []).forEach((s, i) => isObj(s) && groups.push([`step ${i + 1}`, s.analysis]));
  }
  if (isObj(strategy.blueGreen)) groups.push(['prePromotionAnalysis', strategy.blueGreen.prePromotionAnalysis], ['postPromotionAnalysis', strategy.blueGreen.postPromotionAnalysis]);
  for (const [where, g] of groups) {
    if (!isObj(g) || !Array.isArray(g.templates) || !g.templates.some((t) => isObj(t) && t.templateName === template.name)) continue;
    const a = (Array.isArray(g.args) ? g.args : []).find((x) => isObj(x) && x.name === arg) as Obj | undefined;
    out.push(`Rollout ${code(rollout.name)} (${where}): ${a ? (a.value !== undefined ? code(a.value) : 'valueFrom') : 'not passed'}`);
  }
  return out;
}

/** What Fleet resolves an int-or-string to (fleet-argocd.md §2.2), shown for a few cluster counts. */
function fleetLimitHover(c: Cursor): string | undefined {
  const o = c.object!;
  const key = c.path[c.path.length - 1];
  if (o.typeId !== K.FleetYaml && o.typeId !== K.Bundle && o.typeId !== K.HelmOp) return undefined;
  if (key !== 'maxUnavailable' && key !== 'maxUnavailablePartitions' && key !== 'autoPartitionSize') return undefined;
  const value = locateValue(o, c.path) as number | string | null | undefined;
  const strategy = locateValue(o, c.path.includes('partitions') ? c.path.slice(0, c.path.indexOf('partitions')) : c.path.slice(0, -1));
  const partitions = isObj(strategy) && Array.isArray(strategy.partitions) ? strategy.partitions.length : 0;
  const resolve = (count: number) => {
    try {
      return String(limit(count, value, key === 'maxUnavailablePartitions' ? 0 : key === 'autoPartitionSize' ? '25%' : '100%'));
    } catch (err) {
      return `error: ${(err as Error).message}`;
    }
  };
  if (key === 'maxUnavailablePartitions') {
    const n = resolve(partitions);
    return [`**maxUnavailablePartitions** = ${code(value ?? '0 (default)')}`, '', `With ${partitions} partitions Fleet allows **${n}** unavailable partition${n === '1' ? '' : 's'} before it stops processing later ones.${n === '0' ? ' Partitions are processed strictly one after another.' : ''}`].join('\n');
  }
  const counts = [1, 5, 10, 50, 500];
  return [`**${String(key)}** = ${code(value ?? 'unset (100%)')}`, '', 'Resolved by Fleet for a given number of clusters:', '', '| clusters | limit |', '|---:|---:|', ...counts.map((n) => `| ${n} | ${resolve(n)} |`)].join('\n');
}

/** A partition: its selection criteria, and the live clusters it selects when a hub is connected. */
function partitionHover(workspace: Workspace, c: Cursor): string | undefined {
  const o = c.object!;
  if (o.typeId !== K.FleetYaml && o.typeId !== K.Bundle && o.typeId !== K.HelmOp) return undefined;
  const at = c.path.indexOf('partitions');
  if (at === -1 || typeof c.path[at + 1] !== 'number') return undefined;
  const partition = locateValue(o, c.path.slice(0, at + 2));
  if (!isObj(partition)) return undefined;
  const members = liveMembers(workspace, partition);
  const name = typeof partition.name === 'string' ? partition.name : `#${Number(c.path[at + 1]) + 1}`;
  const lines = [`**Partition ${code(name)}**`, '', `Selects: ${selectorSummary(partition)}.`];
  if (members === undefined) lines.push('', workspace.inventory ? 'Its selector cannot be evaluated.' : 'Connect a Fleet hub context (Fleet Rollouts: Choose Contexts) to see which clusters it selects.');
  else lines.push('', `On the connected hub: ${describeMembers(members)}.`);
  return lines.join('\n');
}

function rollingSyncHover(c: Cursor): string | undefined {
  const o = c.object!;
  if (o.typeId !== K.ApplicationSet || !c.onKey || !['rollingSync', 'strategy'].includes(String(c.path[c.path.length - 1]))) return undefined;
  return 'Progressive sync (RollingSync) only runs when the ApplicationSet controller is started with `--enable-progressive-syncs` (or `ARGOCD_APPLICATIONSET_CONTROLLER_ENABLE_PROGRESSIVE_SYNCS=true`). Without it the strategy is ignored and every Application syncs at once.';
}

export function hover(workspace: Workspace, uri: string, position: Position): HoverResult | undefined {
  const c = cursorAt(workspace, uri, position);
  if (!c?.object || c.path.length === 0) return undefined;
  const parts = [templateRefHover(workspace, c), argPlaceholderHover(workspace, c), fleetLimitHover(c), partitionHover(workspace, c), rollingSyncHover(c)].filter(Boolean);
  const doc = c.onKey || parts.length === 0 ? fieldDoc(c.object, c.path) : undefined;
  const markdown = [...parts, doc].filter(Boolean).join('\n\n---\n\n');
  if (!markdown) return undefined;
  const node = c.scalar as Node | undefined;
  const r = node?.range ?? [c.offset, c.offset];
  return { markdown, range: c.chunk.toFileRange(r[0], r[1]) };
}

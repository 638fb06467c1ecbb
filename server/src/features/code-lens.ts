import { K } from '../engine/kinds';
import type { Range } from '../engine/text/line-index';
import type { Workspace } from '../engine/workspace';
import type { ManifestObject } from '../engine/objects';
import { analysisGroups } from '../semantics/rollouts/analysis-groups';
import { placeTarget } from '../check/placement';
import { rolloutStrategyOf } from '../semantics/fleet/rollout-strategy';
import { liveMembers } from './partition-info';

export interface Lens {
  range: Range;
  title: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Summaries above objects: a Rollout's steps and templates, how many Rollouts use a template.
 * (Partition lenses with live cluster counts come from the inventory when a Fleet hub is connected.)
 */
export function codeLenses(workspace: Workspace, uri: string): Lens[] {
  const out: Lens[] = [];
  let users: Map<string, ManifestObject[]> | undefined;
  for (const o of workspace.objectsOfFile(uri)) {
    const [start, end] = placeTarget(o, {});
    const range = o.chunk.toFileRange(start, end);
    if (o.typeId === K.Rollout) {
      const strategy = isObj(o.value?.spec) && isObj(o.value!.spec.strategy) ? o.value!.spec.strategy : {};
      const steps = isObj(strategy.canary) && Array.isArray(strategy.canary.steps) ? strategy.canary.steps.length : undefined;
      const templates = [...new Set(analysisGroups(o.value).flatMap((g) => g.templates.map((t) => t.templateName).filter((n): n is string => !!n)))];
      const parts = [steps !== undefined ? `${steps} step${steps === 1 ? '' : 's'}` : isObj(strategy.blueGreen) ? 'blue-green' : undefined, templates.length ? `analysis: ${templates.join(', ')}` : 'no analysis'];
      out.push({ range, title: parts.filter(Boolean).join(' · ') });
    } else if ((o.typeId === K.FleetYaml || o.typeId === K.Bundle || o.typeId === K.HelmOp) && workspace.inventory) {
      const at = rolloutStrategyOf(o.typeId, o.value);
      const partitions = at && Array.isArray(at.strategy.partitions) ? at.strategy.partitions : [];
      partitions.forEach((p, i) => {
        const members = liveMembers(workspace, p);
        if (!members) return;
        const [ps, pe] = placeTarget(o, { path: [...at!.path, 'partitions', i] });
        const offline = members.filter((m) => m.cluster.offline).length;
        out.push({ range: o.chunk.toFileRange(ps, pe), title: `matches ${members.length} cluster${members.length === 1 ? '' : 's'}${offline ? ` (${offline} offline)` : ''}` });
      });
    } else if ((o.typeId === K.AnalysisTemplate || o.typeId === K.ClusterAnalysisTemplate) && o.name) {
      users ??= rolloutsByTemplate(workspace);
      const using = users.get(templateKey(o.name, o.typeId === K.ClusterAnalysisTemplate)) ?? [];
      out.push({ range, title: using.length ? `used by ${using.length} Rollout${using.length === 1 ? '' : 's'}: ${using.map((u) => u.name).join(', ')}` : 'used by no Rollout in this workspace' });
    }
  }
  return out;
}

const templateKey = (name: string, clusterScope: boolean): string => `${clusterScope ? 'cluster' : 'namespaced'}|${name}`;

/** The Rollouts naming each template, in workspace order: one pass instead of one per template lens. */
function rolloutsByTemplate(workspace: Workspace): Map<string, ManifestObject[]> {
  const out = new Map<string, ManifestObject[]>();
  for (const r of workspace.all(K.Rollout)) {
    const keys = new Set<string>();
    for (const g of analysisGroups(r.value)) for (const t of g.templates) if (t.templateName !== undefined) keys.add(templateKey(t.templateName, t.clusterScope === true));
    for (const key of keys) {
      const list = out.get(key);
      if (list) list.push(r);
      else out.set(key, [r]);
    }
  }
  return out;
}

import type { PathSeg } from '../../engine/yaml-nodes';

export interface TemplateRef {
  templateName?: string;
  clusterScope?: boolean;
  /** Path of this entry inside the Rollout. */
  path: PathSeg[];
}

export interface RolloutArg {
  name?: string;
  value?: unknown;
  valueFrom?: unknown;
  path: PathSeg[];
}

export type AnalysisGroupType = 'BackgroundAnalysis' | 'InlineAnalysis' | 'PrePromotionAnalysis' | 'PostPromotionAnalysis';

/** One `analysis` block of a Rollout: its templates and the args the Rollout passes them. */
export interface AnalysisGroup {
  type: AnalysisGroupType;
  /** Path of the analysis block (e.g. spec.strategy.canary.steps[2].analysis). */
  path: PathSeg[];
  /** The block itself, as read from the document. */
  block: Record<string, unknown>;
  templates: TemplateRef[];
  args: RolloutArg[];
  hasArgsKey: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function groupAt(type: AnalysisGroupType, block: unknown, path: PathSeg[]): AnalysisGroup | undefined {
  if (!isObj(block)) return undefined;
  const templates = Array.isArray(block.templates) ? block.templates : [];
  const args = Array.isArray(block.args) ? block.args : [];
  const group: AnalysisGroup = { type, path, block, templates: [], args: [], hasArgsKey: 'args' in block };
  for (let i = 0; i < templates.length; i++) {
    const t: unknown = templates[i];
    group.templates.push({ templateName: isObj(t) && typeof t.templateName === 'string' ? t.templateName : undefined, clusterScope: isObj(t) && t.clusterScope === true, path: [...path, 'templates', i] });
  }
  for (let i = 0; i < args.length; i++) {
    const a: unknown = args[i];
    group.args.push({ name: isObj(a) && typeof a.name === 'string' ? a.name : undefined, value: isObj(a) ? a.value : undefined, valueFrom: isObj(a) ? a.valueFrom : undefined, path: [...path, 'args', i] });
  }
  return group;
}

/**
 * The analysis groups the Rollout controller resolves (fn getReferencedRolloutAnalyses,
 * argo-rollouts.md §1.6.1): blueGreen pre/post promotion, every canary step analysis and the
 * canary background analysis. Experiment-step analyses belong to the Experiment controller.
 */
export function analysisGroups(rollout: Obj | undefined): AnalysisGroup[] {
  if (!rollout) return [];
  // A dozen rules ask for the same Rollout's groups: compute them once per converted value.
  let groups = groupsOfValue.get(rollout);
  if (!groups) groupsOfValue.set(rollout, (groups = computeGroups(rollout)));
  return groups;
}

const groupsOfValue = new WeakMap<Obj, AnalysisGroup[]>();

function computeGroups(rollout: Obj): AnalysisGroup[] {
  const strategy = isObj(rollout.spec) && isObj(rollout.spec.strategy) ? rollout.spec.strategy : undefined;
  if (!strategy) return [];
  const found: Array<AnalysisGroup | undefined> = [];
  if (isObj(strategy.blueGreen)) {
    const base: PathSeg[] = ['spec', 'strategy', 'blueGreen'];
    found.push(groupAt('PrePromotionAnalysis', strategy.blueGreen.prePromotionAnalysis, [...base, 'prePromotionAnalysis']));
    found.push(groupAt('PostPromotionAnalysis', strategy.blueGreen.postPromotionAnalysis, [...base, 'postPromotionAnalysis']));
  }
  if (isObj(strategy.canary)) {
    const base: PathSeg[] = ['spec', 'strategy', 'canary'];
    const steps: unknown[] = Array.isArray(strategy.canary.steps) ? strategy.canary.steps : [];
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (isObj(step)) found.push(groupAt('InlineAnalysis', step.analysis, [...base, 'steps', i, 'analysis']));
    }
    found.push(groupAt('BackgroundAnalysis', strategy.canary.analysis, [...base, 'analysis']));
  }
  return found.filter((g): g is AnalysisGroup => g !== undefined);
}

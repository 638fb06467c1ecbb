/**
 * One static reading of an ApplicationSet's RollingSync, shared by the argocd/* rules: the strategy,
 * the label sources, and — when they can be computed — the exact generated Applications with their
 * step assignment (buildAppDependencyList run on them).
 */
import type { PathSeg } from '../../engine/yaml-nodes';
import { labelSources, staticApplications, type LabelSource, type StaticApp } from './generated-apps';
import { buildAppDependencyList, expressionsOf, rollingSyncStrategyEnabled, strategyOf, valuesOf, type AppDependencyList, type RolloutStep, type Strategy } from './progressive-sync';

type Obj = Record<string, unknown>;

export const STRATEGY_PATH: PathSeg[] = ['spec', 'strategy'];
export const STEPS_PATH: PathSeg[] = ['spec', 'strategy', 'rollingSync', 'steps'];

export function stepPath(i: number, ...rest: PathSeg[]): PathSeg[] {
  return [...STEPS_PATH, i, ...rest];
}

/**
 * How progressive syncs are switched on (§5.1); every message about RollingSync behaviour depends on it.
 */
export const FLAG_NOTE =
  'RollingSync only runs when the ApplicationSet controller has progressive syncs enabled (flag --enable-progressive-syncs, env ARGOCD_APPLICATIONSET_CONTROLLER_ENABLE_PROGRESSIVE_SYNCS=true, or applicationsetcontroller.enable.progressive.syncs: "true" in argocd-cmd-params-cm); without it spec.strategy is ignored.';

export interface AppSetAnalysis {
  strategy: Strategy | undefined;
  /** RollingSyncStrategyEnabled: type RollingSync, a rollingSync block, at least one step. */
  enabled: boolean;
  steps: readonly RolloutStep[];
  goTemplate: boolean;
  sources: LabelSource[];
  /** The same sources assuming templatePatch adds no labels. */
  closedSources: LabelSource[];
  staticApps?: StaticApp[];
  /** buildAppDependencyList on the static Applications. */
  deps?: AppDependencyList;
  staticReason?: string;
}

const cache = new WeakMap<Obj, AppSetAnalysis>();

export function analyse(appset: Obj): AppSetAnalysis {
  const hit = cache.get(appset);
  if (hit) return hit;
  const strategy = strategyOf(appset);
  const enabled = rollingSyncStrategyEnabled(strategy);
  const rawSteps = strategy?.rollingSync?.steps;
  // Steps as the rules read them: objects, with matchExpressions a list of objects and values lists
  // (malformed shapes are the schema rules' findings; here they only must not throw).
  const steps: RolloutStep[] = Array.isArray(rawSteps)
    ? rawSteps.map((s) => {
        if (typeof s !== 'object' || s === null || Array.isArray(s)) return {};
        const step: RolloutStep = { ...s };
        if ('matchExpressions' in s && s.matchExpressions !== null && s.matchExpressions !== undefined) {
          step.matchExpressions = expressionsOf(s).map((e) => ({ ...e, key: typeof e.key === 'string' ? e.key : String(e.key ?? ''), values: valuesOf(e) }));
        }
        return step;
      })
    : [];
  const sources = labelSources(appset);
  const result: AppSetAnalysis = {
    strategy,
    enabled,
    steps,
    goTemplate: (appset.spec as Obj | undefined)?.goTemplate === true,
    sources,
    closedSources: sources.map((s) => ({ ...s, open: false })),
  };
  if (enabled) {
    const stat = staticApplications(appset);
    if ('apps' in stat) {
      result.staticApps = stat.apps;
      result.deps = buildAppDependencyList(strategy, stat.apps);
    } else {
      result.staticReason = stat.reason;
    }
  }
  cache.set(appset, result);
  return result;
}

/** `'a', 'b' and 2 more` */
export function nameList(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `'${n}'`);
  if (names.length <= max) return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return `${shown.join(', ')} and ${names.length - max} more`;
}

export function labelText(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? 'no labels' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

/** Edit distance, for "did you mean" between label keys and operator names. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

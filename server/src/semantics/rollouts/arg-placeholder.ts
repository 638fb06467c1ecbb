/**
 * A value to pass for an analysis argument the Rollout must supply, for quick fixes: what the name
 * suggests when the Rollout has it at hand (its canary/preview Service, its namespace or name via
 * the downward API), else an empty string for the author to fill in. Upstream basis for the
 * fieldRef forms: AnalysisRunArgument.valueFrom.fieldRef (argo-rollouts.md §1.6.3).
 */
import type { AnalysisGroupType } from './analysis-groups';
import { goStr, obj, type Obj } from './spec';

export type RolloutArgValue = { name: string; value: string } | { name: string; valueFrom: { fieldRef: { fieldPath: string } } };

export function argPlaceholder(name: string, rollout: Obj | undefined, groupType: AnalysisGroupType): RolloutArgValue {
  const strategy = obj(obj(rollout?.spec)?.strategy);
  const lower = name.toLowerCase();
  if (/namespace/.test(lower)) return { name, valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } };
  if (/service|svc|host/.test(lower)) {
    const canary = obj(strategy?.canary);
    const blueGreen = obj(strategy?.blueGreen);
    const service =
      groupType === 'PrePromotionAnalysis'
        ? goStr(blueGreen?.previewService) || goStr(blueGreen?.activeService)
        : groupType === 'PostPromotionAnalysis'
          ? goStr(blueGreen?.activeService)
          : goStr(canary?.canaryService) || goStr(canary?.stableService);
    if (service) return { name, value: service };
  }
  if (/^(app|application|rollout|rollout-name|rollout_name|name)$/.test(lower)) return { name, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } };
  return { name, value: '' };
}

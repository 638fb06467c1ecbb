import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { analyse, nameList, stepPath } from '../../semantics/argocd/analysis';
import type { RolloutStep } from '../../semantics/argocd/progressive-sync';
import { stepOverlaps } from '../../semantics/argocd/step-overlap';
import { duplicateSelectionMessage } from '../../semantics/argocd/validation-issues';
import type { Fix, Rule } from '../rule';

type Obj = Record<string, unknown>;

/** When the earlier step is one `In` expression, excluding its values from the later step removes the overlap. */
function excludeFix(later: RolloutStep, laterIndex: number, earlier: RolloutStep, earlierIndex: number): Fix | undefined {
  const exprs = earlier.matchExpressions ?? [];
  if (exprs.length !== 1 || exprs[0]?.operator !== 'In' || typeof exprs[0].key !== 'string') return undefined;
  const key = exprs[0].key;
  if ((later.matchExpressions ?? []).some((e) => (e?.key ?? '') === key)) return undefined;
  const item = { key, operator: 'NotIn', values: (exprs[0].values ?? []).map(String) };
  const hasList = Array.isArray(later.matchExpressions);
  const path: PathSeg[] = stepPath(laterIndex);
  return {
    title: `Exclude step ${earlierIndex + 1}'s Applications (${key} NotIn ${item.values.join(', ')})`,
    edits: [hasList ? { op: 'appendItem', path: [...path, 'matchExpressions'], value: item } : { op: 'setKey', path, key: 'matchExpressions', value: [item] }],
    preferred: true,
  };
}

export const rule: Rule = {
  id: 'argocd/rollingsync-step-overlap',
  description:
    'A RollingSync step that selects Applications of an earlier step again (for example a catch-all last step): they stay in the earlier step but are listed in both, and the controller reports InvalidRolloutConfig "Application \'…\' is selected by multiple steps". (RollingSync runs only with --enable-progressive-syncs.)',
  severity: 'warning',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/progressivesync/progressive_sync.go buildAppDependencyList (DuplicateAppSelections), validation_issues.go formatDuplicateAppSelectionMessage (fleet-argocd.md §5.3, §5.4, §5.11 S7)',
  check(appset, ctx) {
    const an = analyse(appset.value as Obj);
    const { overlaps } = stepOverlaps(an);
    const reported = new Set<number>();
    for (const o of overlaps) {
      if (reported.has(o.step)) continue;
      reported.add(o.step);
      const j = o.step;
      const i = o.earlier;
      const condition = an.deps ? duplicateSelectionMessage(an.deps.issues.duplicateAppSelections) : `Application '<name>' is selected by multiple steps: (${i + 1}-${j + 1})`;
      const who = o.apps ? `${nameList(o.apps)}, already in step ${i + 1}` : `every Application of step ${i + 1}, whatever the label values`;
      const step = an.steps[j];
      const hasExprs = typeof step === 'object' && step !== null && 'matchExpressions' in step;
      const fix = excludeFix(step, j, an.steps[i], i);
      ctx.report({
        path: hasExprs ? stepPath(j, 'matchExpressions') : stepPath(j),
        onKey: hasExprs,
        message: `Step ${j + 1} also selects ${who}. Those Applications keep step ${i + 1} (an Application's step is the first that selects it) but are listed in both steps, and the controller reports InvalidRolloutConfig "${condition}". Exclude them from step ${j + 1} with a NotIn expression.`,
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};

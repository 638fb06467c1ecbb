import { K } from '../../engine/kinds';
import { analyse, nameList, stepPath } from '../../semantics/argocd/analysis';
import { stepOverlaps } from '../../semantics/argocd/step-overlap';
import { duplicateSelectionMessage } from '../../semantics/argocd/validation-issues';
import type { Rule } from '../rule';

type Obj = Record<string, unknown>;

export const rule: Rule = {
  id: 'argocd/rollingsync-step-unreachable',
  description:
    'A RollingSync step that can never be reached: every Application it selects is already selected by an earlier step, which keeps it — the step has nothing of its own, gates nothing, and the controller reports InvalidRolloutConfig for the duplicate selection. (RollingSync runs only with --enable-progressive-syncs.)',
  severity: 'warning',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/progressivesync/progressive_sync.go buildAppDependencyList (first step kept, DuplicateAppSelections), validation_issues.go formatDuplicateAppSelectionMessage (fleet-argocd.md §5.3, §5.4, §5.11 S7)',
  check(appset, ctx) {
    const an = analyse(appset.value as Obj);
    const { unreachable } = stepOverlaps(an);
    for (const u of unreachable) {
      const j = u.step;
      const steps = u.takenBy.map((i) => String(i + 1));
      const by = steps.length === 1 ? `step ${steps[0]}` : `steps ${steps.join(', ')}`;
      const condition = an.deps ? duplicateSelectionMessage(an.deps.issues.duplicateAppSelections) : `Application '<name>' is selected by multiple steps: (${u.takenBy[0] + 1}-${j + 1})`;
      const who = u.apps ? `its Application(s) ${nameList(u.apps)} already belong to ${by}` : `every Application it can select is also selected by ${by}, whatever the label values`;
      const step = an.steps[j];
      const hasExprs = typeof step === 'object' && step !== null && 'matchExpressions' in step;
      ctx.report({
        path: hasExprs ? stepPath(j, 'matchExpressions') : stepPath(j),
        onKey: hasExprs,
        message: `Step ${j + 1} can never be reached: ${who}, and an Application keeps the first step that selects it. Step ${j + 1} has no Application of its own and gates nothing; the controller reports InvalidRolloutConfig "${condition}". Make the earlier selector narrower or remove this step.`,
      });
    }
  },
};

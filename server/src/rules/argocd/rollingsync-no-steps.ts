import { K } from '../../engine/kinds';
import { FLAG_NOTE, STRATEGY_PATH } from '../../semantics/argocd/analysis';
import { isRollingSyncStrategy, isStepsEmpty, strategyOf } from '../../semantics/argocd/progressive-sync';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'argocd/rollingsync-no-steps',
  description:
    'A RollingSync strategy without steps: with progressive syncs enabled (--enable-progressive-syncs) the controller sets ErrorOccurred "No steps defined for rollout" and stops before creating or updating any Application.',
  severity: 'error',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/controllers/applicationset_controller.go Reconcile: IsRollingSyncStrategy && IsStepsEmpty → ErrorOccurred, reason ApplicationSetRolloutError, requeue (fleet-argocd.md §5.2, §5.11 S2)',
  check(appset, ctx) {
    const strategy = strategyOf(appset.value);
    if (!isRollingSyncStrategy(strategy) || !isStepsEmpty(strategy)) return;
    const rs = strategy!.rollingSync as unknown;
    const hasSteps = typeof rs === 'object' && rs !== null && 'steps' in rs && (rs as { steps: unknown }).steps !== null;
    ctx.report({
      path: hasSteps ? [...STRATEGY_PATH, 'rollingSync', 'steps'] : [...STRATEGY_PATH, 'rollingSync'],
      onKey: true,
      message: `No steps defined for rollout: the controller sets the ErrorOccurred condition with this message and returns before creating, updating or deleting any Application of this ApplicationSet (it retries until steps are added). Add at least one step with matchExpressions on the Applications' labels, or remove the strategy. ${FLAG_NOTE}`,
    });
  },
};

import { K } from '../../engine/kinds';
import { editDistance, FLAG_NOTE, STRATEGY_PATH } from '../../semantics/argocd/analysis';
import { ALL_AT_ONCE, equalFold, REVERSE, rollingSyncStrategyEnabled, strategyOf } from '../../semantics/argocd/progressive-sync';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'argocd/deletion-order-ignored',
  description:
    'A strategy.deletionOrder that does not take effect: a value other than AllAtOnce or Reverse (compared ignoring case) means AllAtOnce, and Reverse only applies to a RollingSync strategy with steps, with --enable-progressive-syncs.',
  severity: 'warning',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/progressivesync/progressive_sync.go IsDeletionOrderReversed (RollingSyncStrategyEnabled && EqualFold(deletionOrder, "Reverse")); applicationset_controller.go Reconcile (finalizer) (fleet-argocd.md §5.9, §5.11 S9)',
  check(appset, ctx) {
    const strategy = strategyOf(appset.value);
    const order = strategy?.deletionOrder;
    if (typeof order !== 'string' || order === '') return;
    const path = [...STRATEGY_PATH, 'deletionOrder'];
    if (!equalFold(order, REVERSE) && !equalFold(order, ALL_AT_ONCE)) {
      const near = editDistance(order.toLowerCase(), 'reverse') <= 2 ? REVERSE : editDistance(order.toLowerCase(), 'allatonce') <= 2 ? ALL_AT_ONCE : undefined;
      ctx.report({
        path,
        message: `deletionOrder ${JSON.stringify(order)} is neither Reverse nor AllAtOnce: the controller compares it with "Reverse" (ignoring case) and otherwise deletes all Applications at once.`,
        fixes: near ? [{ title: `Use deletionOrder: ${near}`, edits: [{ op: 'replaceValue', path, value: near }], preferred: true }] : undefined,
      });
      return;
    }
    if (equalFold(order, REVERSE) && !rollingSyncStrategyEnabled(strategy)) {
      ctx.report({
        path,
        message: `deletionOrder: ${order} has no effect here: reverse deletion only applies to a RollingSync strategy (type: RollingSync with rollingSync.steps), so all Applications are deleted at once. ${FLAG_NOTE}`,
      });
    }
  },
};

import { K } from '../../engine/kinds';
import { FLAG_NOTE, STRATEGY_PATH, editDistance } from '../../semantics/argocd/analysis';
import { ALL_AT_ONCE, ROLLING_SYNC, equalFold, strategyOf } from '../../semantics/argocd/progressive-sync';
import type { Fix, Rule } from '../rule';

/** A misspelt `type` that should read RollingSync: other case, or one or two letters off. */
function nearRollingSync(type: string): boolean {
  return equalFold(type, ROLLING_SYNC) || editDistance(type.toLowerCase(), ROLLING_SYNC.toLowerCase()) <= 2;
}

export const rule: Rule = {
  id: 'argocd/rollingsync-strategy-ignored',
  description:
    'An ApplicationSet strategy that silently behaves as AllAtOnce: `rollingSync` without `type: RollingSync` (exact spelling), or `type: RollingSync` without a `rollingSync` block. (Progressive syncs also need the controller flag --enable-progressive-syncs.)',
  severity: 'warning',
  appliesTo: [K.ApplicationSet],
  upstream: 'applicationset/progressivesync/progressive_sync.go IsRollingSyncStrategy (type == "RollingSync" && rollingSync != nil), buildAppDependencyList (fleet-argocd.md §5.1, §5.2, §5.11 S1)',
  check(appset, ctx) {
    const strategy = strategyOf(appset.value);
    if (!strategy) return;
    const type = strategy.type;
    const hasBlock = strategy.rollingSync !== undefined && strategy.rollingSync !== null;
    if (hasBlock && type !== ROLLING_SYNC) {
      if (type === undefined || type === null || type === '') {
        const fix: Fix = { title: 'Set strategy.type: RollingSync', edits: [{ op: 'setKey', path: STRATEGY_PATH, key: 'type', value: ROLLING_SYNC }], preferred: true };
        ctx.report({
          path: [...STRATEGY_PATH, 'rollingSync'],
          onKey: true,
          message: `strategy.rollingSync is ignored: strategy.type is not set, and the controller uses RollingSync only when type is exactly "RollingSync". The ApplicationSet behaves as AllAtOnce: Applications are created and updated together, each syncs by its own syncPolicy, and no step gates anything. ${FLAG_NOTE}`,
          fixes: [fix],
        });
        return;
      }
      if (type === ALL_AT_ONCE) {
        ctx.report({
          path: [...STRATEGY_PATH, 'rollingSync'],
          onKey: true,
          severity: 'info',
          message: 'strategy.rollingSync is ignored while strategy.type is AllAtOnce: its steps gate nothing until the type is RollingSync.',
        });
        return;
      }
      const text = String(type);
      ctx.report({
        path: [...STRATEGY_PATH, 'type'],
        message: `strategy.type ${JSON.stringify(text)} is not "RollingSync" (the comparison is exact and case-sensitive): the ApplicationSet behaves as AllAtOnce and strategy.rollingSync is ignored. ${FLAG_NOTE}`,
        fixes: nearRollingSync(text) ? [{ title: 'Change strategy.type to RollingSync', edits: [{ op: 'replaceValue', path: [...STRATEGY_PATH, 'type'], value: ROLLING_SYNC }], preferred: true }] : undefined,
      });
      return;
    }
    if (!hasBlock && type !== undefined && type !== null && type !== '' && type !== ALL_AT_ONCE) {
      if (type === ROLLING_SYNC) {
        ctx.report({
          path: [...STRATEGY_PATH, 'type'],
          message: 'strategy.type is RollingSync but there is no strategy.rollingSync block: the controller treats the ApplicationSet as AllAtOnce (no steps, no error, and deletionOrder is ignored too). Add rollingSync.steps.',
        });
        return;
      }
      const text = String(type);
      ctx.report({
        path: [...STRATEGY_PATH, 'type'],
        message: `strategy.type ${JSON.stringify(text)} is neither "RollingSync" nor "AllAtOnce": the ApplicationSet behaves as AllAtOnce.`,
        fixes: nearRollingSync(text) ? [{ title: 'Change strategy.type to RollingSync', edits: [{ op: 'replaceValue', path: [...STRATEGY_PATH, 'type'], value: ROLLING_SYNC }] }] : undefined,
      });
    }
  },
};

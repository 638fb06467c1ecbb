import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { ScaleDownLimitLargerThanRevisionLimit } from '../../semantics/rollouts/messages';
import { BLUE_GREEN, int, rolloutView, validatedBlueGreen } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

/** defaults.DefaultRevisionHistoryLimit. */
const DEFAULT_REVISION_HISTORY_LIMIT = 10;

export const rule: Rule = {
  id: 'rollouts/scale-down-revision-limit',
  description: 'blueGreen.scaleDownDelayRevisionLimit is larger than revisionHistoryLimit (default 10): old ReplicaSets kept scaled up would already have been deleted.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyBlueGreen, check B2 (argo-rollouts.md §1.2)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const blueGreen = validatedBlueGreen(view);
    if (!view || !blueGreen) return;
    const limit = int(blueGreen.scaleDownDelayRevisionLimit);
    const history = int(view.spec.revisionHistoryLimit) ?? DEFAULT_REVISION_HISTORY_LIMIT;
    if (limit === undefined || history >= limit) return;
    ctx.report({
      path: [...BLUE_GREEN, 'scaleDownDelayRevisionLimit'],
      message: explain(
        fieldError('spec.strategy.scaleDownDelayRevisionLimit', 'Invalid value', limit, ScaleDownLimitLargerThanRevisionLimit),
        `revisionHistoryLimit is ${history}${'revisionHistoryLimit' in view.spec ? '' : ' (the default)'}; raise it to at least ${limit} or lower this limit.`,
      ),
      related: 'revisionHistoryLimit' in view.spec ? [{ object: rollout, path: ['spec', 'revisionHistoryLimit'], message: 'revisionHistoryLimit' }] : undefined,
    });
  },
};

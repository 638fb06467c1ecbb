import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { ProgressDeadlineMessage } from '../../semantics/rollouts/messages';
import { int, rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

/** defaults.DefaultProgressDeadlineSeconds. */
const DEFAULT_PROGRESS_DEADLINE = 600;

export const rule: Rule = {
  id: 'rollouts/progress-deadline-not-above-min-ready',
  description: 'progressDeadlineSeconds (default 600) is not greater than minReadySeconds: a pod could never become ready before the deadline.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutSpec, check S11 (argo-rollouts.md §1.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    const minReady = int(view.spec.minReadySeconds) ?? 0;
    const explicit = int(view.spec.progressDeadlineSeconds);
    const deadline = explicit ?? DEFAULT_PROGRESS_DEADLINE;
    if (deadline > minReady) return;
    const meaning =
      explicit === undefined
        ? `progressDeadlineSeconds defaults to ${DEFAULT_PROGRESS_DEADLINE}; set it above minReadySeconds (${minReady}).`
        : `Set progressDeadlineSeconds above minReadySeconds (${minReady}), or lower minReadySeconds.`;
    ctx.report({
      path: explicit === undefined ? ['spec', 'minReadySeconds'] : ['spec', 'progressDeadlineSeconds'],
      message: explain(fieldError('spec.progressDeadlineSeconds', 'Invalid value', deadline, ProgressDeadlineMessage), meaning),
      fixes: [
        {
          title: `Set progressDeadlineSeconds to ${minReady + DEFAULT_PROGRESS_DEADLINE}`,
          edits: explicit === undefined
            ? [{ op: 'setKey', path: ['spec'], key: 'progressDeadlineSeconds', value: minReady + DEFAULT_PROGRESS_DEADLINE }]
            : [{ op: 'replaceValue', path: ['spec', 'progressDeadlineSeconds'], value: minReady + DEFAULT_PROGRESS_DEADLINE }],
        },
      ],
    });
  },
};

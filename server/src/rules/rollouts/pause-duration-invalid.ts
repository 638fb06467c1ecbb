import { K } from '../../engine/kinds';
import { parseGoDuration } from '../../semantics/go/duration';
import { pauseDurationSeconds } from '../../semantics/rollouts/duration';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { InvalidDurationMessage } from '../../semantics/rollouts/messages';
import { canarySteps, obj, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Fix, Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/pause-duration-invalid',
  description:
    'A pause duration the controller reads as negative: a negative number, or a string that is neither digits nor a Go duration (such as "1d" or "5 min"). 0 is accepted despite the upstream wording (argo-rollouts.md §1.12 quirk 5).',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary C17 with RolloutPause.DurationSeconds (argo-rollouts.md §1.3.1, §1.4)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || !validatedCanary(view)) return;
    for (const { index, step, path } of canarySteps(view)) {
      const duration = obj(step.pause)?.duration;
      const seconds = pauseDurationSeconds(duration);
      if (seconds === undefined || seconds >= 0) continue;
      const at = [...path, 'pause', 'duration'];
      const fixes: Fix[] = [];
      let meaning = 'A pause duration cannot be negative.';
      if (typeof duration === 'string') {
        const parsed = parseGoDuration(duration);
        if (!parsed.ok) {
          meaning = `${parsed.error}: use seconds (\`30\`) or a Go duration with the units ns, us, ms, s, m, h (\`30s\`, \`5m\`, \`1h30m\`).`;
          const days = /^\s*(\d+)\s*d(ays?)?\s*$/.exec(duration);
          const spaced = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|ms|s|m|h)\s*$/.exec(duration);
          if (days) fixes.push({ title: `Use ${Number(days[1]) * 24}h`, edits: [{ op: 'replaceValue', path: at, value: `${Number(days[1]) * 24}h` }], preferred: true });
          else if (spaced) fixes.push({ title: `Use ${spaced[1]}${spaced[2]}`, edits: [{ op: 'replaceValue', path: at, value: `${spaced[1]}${spaced[2]}` }], preferred: true });
        }
      }
      ctx.report({
        path: at,
        message: explain(fieldError(`spec.strategy.steps[${index}].pause.duration`, 'Invalid value', seconds, InvalidDurationMessage), meaning),
        fixes,
      });
    }
  },
};

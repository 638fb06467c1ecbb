import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { InvalidStepMessage } from '../../semantics/rollouts/messages';
import { canarySteps, present, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

/** The step kinds hasMultipleStepsType counts, in its order; the others may accompany one of them. */
const EXCLUSIVE = ['setWeight', 'pause', 'experiment', 'analysis'] as const;
const ALL = ['experiment', 'pause', 'setWeight', 'analysis', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'plugin'] as const;
const GO_NAME: Record<string, string> = {
  experiment: 'Experiment',
  pause: 'Pause',
  setWeight: 'SetWeight',
  analysis: 'Analysis',
  setCanaryScale: 'SetCanaryScale',
  setHeaderRoute: 'SetHeaderRoute',
  setMirrorRoute: 'SetMirrorRoute',
  plugin: 'Plugin',
};

function presentKeys(step: Record<string, unknown>, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const k of keys) if (present(step[k])) out.push(k);
  return out;
}

export const rule: Rule = {
  id: 'rollouts/step-type-invalid',
  description:
    'A canary step sets more than one of setWeight, pause, experiment and analysis, or none of the step kinds (a YAML `- pause:` with no value is null, so it counts as empty). The upstream text prints booleans meaning "present" for the first case and "absent" for the second (argo-rollouts.md §1.12 quirk 3).',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyCanary hasMultipleStepsType and the empty-step check, C14, C15 (argo-rollouts.md §1.3.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!validatedCanary(view) || !view) return;
    for (const { index, step, path } of canarySteps(view)) {
      const set = presentKeys(step, EXCLUSIVE);
      if (set.length === 1) continue;
      const has = (k: string) => present(step[k]);
      if (set.length > 1) {
        const value = `step.Experiment: ${has('experiment')} step.Pause: ${has('pause')} step.SetWeight: ${has('setWeight')} step.Analysis: ${has('analysis')}`;
        ctx.report({
          path: [...path, set[1]],
          onKey: true,
          message: explain(fieldError(`spec.strategy.steps[${index}]`, 'Invalid value', value, InvalidStepMessage), `One step does one thing: split ${set.map((k) => `\`${k}\``).join(' and ')} into separate steps.`),
        });
      }
      if (ALL.some(has)) continue;
      const value = ALL.map((k) => `step.${GO_NAME[k]}: ${!has(k)}`).join(' ');
      const nullKey = ALL.find((k) => k in step);
      ctx.report({
        path: nullKey ? [...path, nullKey] : path,
        onKey: true,
        message: explain(
          fieldError(`spec.strategy.steps[${index}]`, 'Invalid value', value, InvalidStepMessage),
          nullKey ? `\`${nullKey}:\` has no value, which is the same as leaving it out${nullKey === 'pause' ? '; write `pause: {}` for an indefinite pause' : ''}.` : 'This step does nothing; remove it or give it a kind.',
        ),
      });
    }
  },
};

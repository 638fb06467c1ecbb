import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { InvalidAntiAffinityStrategyMessage, InvalidAntiAffinityWeightMessage } from '../../semantics/rollouts/messages';
import { BLUE_GREEN, CANARY, int, obj, present, rolloutView, validatedBlueGreen, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';
const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';

export const rule: Rule = {
  id: 'rollouts/anti-affinity-invalid',
  description: 'strategy antiAffinity sets neither or both of preferred/required, or a preferred weight outside 1–100.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutStrategyAntiAffinity, checks A1, A2 (argo-rollouts.md §1.3, B3/C25)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const strategies: Array<[Record<string, unknown> | undefined, PathSeg[]]> = [
      [validatedBlueGreen(view), BLUE_GREEN],
      [validatedCanary(view), CANARY],
    ];
    for (const [strategy, base] of strategies) {
      const anti = obj(strategy?.antiAffinity);
      if (!anti) continue;
      const path = [...base, 'antiAffinity'];
      const preferred = present(anti[PREFERRED]);
      const required = present(anti[REQUIRED]);
      if (preferred === required) {
        const value = `antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution: ${preferred} antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution: ${required}`;
        ctx.report({
          path,
          onKey: true,
          message: explain(fieldError('spec.strategy.antiAffinity', 'Invalid value', value, InvalidAntiAffinityStrategyMessage), `Set exactly one of \`${PREFERRED}\` (with a weight) or \`${REQUIRED}\`.`),
        });
      }
      const weight = int(obj(anti[PREFERRED])?.weight);
      if (weight !== undefined && (weight < 1 || weight > 100)) {
        ctx.report({
          path: [...path, PREFERRED, 'weight'],
          message: explain(fieldError('spec.strategy.antiAffinity.weight', 'Invalid value', weight, InvalidAntiAffinityWeightMessage), 'Use a scheduling weight from 1 to 100.'),
        });
      }
    }
  },
};

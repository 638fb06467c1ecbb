import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { validateLabelSelector } from '../../semantics/rollouts/labels';
import { isObj, present, rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const MEANING: Record<string, string> = {
  'not a valid selector operator': 'The operator must be In, NotIn, Exists or DoesNotExist.',
  "must be specified when `operator` is 'In' or 'NotIn'": 'In and NotIn need at least one value.',
  "may not be specified when `operator` is 'Exists' or 'DoesNotExist'": 'Exists and DoesNotExist test the key only; remove the values.',
};

export const rule: Rule = {
  id: 'rollouts/selector-invalid',
  description: 'spec.selector breaks the Kubernetes label-selector rules (operator, values, label key or value syntax).',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutSpec → apimachinery ValidateLabelSelector, check S3 (argo-rollouts.md §1.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || present(view.spec.workloadRef) || !isObj(view.spec.selector)) return;
    for (const p of validateLabelSelector(view.spec.selector)) {
      const meaning = MEANING[p.detail] ?? 'Label keys and values must be valid Kubernetes label syntax.';
      ctx.report({
        path: ['spec', 'selector', ...p.path],
        onKey: p.onKey,
        message: explain(fieldError(`spec.selector${p.field}`, p.type, p.value, p.detail), `${meaning} Until then the Rollout is marked InvalidSpec.`),
      });
    }
  },
};

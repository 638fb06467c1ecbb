import { K } from '../../engine/kinds';
import { explain, fieldError, goStruct } from '../../semantics/rollouts/field-error';
import { selectorIsEmpty } from '../../semantics/rollouts/labels';
import { EmptySelectorMessage, MissingFieldMessage } from '../../semantics/rollouts/messages';
import { isObj, obj, present, rolloutView, templateLabels } from '../../semantics/rollouts/spec';
import type { Fix, Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/selector-required',
  description: 'A Rollout without a workloadRef has no spec.selector, or an empty one: the controller cannot tell which pods are its own.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutSpec, checks S2 and S4 (argo-rollouts.md §1.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || present(view.spec.workloadRef)) return;
    const labels = templateLabels(view.spec);
    const hasLabels = Object.keys(labels).length > 0;
    const selector = view.spec.selector;
    if (!present(selector)) {
      const fixes: Fix[] = hasLabels ? [{ title: 'Select the pods by the template labels', edits: [{ op: 'setKey', path: ['spec'], key: 'selector', value: { matchLabels: labels } }], preferred: true }] : [];
      ctx.report({
        path: 'selector' in view.spec ? ['spec', 'selector'] : ['spec'],
        onKey: true,
        message: explain(fieldError('spec.selector', 'Required value', undefined, MissingFieldMessage('.spec.selector')), 'Add `selector.matchLabels` with the labels of `spec.template.metadata.labels`.'),
        fixes,
      });
      return;
    }
    if (!isObj(selector) || !selectorIsEmpty(selector)) return;
    const value = goStruct([
      ['matchLabels', obj(selector.matchLabels), true],
      ['matchExpressions', selector.matchExpressions, true],
    ]);
    ctx.report({
      path: ['spec', 'selector'],
      onKey: true,
      message: explain(fieldError('spec.selector', 'Invalid value', value, EmptySelectorMessage), 'An empty selector would match every pod in the namespace; list the template labels under `matchLabels`.'),
      fixes: hasLabels ? [{ title: 'Select the pods by the template labels', edits: [{ op: 'replaceValue', path: ['spec', 'selector'], value: { matchLabels: labels } }], preferred: true }] : [],
    });
  },
};

import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { WorkloadRefTemplateMessage } from '../../semantics/rollouts/messages';
import { emptyTemplate, present, rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/workload-ref-template-not-empty',
  description:
    'A Rollout with spec.workloadRef also sets pod template labels or annotations; the template must come from the referenced workload only. (The controller prints this as `spec.workloadRef: Invalid value: {…}: template must be empty…`; the text here is the one `kubectl argo rollouts lint` prints.)',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutSpec and rollout/templateref.go Resolve, check S5 (argo-rollouts.md §1.1; RolloutSpec.EmptyTemplate)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || !present(view.spec.workloadRef)) return;
    if (emptyTemplate(view.spec)) return;
    ctx.report({
      path: ['spec', 'template'],
      onKey: true,
      message: explain(
        fieldError('spec.template', 'Internal error', undefined, WorkloadRefTemplateMessage),
        'With workloadRef the pod template is read from the referenced workload; remove spec.template (a template with only `spec` counts as empty).',
      ),
      related: [{ object: rollout, path: ['spec', 'workloadRef'], onKey: true, message: 'the workloadRef' }],
      fixes: [{ title: 'Remove spec.template (the workload provides it)', edits: [{ op: 'remove', path: ['spec', 'template'] }], preferred: true }],
    });
  },
};

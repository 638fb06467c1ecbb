import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { obj, present, rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/pod-template-containers-required',
  description:
    'A Rollout without workloadRef has no pod template containers (no spec.template, no template.spec, or an empty containers list). A template.spec without the containers key is reported by the schema check instead.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutSpec → k8s ValidatePodTemplateSpecForReplicaSet → ValidatePodSpec (argo-rollouts.md §1.1 S7, §1.11)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || present(view.spec.workloadRef)) return;
    const template = obj(view.spec.template);
    const podSpec = obj(template?.spec);
    if (podSpec && !('containers' in podSpec)) return;
    const containers = podSpec?.containers;
    if (Array.isArray(containers) && containers.length > 0) return;
    const path = podSpec ? ['spec', 'template', 'spec', 'containers'] : template ? ['spec', 'template'] : 'template' in view.spec ? ['spec', 'template'] : ['spec'];
    ctx.report({
      path,
      onKey: true,
      message: explain(
        fieldError('spec.template.spec.containers', 'Required value', undefined, ''),
        template ? 'A pod needs at least one container.' : 'The Rollout has no pod template: add spec.template (labels and containers), or point spec.workloadRef at a Deployment.',
      ),
    });
  },
};

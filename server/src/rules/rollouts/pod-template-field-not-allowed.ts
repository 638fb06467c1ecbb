import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { ActiveDeadlineForbiddenMessage } from '../../semantics/rollouts/messages';
import { obj, present, rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const POD_SPEC = ['spec', 'template', 'spec'];

export const rule: Rule = {
  id: 'rollouts/pod-template-field-not-allowed',
  description: 'The pod template sets a field a ReplicaSet cannot run: a restartPolicy other than Always, or activeDeadlineSeconds.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation.go ValidateRolloutSpec → k8s ValidatePodTemplateSpecForReplicaSet (argo-rollouts.md §1.11)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || present(view.spec.workloadRef)) return;
    const podSpec = obj(obj(view.spec.template)?.spec);
    if (!podSpec) return;
    // Defaults run first: an absent or empty restartPolicy becomes Always.
    const restart = podSpec.restartPolicy;
    if (typeof restart === 'string' && restart !== '' && restart !== 'Always') {
      ctx.report({
        path: [...POD_SPEC, 'restartPolicy'],
        message: explain(
          fieldError('spec.template.spec.restartPolicy', 'Unsupported value', restart, 'supported values: "Always"'),
          'Rollout pods are managed by ReplicaSets, which always restart containers; remove restartPolicy.',
        ),
        fixes: [{ title: 'Remove restartPolicy', edits: [{ op: 'remove', path: [...POD_SPEC, 'restartPolicy'] }], preferred: true }],
      });
    }
    if (present(podSpec.activeDeadlineSeconds)) {
      ctx.report({
        path: [...POD_SPEC, 'activeDeadlineSeconds'],
        onKey: true,
        message: explain(
          fieldError('spec.template.spec.activeDeadlineSeconds', 'Forbidden', undefined, ActiveDeadlineForbiddenMessage),
          'A deadline would kill long-running service pods; it belongs to Jobs, not Rollouts.',
        ),
        fixes: [{ title: 'Remove activeDeadlineSeconds', edits: [{ op: 'remove', path: [...POD_SPEC, 'activeDeadlineSeconds'] }], preferred: true }],
      });
    }
  },
};

import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { notFound } from '../../semantics/rollouts/messages';
import { obj, rolloutView, str } from '../../semantics/rollouts/spec';
import { objectRefJson, workloadKind } from '../../semantics/rollouts/workload-ref';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/workload-ref-not-found',
  description: 'The Deployment, ReplicaSet or PodTemplate named by spec.workloadRef exists nowhere in the workspace (it may exist only on the cluster).',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'rollout/templateref.go Resolve: informer lister NotFound, reported as InvalidSpec (argo-rollouts.md §1.1)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const ref = obj(view?.spec.workloadRef);
    if (!ref) return;
    const { known } = workloadKind(ref);
    const name = str(ref.name);
    if (!known || !name) return;
    if (ctx.find(known.typeId, name, rollout.namespace).length > 0) return;
    ctx.report({
      path: ['spec', 'workloadRef', 'name'],
      message: explain(
        fieldError('spec.workloadRef', 'Invalid value', objectRefJson(ref), notFound(known.resource, name)),
        'It is not in this workspace; the Rollout is invalid unless it exists on the cluster in the same namespace.',
      ),
    });
  },
};

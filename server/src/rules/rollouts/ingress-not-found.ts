import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { notFound } from '../../semantics/rollouts/messages';
import { ingressRefs } from '../../semantics/rollouts/references';
import { rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/ingress-not-found',
  description: 'An Ingress named by alb or nginx traffic routing exists nowhere in the workspace (it may exist only on the cluster).',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'rollout/controller.go getReferencedIngresses / handleCacheError, R6 (argo-rollouts.md §1.5)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    for (const ref of ingressRefs(view)) {
      if (!ref.name || ctx.find(K.Ingress, ref.name, rollout.namespace).length > 0) continue;
      ctx.report({
        path: ref.path,
        message: explain(
          fieldError(ref.lookupField, 'Invalid value', ref.lookupValue, notFound('ingress.networking.k8s.io', ref.name)),
          'It is not in this workspace; the Rollout is invalid unless the Ingress exists on the cluster in the same namespace.',
        ),
      });
    }
  },
};

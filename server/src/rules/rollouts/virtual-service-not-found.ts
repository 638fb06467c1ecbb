import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { notFound } from '../../semantics/rollouts/messages';
import { virtualServiceRefs } from '../../semantics/rollouts/references';
import { rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/virtual-service-not-found',
  description: 'An Istio VirtualService named by trafficRouting.istio exists nowhere in the workspace (it may exist only on the cluster). A `name.namespace` reference is looked up in that namespace.',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'rollout/trafficrouting/istio/controller.go GetReferencedVirtualServices, R8 (argo-rollouts.md §1.5)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || !validatedCanary(view)) return;
    for (const ref of virtualServiceRefs(view)) {
      if (ctx.find(K.VirtualService, ref.name, ref.namespace ?? rollout.namespace).length > 0) continue;
      ctx.report({
        path: ref.path,
        message: explain(
          fieldError(ref.field, 'Invalid value', ref.name, notFound('virtualservices.networking.istio.io', ref.name)),
          `It is not in this workspace; the Rollout is invalid unless the VirtualService exists on the cluster${ref.namespace ? ` in namespace ${ref.namespace}` : ' in the same namespace'}.`,
        ),
      });
    }
  },
};

import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { notFound } from '../../semantics/rollouts/messages';
import { serviceRefs } from '../../semantics/rollouts/references';
import { rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/service-not-found',
  description: 'A Service named by the strategy (active/preview, stable/canary, ping/pong) exists nowhere in the workspace (it may exist only on the cluster).',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'rollout/controller.go getReferencedService: lister NotFound → InvalidSpec, R1 (argo-rollouts.md §1.5)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    for (const ref of serviceRefs(view)) {
      if (ctx.find(K.Service, ref.name, rollout.namespace).length > 0) continue;
      ctx.report({
        path: ref.path,
        message: explain(
          fieldError(ref.field, 'Invalid value', ref.name, notFound('service', ref.name)),
          'It is not in this workspace; the Rollout is invalid unless the Service exists on the cluster in the same namespace.',
        ),
      });
    }
  },
};

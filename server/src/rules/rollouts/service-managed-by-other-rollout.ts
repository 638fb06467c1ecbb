import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { ManagedByRolloutsKey, serviceManagedByOther } from '../../semantics/rollouts/messages';
import { serviceRefs } from '../../semantics/rollouts/references';
import { resolveRef, whenAllFail } from '../../semantics/rollouts/refs';
import { obj, rolloutView } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/service-managed-by-other-rollout',
  description: `A Service the Rollout uses carries the ${ManagedByRolloutsKey} annotation of another Rollout: two Rollouts would fight over its selector.`,
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation_references.go ValidateService, V2 (argo-rollouts.md §1.5; conditions.ServiceReferencingManagedService)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view || !rollout.name) return;
    for (const ref of serviceRefs(view)) {
      const failing = whenAllFail(resolveRef(ctx, K.Service, ref.name, rollout), (svc) => {
        const owner = obj(obj(svc.value?.metadata)?.annotations)?.[ManagedByRolloutsKey];
        return typeof owner === 'string' && owner !== rollout.name ? [owner] : [];
      });
      if (!failing) continue;
      ctx.report({
        path: ref.path,
        message: explain(
          fieldError(ref.field, 'Invalid value', ref.name, serviceManagedByOther(ref.name)),
          `Rollout ${failing.problems[0]} owns it; give this Rollout its own Service (or remove the annotation if that Rollout is gone).`,
        ),
        related: [{ object: failing.object, path: ['metadata', 'annotations', ManagedByRolloutsKey], message: 'the managing Rollout' }],
      });
    }
  },
};

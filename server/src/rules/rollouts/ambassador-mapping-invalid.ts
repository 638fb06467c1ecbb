import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { ambassadorMappingWeight, notFound } from '../../semantics/rollouts/messages';
import { resolveRef, whenAllFail } from '../../semantics/rollouts/refs';
import { list, obj, rolloutView, TRAFFIC_ROUTING, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

/** Ambassador v2 (getambassador.io) and Emissary v3 (x.getambassador.io) Mappings. */
const MAPPING_TYPES = [K.AmbassadorMapping, 'x.getambassador.io/Mapping'];

export const rule: Rule = {
  id: 'rollouts/ambassador-mapping-invalid',
  description: 'An Ambassador Mapping named by trafficRouting.ambassador sets spec.weight (the controller owns weights), or exists nowhere in the workspace (a warning: it may exist only on the cluster).',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'rollout/controller.go getAmbassadorMappings (R10) and validation_references.go ValidateAmbassadorMapping (V6) (argo-rollouts.md §1.5)',
  check(rollout, ctx) {
    const canary = validatedCanary(rolloutView(rollout.value));
    const ambassador = obj(obj(canary?.trafficRouting)?.ambassador);
    if (!ambassador) return;
    list(ambassador.mappings).forEach((m, i) => {
      if (typeof m !== 'string' || !m) return;
      const path = [...TRAFFIC_ROUTING, 'ambassador', 'mappings', i];
      if (MAPPING_TYPES.every((t) => ctx.find(t, m, rollout.namespace).length === 0)) {
        ctx.report({
          path,
          severity: 'warning',
          message: explain(
            fieldError('spec.strategy.canary.trafficRouting.ambassador.mappings', 'Invalid value', m, notFound('mappings.getambassador.io', m)),
            'It is not in this workspace; the Rollout is invalid unless the Mapping exists on the cluster in the same namespace.',
          ),
        });
        return;
      }
      const failing = whenAllFail(MAPPING_TYPES.flatMap((t) => resolveRef(ctx, t, m, rollout)), (o) => {
        const weight = obj(o.value?.spec)?.weight;
        return typeof weight === 'number' && weight !== 0 ? [weight] : [];
      });
      if (!failing) return;
      ctx.report({
        path,
        message: explain(fieldError('spec.weight', 'Invalid value', m, ambassadorMappingWeight(m)), `The Mapping sets weight ${failing.problems[0]}; the controller creates a canary Mapping and sets weights itself, so remove spec.weight.`),
        related: [{ object: failing.object, path: ['spec', 'weight'], message: 'the weight' }],
      });
    });
  },
};

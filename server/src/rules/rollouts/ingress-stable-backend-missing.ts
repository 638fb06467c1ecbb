import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { ingressNoStableBackend } from '../../semantics/rollouts/messages';
import { ingressRefs } from '../../semantics/rollouts/references';
import { resolveRef, whenAllFail } from '../../semantics/rollouts/refs';
import { list, obj, rolloutView, str } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

/** ingressutil.HasRuleWithService: some rules[].http.paths[] backend names the Service (v1 or v1beta1 shape). */
function hasRuleWithService(ingress: ManifestObject, service: string): boolean {
  for (const rule of list(obj(ingress.value?.spec)?.rules)) {
    for (const p of list(obj(obj(rule)?.http)?.paths)) {
      const backend = obj(obj(p)?.backend);
      if (str(obj(backend?.service)?.name) === service || str(backend?.serviceName) === service) return true;
    }
  }
  return false;
}

export const rule: Rule = {
  id: 'rollouts/ingress-stable-backend-missing',
  description:
    'The Ingress named by nginx or alb traffic routing has no rule whose backend is the stable Service (alb: rootService when set): the controller cannot derive the canary Ingress or action from it. Reported as a warning although the controller rejects it: `kubectl argo rollouts lint` only considers Ingresses that do route to the stable Service, so it accepts such files, and upstream ships lint test data (valid-nginx-canary.yml) that relies on that.',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'validation_references.go ValidateIngress / reportErrors, V4 (argo-rollouts.md §1.5)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    for (const ref of ingressRefs(view)) {
      if (!ref.name) continue;
      const failing = whenAllFail(resolveRef(ctx, K.Ingress, ref.name, rollout), (ing) => (hasRuleWithService(ing, ref.service) ? [] : [true]));
      if (!failing) continue;
      const which = ref.router === 'alb' && ref.service !== (obj(view.canary)?.stableService ?? '') ? 'rootService' : 'stableService';
      ctx.report({
        path: ref.path,
        message: explain(
          fieldError(ref.checkField, 'Invalid value', ref.name, ingressNoStableBackend(ref.name, ref.service)),
          `The Ingress must route to the ${which} (${ref.service || 'unset'}); add a rule with that backend or name the right Ingress.`,
        ),
        related: [{ object: failing.object, path: ['spec', 'rules'], onKey: true, message: 'the Ingress rules' }],
      });
    }
  },
};

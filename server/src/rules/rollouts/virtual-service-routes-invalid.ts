import { K } from '../../engine/kinds';
import { explain, fieldError } from '../../semantics/rollouts/field-error';
import { virtualServiceProblems } from '../../semantics/rollouts/istio';
import { virtualServiceRefs } from '../../semantics/rollouts/references';
import { resolveRef, whenAllFail } from '../../semantics/rollouts/refs';
import { rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/virtual-service-routes-invalid',
  description:
    'The Istio VirtualService the Rollout names has no route the controller can weight: no http/tls/tcp routes, a named route that does not exist, a route without both the stable and canary Service (or DestinationRule subsets), or several routes and none selected.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'validation_references.go ValidateVirtualService and istio.go ValidateHTTPRoutes/ValidateTlsRoutes/ValidateTcpRoutes, V5 (argo-rollouts.md §1.5)',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const canary = validatedCanary(view);
    if (!view || !canary) return;
    for (const ref of virtualServiceRefs(view)) {
      const candidates = resolveRef(ctx, K.VirtualService, ref.name, rollout, ref.namespace ?? rollout.namespace);
      const failing = whenAllFail(candidates, (vs) => virtualServiceProblems(canary, ref.entry, vs.value));
      if (!failing) continue;
      for (const p of failing.problems) {
        ctx.report({
          path: ref.path,
          message: explain(fieldError(ref.field, 'Invalid value', ref.name, p.detail), 'The controller sets the canary weight on this route, so it must send traffic to both the stable and the canary destination.'),
          related: [{ object: failing.object, path: p.path, onKey: true, message: `VirtualService ${ref.name}` }],
        });
      }
    }
  },
};

import { K } from '../../engine/kinds';
import { destinationRuleName } from '../../semantics/rollouts/istio';
import { list, obj, goStr, rolloutView, TRAFFIC_ROUTING, validatedCanary } from '../../semantics/rollouts/spec';
import { resolveRef, whenAllFail } from '../../semantics/rollouts/refs';
import type { Rule } from '../rule';

const DR_PATH = [...TRAFFIC_ROUTING, 'istio', 'destinationRule'];

export const rule: Rule = {
  id: 'rollouts/destination-rule-missing',
  description:
    'Istio subset routing names a DestinationRule that exists nowhere in the workspace, or one without the canary or stable subset. Not an InvalidSpec check upstream: the controller fails each reconcile with a DestinationRuleNotFound event, and silently skips missing subsets (the route then has no pods behind that subset).',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'rollout/trafficrouting/istio/istio.go getDestinationRule ("DestinationRule `<name>` not found" event) and UpdateHash (subsets by canarySubsetName/stableSubsetName)',
  check(rollout, ctx) {
    const canary = validatedCanary(rolloutView(rollout.value));
    if (!canary) return;
    const name = destinationRuleName(canary);
    if (!name) return;
    const spec = obj(obj(obj(canary.trafficRouting)?.istio)?.destinationRule) ?? {};
    if (ctx.find(K.DestinationRule, name, rollout.namespace).length === 0) {
      ctx.report({
        path: [...DR_PATH, 'name'],
        message: `DestinationRule \`${name}\` not found. It is not in this workspace; unless it exists on the cluster in the Rollout's namespace, every reconcile fails and the canary subset never gets its pods.`,
      });
      return;
    }
    const failing = whenAllFail(resolveRef(ctx, K.DestinationRule, name, rollout), (dr) => {
      const subsets = new Set(list(obj(dr.value?.spec)?.subsets).map((s) => goStr(obj(s)?.name)));
      // An unset subset name is a schema error (required), not a missing subset.
      return (['canarySubsetName', 'stableSubsetName'] as const).filter((k) => goStr(spec[k]) !== '' && !subsets.has(goStr(spec[k]))).map((k) => ({ key: k, subset: goStr(spec[k]) }));
    });
    if (!failing) return;
    for (const p of failing.problems) {
      ctx.report({
        path: [...DR_PATH, p.key],
        message: `DestinationRule ${name} has no subset '${p.subset}'. The controller only updates subsets that exist, so traffic routed to '${p.subset}' reaches no pods; add the subset to the DestinationRule.`,
        related: [{ object: failing.object, path: ['spec', 'subsets'], onKey: true, message: 'the subsets' }],
      });
    }
  },
};

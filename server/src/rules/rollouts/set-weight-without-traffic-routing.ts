import { K } from '../../engine/kinds';
import { resolveFenceposts } from '../../semantics/rollouts/intstr';
import { basicCanarySplit } from '../../semantics/rollouts/replicas';
import { canarySteps, int, present, rolloutView, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

const pct = (n: number) => (Number.isInteger(n) ? `${n}%` : `${n.toFixed(1)}%`);
const pods = (n: number) => `${n} ${n === 1 ? 'pod' : 'pods'}`;

export const rule: Rule = {
  id: 'rollouts/set-weight-without-traffic-routing',
  description:
    'A canary without trafficRouting cannot send an exact share of traffic: the Service balances over pods, so setWeight is approximated by the canary/stable pod counts for the given replicas (and maxSurge). Reported for each setWeight whose real share differs.',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'utils/replicaset/canary.go approximateWeightedCanaryStableReplicaCounts and resolveFenceposts (field guide, seed 004); upstream accepts it',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    const canary = validatedCanary(view);
    if (!view || !canary || present(canary.trafficRouting)) return;
    const replicasSet = int(view.spec.replicas);
    const replicas = replicasSet ?? 1;
    if (replicas <= 0) return;
    const { surge } = resolveFenceposts(canary.maxSurge, canary.maxUnavailable, replicas);
    for (const { step, path } of canarySteps(view)) {
      const weight = int(step.setWeight);
      if (weight === undefined || weight <= 0 || weight >= 100) continue;
      const split = basicCanarySplit(replicas, weight, surge);
      if (Math.abs(split.actualPercent - weight) < 0.5) continue;
      const withReplicas = replicasSet === undefined ? 'with replicas unset (1)' : `with ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}`;
      ctx.report({
        path: [...path, 'setWeight'],
        message:
          `setWeight ${weight} ${withReplicas} gives ${pods(split.canary)} of the new version next to ${pods(split.stable)} of the stable one, so about ${pct(split.actualPercent)} of requests reach the canary, not ${weight}%. ` +
          'Without trafficRouting the weight is approximated by pod counts; add trafficRouting for exact weights, or pick weights and replicas that divide evenly.',
      });
    }
  },
};

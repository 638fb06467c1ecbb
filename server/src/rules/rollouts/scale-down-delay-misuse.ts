import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { goDurationSeconds } from '../../semantics/go/duration';
import { goIntValue } from '../../semantics/rollouts/intstr';
import { BLUE_GREEN, CANARY, int, list, obj, present, rolloutView, validatedBlueGreen, validatedCanary } from '../../semantics/rollouts/spec';
import type { Rule } from '../rule';

/** defaults.DefaultScaleDownDelaySeconds: long enough for kube-proxy to drop the old endpoints. */
const DEFAULT_DELAY = 30;

/** Seconds a template's analysis runs at most: initialDelay + interval × (count − 1), per metric; undefined when unbounded or unknown. */
function templateSeconds(t: ManifestObject): number | undefined {
  let longest = 0;
  for (const m of list(obj(t.value?.spec)?.metrics)) {
    const metric = obj(m);
    if (!metric) continue;
    const count = goIntValue(metric.count);
    const interval = metric.interval === undefined ? 0 : goDurationSeconds(metric.interval);
    const delay = metric.initialDelay === undefined ? 0 : goDurationSeconds(metric.initialDelay);
    if (interval === undefined || delay === undefined) return undefined;
    if (count <= 0 && interval > 0) return undefined;
    longest = Math.max(longest, delay + interval * Math.max(count - 1, 0));
  }
  return longest;
}

export const rule: Rule = {
  id: 'rollouts/scale-down-delay-misuse',
  description:
    'scaleDownDelaySeconds set below the 30 s default (old pods go away before every node has stopped routing to them, and the instant rollback window is lost), or shorter than a blueGreen post-promotion analysis, which the controller then cancels when it scales the old ReplicaSet down.',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'utils/defaults GetScaleDownDelaySecondsOrDefault (30 s); docs/features/bluegreen.md (scaleDownDelaySeconds, postPromotionAnalysis); field guide, seeds 002 and 004',
  check(rollout, ctx) {
    const view = rolloutView(rollout.value);
    if (!view) return;
    const blueGreen = validatedBlueGreen(view);
    const canary = validatedCanary(view);
    // Canary without trafficRouting: scaleDownDelaySeconds is an error (rollouts/requires-traffic-routing).
    const holder = blueGreen ?? (canary && present(canary.trafficRouting) ? canary : undefined);
    if (!holder) return;
    const base = blueGreen ? BLUE_GREEN : CANARY;
    const delay = int(holder.scaleDownDelaySeconds);
    if (delay === undefined) return;
    const path = [...base, 'scaleDownDelaySeconds'];
    if (delay < DEFAULT_DELAY) {
      ctx.report({
        path,
        message:
          `The old ReplicaSet is scaled down ${delay === 0 ? 'right' : `${delay}s`} after traffic switches. Nodes may still send requests to its pods until their iptables catch up, so in-flight requests fail, and a fast rollback to still-running pods is no longer possible. ` +
          `Keep at least the default ${DEFAULT_DELAY} seconds (longer for long-lived connections).`,
        fixes: [{ title: `Use the default ${DEFAULT_DELAY} seconds`, edits: [{ op: 'remove', path }] }],
      });
      return;
    }
    if (!blueGreen) return;
    const post = analysisGroups(rollout.value).find((g) => g.type === 'PostPromotionAnalysis');
    if (!post) return;
    let longest = 0;
    for (const ref of post.templates) {
      if (!ref.templateName) return;
      const t = ctx.find(ref.clusterScope ? K.ClusterAnalysisTemplate : K.AnalysisTemplate, ref.templateName, ref.clusterScope ? undefined : rollout.namespace)[0];
      const seconds = t && templateSeconds(t);
      if (seconds === undefined) return;
      longest = Math.max(longest, seconds);
    }
    if (longest <= delay) return;
    ctx.report({
      path,
      message:
        `The post-promotion analysis runs for about ${Math.round(longest)}s, but with scaleDownDelaySeconds ${delay} the controller cancels it when it scales the old ReplicaSet down after ${delay}s, so a regression found later can no longer roll back to running pods. ` +
        `Set scaleDownDelaySeconds above ${Math.ceil(longest)}, or leave it unset (the old ReplicaSet then waits for the analysis).`,
    });
  },
};

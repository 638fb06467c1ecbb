import { K } from '../../engine/kinds';
import type { Rule } from '../rule';
import { rolloutRefOf, wavesOf } from './support/plan-walk';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether the Rollout stops by itself somewhere and waits for a promote (what lets a wave hold it). */
function waitsForPromote(rollout: Obj | undefined): boolean {
  const strategy = isObj(rollout?.spec) && isObj(rollout.spec.strategy) ? rollout.spec.strategy : {};
  if (isObj(strategy.blueGreen)) return strategy.blueGreen.autoPromotionEnabled === false;
  const steps = isObj(strategy.canary) && Array.isArray(strategy.canary.steps) ? strategy.canary.steps : [];
  return steps.some((s) => isObj(s) && isObj(s.pause) && (s.pause.duration === undefined || s.pause.duration === null));
}

export const rule: Rule = {
  id: 'waves/rollout-not-held',
  description: "The plan's Rollout never waits for a promote (no pause step without a duration, or a blue-green that promotes itself): every context rolls out on its own and the waves hold nothing.",
  severity: 'warning',
  appliesTo: [K.WavePlan],
  upstream:
    'docs/wave-plans.md "The Rollout": a wave releases a context by promoting it past an indefinite pause; a canary without one runs every step by itself (argo-rollouts.md §3.1, §4.1 CanaryPauseStep), a blue-green with autoPromotionEnabled promotes itself',
  check(plan, ctx) {
    const ref = rolloutRefOf(plan.value);
    if (!ref.name) return;
    const namespaces = new Set(wavesOf(plan.value).flatMap((w) => w.entries.map((e) => e.namespace)));
    const found = ctx.find(K.Rollout, ref.name).filter((o) => !o.namespace || namespaces.has(o.namespace) || o.namespace === ref.namespace);
    const free = found.filter((o) => !waitsForPromote(o.value));
    if (found.length === 0 || free.length === 0) return;
    ctx.report({
      path: ['spec', 'rollout', 'name'],
      message: `Rollout ${ref.name} never waits for a promote, so it rolls out in every context as soon as it is updated and the waves of this plan hold nothing. Start its canary steps with \`- pause: {}\` (or set blueGreen.autoPromotionEnabled: false).`,
      related: free.map((o) => ({ object: o, path: ['spec', 'strategy'], message: `${o.label}: no pause without a duration` })),
    });
  },
};

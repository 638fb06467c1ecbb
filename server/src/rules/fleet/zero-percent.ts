import { limit } from '../../semantics/fleet/limit';
import { describeField, FLEET_STRATEGY_HOLDERS, hasManualPartitions, intOrStringFields, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import type { Rule } from '../rule';

/** A percentage that limit() clamps up to 1: "0%", "-10%", "0.0%". */
function clampedPercent(value: unknown): boolean {
  if (typeof value !== 'string' || !value.endsWith('%')) return false;
  const p = Number(value.slice(0, -1));
  if (!Number.isFinite(p) || p > 0) return false;
  try {
    return limit(1000, value) === 1;
  } catch {
    return false;
  }
}

export const rule: Rule = {
  id: 'fleet/zero-percent',
  description: 'A rollout percentage of "0%" (or below): Fleet reads it as 1, not 0.',
  severity: 'info',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream: 'internal/cmd/controller/target/status.go limit(): a percentage ≤ 0 returns 1 (fleet-argocd.md §2.2, §2.5, §2.9 R4)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    if (!at) return;
    for (const f of intOrStringFields(at)) {
      if (!clampedPercent(f.value)) continue;
      const value = String(f.value);
      let meaning: string;
      if (f.field === 'maxUnavailablePartitions') meaning = 'one unavailable partition is tolerated, and Fleet stops after the second';
      else if (f.field === 'autoPartitionSize') {
        if (hasManualPartitions(at.strategy)) continue;
        meaning = 'with automatic partitioning every partition holds a single cluster';
      } else meaning = 'one cluster may be unavailable at a time';
      ctx.report({ path: f.path, message: `${describeField(f)}: "${value}" is read as 1, not 0: ${meaning}. Write 1 to say so, or the integer 0 for none (which stalls updates of Ready clusters).` });
    }
  },
};

/**
 * Replica arithmetic of a canary without traffic routing (utils/replicaset/canary.go,
 * fn approximateWeightedCanaryStableReplicaCounts): the Service sends traffic to every ready pod,
 * so the real traffic share of the canary is its share of the pods, not the setWeight.
 */

export interface CanarySplit {
  canary: number;
  stable: number;
  /** canary / (canary + stable) in percent; 0 when there are no pods. */
  actualPercent: number;
}

function floorCeilingTied(desiredWeight: number, maxWeight: number, total: number): boolean {
  const x = total * (desiredWeight / maxWeight);
  return x - Math.trunc(x) === 0.5;
}

function weightDelta(desiredWeight: number, maxWeight: number, canary: number, total: number): number {
  return Math.abs((canary * maxWeight) / total - desiredWeight);
}

/**
 * The canary and stable pod counts the controller settles on for a step with `setWeight`, given
 * spec.replicas and maxSurge as a replica count (see intstr.resolveFenceposts). Options are tried
 * in the controller's order and the first closest one wins.
 */
export function basicCanarySplit(replicas: number, desiredWeight: number, maxSurge: number, maxWeight = 100): CanarySplit {
  if (replicas <= 0) return { canary: 0, stable: 0, actualPercent: 0 };
  const ceil = Math.ceil((replicas * desiredWeight) / maxWeight);
  const floor = Math.floor((replicas * desiredWeight) / maxWeight);
  const tied = floorCeilingTied(desiredWeight, maxWeight, replicas);
  const zeroAllowed = desiredWeight === maxWeight || desiredWeight === 0 || (replicas === 1 && maxSurge === 0);
  const options: Array<{ canary: number; total: number }> = [];
  if (ceil < replicas || zeroAllowed) options.push({ canary: ceil, total: replicas });
  if (!tied && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas });
  if (maxSurge > 0) {
    options.push({ canary: ceil, total: replicas + 1 });
    if (!floorCeilingTied(desiredWeight, maxWeight, replicas + 1) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas + 1 });
  }
  if (options.length === 0) return { canary: 0, stable: replicas, actualPercent: 0 };
  let best = options[0];
  let bestDelta = weightDelta(desiredWeight, maxWeight, best.canary, best.total);
  for (const o of options.slice(1)) {
    const delta = weightDelta(desiredWeight, maxWeight, o.canary, o.total);
    if (delta < bestDelta) {
      best = o;
      bestDelta = delta;
    }
  }
  const stable = best.total - best.canary;
  return { canary: best.canary, stable, actualPercent: best.total === 0 ? 0 : (best.canary * 100) / best.total };
}

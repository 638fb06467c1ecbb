import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';

export interface StrategyAt {
  strategy: Record<string, unknown>;
  /** Path of `rolloutStrategy` inside the object. */
  path: PathSeg[];
}

/** fleet.yaml holds `rolloutStrategy` at the top; Bundle and HelmOp under `spec` (fleet-argocd.md §2). */
export function rolloutStrategyOf(typeId: string | undefined, value: Record<string, unknown> | undefined): StrategyAt | undefined {
  if (!value) return undefined;
  const holder = typeId === K.FleetYaml ? value : typeId === K.Bundle || typeId === K.HelmOp ? (value.spec as Record<string, unknown> | undefined) : undefined;
  const strategy = holder?.rolloutStrategy;
  if (!strategy || typeof strategy !== 'object' || Array.isArray(strategy)) return undefined;
  return { strategy: strategy as Record<string, unknown>, path: typeId === K.FleetYaml ? ['rolloutStrategy'] : ['spec', 'rolloutStrategy'] };
}

export const FLEET_STRATEGY_HOLDERS = [K.FleetYaml, K.Bundle, K.HelmOp] as const;

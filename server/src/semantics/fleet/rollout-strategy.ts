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

export type IntOrStringField = 'maxUnavailable' | 'maxUnavailablePartitions' | 'autoPartitionSize';

/** One int-or-string of a rollout strategy, where it is and what it means (fleet-argocd.md §2.1, §2.2). */
export interface IntOrStringAt {
  field: IntOrStringField;
  /** Index in `partitions` for a partition's own maxUnavailable. */
  partition?: number;
  path: PathSeg[];
  value: unknown;
}

/** Every int-or-string that is set in a strategy, global fields first, then partitions in order. */
export function intOrStringFields(at: StrategyAt): IntOrStringAt[] {
  const out: IntOrStringAt[] = [];
  for (const field of ['maxUnavailable', 'maxUnavailablePartitions', 'autoPartitionSize'] as const) {
    const value = at.strategy[field];
    if (value !== undefined && value !== null) out.push({ field, path: [...at.path, field], value });
  }
  const partitions = at.strategy.partitions;
  if (Array.isArray(partitions)) {
    partitions.forEach((p, i) => {
      if (!p || typeof p !== 'object' || Array.isArray(p)) return;
      const value = (p as Record<string, unknown>).maxUnavailable;
      if (value !== undefined && value !== null) out.push({ field: 'maxUnavailable', partition: i, path: [...at.path, 'partitions', i, 'maxUnavailable'], value });
    });
  }
  return out;
}

/** `rolloutStrategy.maxUnavailable`, `partitions[2].maxUnavailable`, for messages. */
export function describeField(f: IntOrStringAt): string {
  return f.partition === undefined ? `rolloutStrategy.${f.field}` : `partitions[${f.partition}].${f.field}`;
}

/** Whether `partitions` is a non-empty list: then auto partitioning is off (fleet-argocd.md §2.3). */
export function hasManualPartitions(strategy: Record<string, unknown>): boolean {
  return Array.isArray(strategy.partitions) && strategy.partitions.length > 0;
}

/**
 * Partition assignment of a Fleet rollout (internal/cmd/controller/target/rollout.go fn
 * `partitions`, `autoPartition`, `manualPartition`, `appendPartition`; fleet-argocd.md §2.1,
 * §2.3, §2.7). The same code serves fleet.yaml, Bundle and HelmOp `rolloutStrategy`.
 *
 * - No `partitions`: auto partitioning. `autoPartitionSize` an int ≤ 0, a threshold ≤ 0, or
 *   fewer targets than the threshold (default 200) → one partition "All". Otherwise chunks of
 *   `limit(n, autoPartitionSize, "25%")` in target order, named "Partition <from> - <to>".
 * - `partitions`: each definition takes, in target order, every target its ClusterMatcher
 *   selects. A target can be in several partitions, or in none (then it is never deployed).
 * - Each partition's maxUnavailable = `limit(size, partition.maxUnavailable, rollout.maxUnavailable)`.
 *
 * The controller sorts targets by cluster name first (`sortTargets`); the upstream unit tests
 * call the functions on unsorted lists, so sorting is left to the caller.
 */
import { ClusterMatcher, criteriaOf, type ClusterGroupRef, type ClusterRef } from './cluster-matcher';
import { limit, type IntOrString } from './limit';

/** Defaults of target.go (fleet-argocd.md §2.1). */
export const ROLLOUT_DEFAULTS = {
  maxUnavailable: '100%',
  maxUnavailablePartitions: 0,
  autoPartitionSize: '25%',
  autoPartitionThreshold: 200,
  maxNew: 50,
} as const;

/** A cluster the bundle targets, with the ClusterGroups (of its namespace) it belongs to. */
export interface PartitionTarget {
  cluster: ClusterRef;
  groups: readonly ClusterGroupRef[];
}

export interface Partition<T extends PartitionTarget = PartitionTarget> {
  name: string;
  targets: T[];
  count: number;
  maxUnavailable: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An int-or-string field as Go decodes it: integers, strings, or nil. */
export function intOrString(v: unknown): IntOrString {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') return v;
  return undefined;
}

/** A `*int` field (autoPartitionThreshold, maxNew). */
function intPointer(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** `rolloutStrategy.partitions` as written (non-mappings dropped, as the Go decoder would fail on them). */
export function partitionDefinitions(rollout: unknown): Array<Record<string, unknown>> {
  if (!isRecord(rollout) || !Array.isArray(rollout.partitions)) return [];
  return rollout.partitions.filter(isRecord);
}

/** Go sorts targets by cluster name (byte order) before partitioning. */
export function sortTargets<T extends PartitionTarget>(targets: readonly T[]): T[] {
  return [...targets].sort((a, b) => (a.cluster.name < b.cluster.name ? -1 : a.cluster.name > b.cluster.name ? 1 : 0));
}

function makePartition<T extends PartitionTarget>(name: string, targets: T[], ...maxUnavailable: IntOrString[]): Partition<T> {
  return { name, targets, count: targets.length, maxUnavailable: limit(targets.length, ...maxUnavailable) };
}

/** Auto partitioning (no `partitions` list). Throws Fleet's error for a malformed size. */
export function autoPartition<T extends PartitionTarget>(rollout: unknown, targets: readonly T[]): Partition<T>[] {
  const rs = isRecord(rollout) ? rollout : {};
  const size = intOrString(rs.autoPartitionSize);
  const maxUnavailable = intOrString(rs.maxUnavailable);
  if (typeof size === 'number' && size <= 0) return [makePartition('All', [...targets], maxUnavailable)];
  const threshold = intPointer(rs.autoPartitionThreshold) ?? ROLLOUT_DEFAULTS.autoPartitionThreshold;
  if (threshold <= 0 || targets.length < threshold) return [makePartition('All', [...targets], maxUnavailable)];
  const chunk = limit(targets.length, size, ROLLOUT_DEFAULTS.autoPartitionSize);
  const out: Partition<T>[] = [];
  for (let offset = 0; offset < targets.length; offset += chunk) {
    const members = targets.slice(offset, offset + chunk);
    out.push(makePartition(`Partition ${offset} - ${offset + members.length}`, members, maxUnavailable));
  }
  return out;
}

/** Manual partitioning. Throws SelectorError for an invalid selector, Error for a malformed intstr. */
export function manualPartition<T extends PartitionTarget>(rollout: unknown, targets: readonly T[]): Partition<T>[] {
  const rs = isRecord(rollout) ? rollout : {};
  const globalMax = intOrString(rs.maxUnavailable);
  return partitionDefinitions(rs).map((def) => {
    const matcher = ClusterMatcher.create(criteriaOf(def));
    const members = targets.filter((t) => matcher.matchesCluster(t.cluster, t.groups));
    return makePartition(typeof def.name === 'string' ? def.name : '', members, intOrString(def.maxUnavailable), globalMax);
  });
}

/** `partitions(targets)`: manual when `partitions` is non-empty, auto otherwise. */
export function partitionTargets<T extends PartitionTarget>(rollout: unknown, targets: readonly T[]): Partition<T>[] {
  return partitionDefinitions(rollout).length > 0 ? manualPartition(rollout, targets) : autoPartition(rollout, targets);
}

/** Effective `maxNew`: BundleDeployments created per reconcile (nil → 50). */
export function maxNewOf(rollout: unknown): number {
  return (isRecord(rollout) ? intPointer(rollout.maxNew) : undefined) ?? ROLLOUT_DEFAULTS.maxNew;
}

/**
 * How many of `missing` targets without a BundleDeployment get one in a single reconcile
 * (UpdatePartitions creates while `newlyCreated < maxNew`), when no partition stops the pass.
 */
export function newDeploymentsPerReconcile(rollout: unknown, missing: number): number {
  return Math.max(0, Math.min(missing, maxNewOf(rollout)));
}

/** `status.maxUnavailablePartitions` for a partition count (`limit(n, value, 0)`). */
export function maxUnavailablePartitions(rollout: unknown, partitionCount: number): number {
  const rs = isRecord(rollout) ? rollout : {};
  return limit(partitionCount, intOrString(rs.maxUnavailablePartitions), ROLLOUT_DEFAULTS.maxUnavailablePartitions);
}

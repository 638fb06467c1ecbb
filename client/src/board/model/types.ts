/**
 * The wave board's model: what the webview draws, as plain JSON (it is posted to the webview
 * as is). One shape for the three ways a fleet rolls out (issue 8): Fleet partitions (built
 * here first), Argo CD RollingSync steps and direct waves map onto `waves` → `clusters`, with
 * a per-wave phase and reason and a "next" explanation; what differs lives in `mode` and the
 * optional per-mode `gates`.
 */

export type BoardMode = 'fleet' | 'rollingSync' | 'directWaves';

/** Fleet's BundleDeployment states (fleet-argocd.md §4.3), plus Pending for "no BundleDeployment". */
export type BundleState = 'Ready' | 'NotReady' | 'WaitApplied' | 'ErrApplied' | 'OutOfSync' | 'Modified' | 'Pending';

/**
 * The five buckets the board counts:
 * - ready: up to date and ready;
 * - updating: moved to the new version (spec.deploymentID is the desired one), not yet applied or ready;
 * - waiting: not moved yet (staged or not even staged, or no BundleDeployment);
 * - error: ErrApplied, or resources modified on the cluster (drift);
 * - offline: the agent has not checked in for longer than the offline threshold, or never did.
 */
export type Bucket = 'ready' | 'updating' | 'waiting' | 'error' | 'offline';
export const BUCKETS: readonly Bucket[] = ['ready', 'updating', 'waiting', 'error', 'offline'];

export type BucketCounts = Record<Bucket, number>;

export const emptyCounts = (): BucketCounts => ({ ready: 0, updating: 0, waiting: 0, error: 0, offline: 0 });

export interface NonReadyResource {
  kind: string;
  namespace: string;
  name: string;
  state: string;
  message: string;
  error: boolean;
}

export interface BoardCluster {
  name: string;
  namespace: string;
  /** The cluster's own labels (for the drill-down). */
  labels: Record<string, string>;
  /** State as Fleet's bundle summary counts it: against the desired DeploymentID (§2.6). */
  state: BundleState;
  /** The BundleDeployment's own state (`status.display.state` or §4.3 on its spec). */
  bdState?: BundleState;
  bucket: Bucket;
  /** deploymentID == stagedDeploymentID == appliedDeploymentID == desired (§2.4 upToDate). */
  upToDate: boolean;
  /** applied ≠ deploymentID or not ready (§2.4 isUnavailable); false without a BundleDeployment. */
  unavailable: boolean;
  /** Indexes into `waves` of every wave the cluster is a member of. */
  waves: number[];
  /** `status.agent.lastSeen` in ms since the epoch; undefined when never seen. */
  lastSeen?: number;
  /** Agent silent for longer than the threshold. */
  offline: boolean;
  /** Never checked in (no lastSeen), or a BundleDeployment for a cluster the hub does not list. */
  unknown: boolean;
  /** cluster.spec.paused or bundle.spec.paused. */
  paused: boolean;
  /** Fleet's message for the BundleDeployment (§4.3 MessageFromDeployment). */
  message: string;
  bd?: { deploymentID: string; stagedDeploymentID: string; appliedDeploymentID: string; ready: boolean; name: string; namespace: string };
  nonReady: NonReadyResource[];
}

export type WavePhase = 'done' | 'progressing' | 'blocked' | 'waiting' | 'empty';

export interface WaveSummaryFromStatus {
  count: number;
  maxUnavailable: number;
  unavailable: number;
  ready: number;
  desiredReady: number;
}

export interface Wave {
  index: number;
  name: string;
  /** Member clusters as indexes into `clusters`, in Fleet's order (by cluster name). */
  members: number[];
  count: number;
  /** Resolved `limit(count, partition.maxUnavailable, rollout.maxUnavailable)`. */
  maxUnavailable: number;
  /** Strict: members not up to date or unavailable (§2.4 after the loop, §4.4.4). */
  unavailable: number;
  counts: BucketCounts;
  /** Offline or unknown members (also counted in `counts.offline`). */
  offline: number;
  phase: WavePhase;
  /** One sentence: why the wave is in that phase. */
  reason: string;
  /** Members that keep the wave unavailable, offline ones first (at most 20). */
  holders: number[];
  /** What the controller's next reconcile does with this wave (Fleet: §2.4 simulated once). */
  next?: { processed: boolean; promote: number; heldByBundleGate: number; heldByWaveGate: number; paused: number; noDeployment: number };
  /** The same partition as Fleet's own status reports it, when it does. */
  fromStatus?: WaveSummaryFromStatus;
}

export interface FleetGates {
  /** Bundle-wide: `status.unavailable` as computed from the BundleDeployments, and the limit. */
  unavailable: number;
  maxUnavailable: number;
  unavailablePartitions: number;
  maxUnavailablePartitions: number;
  maxNew: number;
  partitioning: 'manual' | 'auto' | 'single';
  /** The values Fleet itself last wrote to the Bundle status, to compare with. */
  fromStatus?: { unavailable?: number; maxUnavailable?: number; unavailablePartitions?: number; maxUnavailablePartitions?: number; readyClusters?: string };
}

export interface BoardSubject {
  kind: 'Bundle' | 'ApplicationSet' | 'WavePlan';
  namespace: string;
  name: string;
  /** GitRepo owning the Bundle (label fleet.cattle.io/repo-name). */
  gitRepo?: string;
  paused: boolean;
  /** Manifest part of the desired DeploymentID (`s-<sha>`), shortened for display. */
  revision?: string;
  forceSyncGeneration?: number;
}

export interface WaveBoard {
  mode: BoardMode;
  context: string;
  subject: BoardSubject;
  /** ms since the epoch the model was built at (ages are computed against it). */
  at: number;
  waves: Wave[];
  /** Every targeted cluster once, sorted by name (Fleet's target order). */
  clusters: BoardCluster[];
  counts: BucketCounts;
  offlineThresholdMs: number;
  /** Offline or unknown clusters, longest unseen first. */
  offline: number[];
  /** Targeted clusters in no wave: never deployed, an existing BundleDeployment stays frozen (§2.3). */
  excluded: number[];
  /** Clusters in more than one wave: counted in each (§2.3). */
  multi: number[];
  /** The overall verdict, e.g. "Fleet is updating partition europe; americas and asia-pacific wait: …". */
  next: string;
  fleet?: FleetGates;
  /** Errors Fleet would report (bad selector, malformed maxUnavailable) or inconsistencies with Fleet's status. */
  problems: string[];
  /** Siblings of the subject (other Bundles of the same GitRepo) to switch to. */
  siblings: string[];
}

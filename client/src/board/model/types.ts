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
  /** rollingSync mode: the row is an Argo CD Application (then `state` is only the closest Fleet state). */
  app?: BoardApplication;
  /** directWaves mode: the row is one target of a WavePlan (a context and namespace); see ./direct-waves.ts. */
  target?: DirectWaveTarget;
}

/** An Argo CD Application as the rollingSync board shows it (fleet-argocd.md §5.6, §5.10). */
export interface BoardApplication {
  /** status.sync.status (Synced, OutOfSync, Unknown; '' when not reported). */
  sync: string;
  /** status.health.status and message. */
  health: string;
  healthMessage: string;
  /** The ApplicationSet's `status.applicationStatus` entry (§5.6); undefined when it has none. */
  progress?: { status: string; step: string; message: string; since?: number };
  destination: { server: string; name: string; namespace: string };
  /** Synced revision(s), shortened. */
  revision: string;
  /** The last sync operation. */
  operation?: { phase: string; message: string };
  /** Argo Rollouts the Application manages, with the health Argo CD gives them (§5.10). */
  rollouts: Array<{ namespace: string; name: string; health: string; message: string }>;
  /** `spec.syncPolicy.automated` still enabled (the controller disables it under RollingSync, §5.8). */
  autoSync: boolean;
  /** false: the Application object is not listed, only the ApplicationSet's status names it. */
  listed: boolean;
  /** Why the Application counts as offline (destination unknown or unreachable, health Unknown), and since when. */
  offline?: { reason: string; since?: number };
  conditions: Array<{ type: string; message: string }>;
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
  /** rollingSync mode: the step's gate (§5.5, §5.7). */
  rollingSync?: RollingSyncStep;
  /** directWaves mode: the wave's gates and where it stands. */
  directWave?: DirectWaveStep;
}

export interface RollingSyncStep {
  /** complete: every Application Healthy; active: allowed to sync; queued: an earlier step is not complete. */
  state: 'complete' | 'active' | 'queued';
  /** `maxUpdate` as written ('' when unset) and its effective value for the step's size (undefined = no limit). */
  maxUpdate: string;
  limit?: number;
  /** Pending + Progressing, what maxUpdate limits. */
  updating: number;
  healthy: number;
  /** Applications the controller's next reconcile moves from Waiting to Pending (a sync is triggered). */
  nextPending: string[];
}

/** rollingSync mode: the ApplicationSet-wide view. */
export interface RollingSyncGates {
  /** 1-based step the board finds rolling out; undefined when complete. */
  currentStep?: number;
  /** The ApplicationSet's conditions as the controller wrote them. */
  conditions: Array<{ type: string; status: string; reason: string; message: string }>;
  /** Applications whose automated sync is disabled, as RollingSync does (§5.8), and the indexes of those where it is not. */
  autoSyncDisabled: number;
  autoSyncEnabled: number[];
  deletionOrder: string;
  /** Entries in status.applicationStatus. */
  statusEntries: number;
  /** false when the Application objects cannot be listed: rows then come from status.applicationStatus only. */
  applicationsListed: boolean;
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
  rollingSync?: RollingSyncGates;
  /** directWaves mode: the plan-wide view. */
  directWaves?: DirectWavesGates;
  /** Errors Fleet would report (bad selector, malformed maxUnavailable) or inconsistencies with Fleet's status. */
  problems: string[];
  /** Siblings of the subject (other Bundles of the same GitRepo) to switch to. */
  siblings: string[];
}

/** directWaves mode: a WavePlan target — the plan's Rollout in one context and namespace. */
export interface DirectWaveTarget {
  context: string;
  namespace: string;
  rollout: string;
  /** The Rollout's phase and message as the kubectl plugin shows them ('' when it cannot be read). */
  phase: string;
  rolloutMessage: string;
  /** Pod-template hash being rolled out. */
  revision: string;
  /** Released by its wave for this revision (the plan promotes it). */
  released: boolean;
}

export type DirectGateState = 'passed' | 'holding' | 'pending' | 'failed';

export interface DirectWaveStep {
  stage: 'done' | 'active' | 'waiting' | 'failed';
  gates: Array<{ kind: 'healthy' | 'bake' | 'analysis' | 'approval'; label: string; state: DirectGateState }>;
  /** ms since the epoch the wave was first seen Healthy. */
  healthySince?: number;
  approvedBy?: string;
  /** The wave is active and has an approval gate nobody has approved yet. */
  approvable: boolean;
}

export interface DirectWavesGates {
  status: 'running' | 'holding' | 'done' | 'failed' | 'aborted';
  promotion: 'step' | 'full';
  onFailure: 'abort' | 'pause';
  /** The plan can still be aborted (it is not done, failed or aborted). */
  abortable: boolean;
}

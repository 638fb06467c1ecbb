/**
 * The wave board of a Fleet Bundle (fleet-argocd.md §2.3, §2.4, §4.1–§4.4), from hub snapshots.
 *
 * 1. Targets: the Clusters the Bundle targets, sorted by name (§3.3, §2.3).
 * 2. Partitions: `partitionTargets` of the Fleet semantics module, exactly as Fleet assigns them;
 *    a cluster may be in several partitions or in none.
 * 3. Per cluster: its BundleDeployment (in `cluster.status.namespace`, named like the Bundle),
 *    the state against the desired DeploymentID (§2.6 effectiveDeployment, §4.3), whether it is
 *    up to date / unavailable (§2.4), and whether its agent is offline (`status.agent.lastSeen`).
 * 4. "What Fleet will do next": one reconcile of §2.4 (`UpdatePartitions`) simulated on copies of
 *    the BundleDeployments: which partitions are processed, how many clusters the next pass moves,
 *    which are held by the bundle gate (`unavailable < maxUnavailable`) or the partition gate, and
 *    where the pass stops (`unavailablePartitions > maxUnavailablePartitions`) and why.
 * Fleet's own status (`status.partitions[]`, the gate values) is attached for comparison.
 */
import { limit } from '../../../../server/src/semantics/fleet/limit';
import { maxNewOf, maxUnavailablePartitions, partitionDefinitions, partitionTargets, ROLLOUT_DEFAULTS, type PartitionTarget } from '../../../../server/src/semantics/fleet/partitions';
import { intOrString } from '../../../../server/src/semantics/fleet/partitions';
import { bundleTargets, compileGroups, type HubObject } from './fleet-targets';
import { emptyCounts, type BoardCluster, type Bucket, type BundleState, type FleetGates, type NonReadyResource, type Wave, type WaveBoard } from './types';
import { ago } from './format';

export type { HubObject } from './fleet-targets';

export interface FleetHubSnapshot {
  context: string;
  clusters: readonly HubObject[];
  clusterGroups: readonly HubObject[];
  bundles: readonly HubObject[];
  bundleDeployments: readonly HubObject[];
}

export interface FleetBoardOptions {
  /** ms since the epoch; ages and offline are computed against it. */
  now: number;
  /**
   * An agent silent for longer than this is offline. Default 30 min: the Fleet agent checks in
   * every 15 minutes by default (`agentCheckinInterval`), so two missed check-ins.
   */
  offlineAfterMs?: number;
}

export const DEFAULT_OFFLINE_AFTER_MS = 30 * 60 * 1000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const manifestOf = (id: string): string => id.split(':')[0];

/** The mutable part of a BundleDeployment the reconcile touches. */
interface SimBD {
  exists: boolean;
  deploymentID: string;
  staged: string;
  applied: string;
  ready: boolean;
}

const isUnavailable = (b: SimBD): boolean => b.exists && (b.applied !== b.deploymentID || !b.ready);
const upToDate = (b: SimBD, target: string): boolean => b.exists && b.staged === target && b.deploymentID === target && b.applied === target;

function condition(obj: HubObject, type: string): Record<string, unknown> | undefined {
  const conds = obj.status?.conditions;
  return Array.isArray(conds) ? conds.find((c: unknown) => isRecord(c) && c.type === type) : undefined;
}

/** GetDeploymentState (§4.3) of a BundleDeployment with `deploymentID` replaced by `deploymentID`. */
export function deploymentState(bd: HubObject | undefined, deploymentID?: string): BundleState {
  if (!bd) return 'Pending';
  const spec = isRecord(bd.spec) ? bd.spec : {};
  const status = isRecord(bd.status) ? bd.status : {};
  const id = deploymentID ?? str(spec.deploymentID);
  if (str(status.appliedDeploymentID) !== id) return condition(bd, 'Deployed')?.status === 'False' ? 'ErrApplied' : 'WaitApplied';
  if (status.ready !== true) return 'NotReady';
  if (id !== str(spec.stagedDeploymentID)) return 'OutOfSync';
  if (status.nonModified === false) return 'Modified';
  return 'Ready';
}

/** MessageFromDeployment (§4.3): Deployed, else Installed (when applied), else Monitored. */
function deploymentMessage(bd: HubObject): string {
  const deployed = str(condition(bd, 'Deployed')?.message);
  if (deployed) return deployed;
  if (str(bd.status?.appliedDeploymentID) === str(bd.spec?.deploymentID)) {
    const installed = str(condition(bd, 'Installed')?.message);
    if (installed) return installed;
  }
  return str(condition(bd, 'Monitored')?.message);
}

function nonReadyOf(bd: HubObject): NonReadyResource[] {
  const list = bd.status?.nonReadyStatus;
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((r) => {
    const s = isRecord(r.summary) ? r.summary : {};
    const msg = Array.isArray(s.message) ? s.message.map(String).join('; ') : str(s.message);
    return { kind: str(r.kind), namespace: str(r.namespace), name: str(r.name), state: str(s.state), message: msg, error: s.error === true };
  });
}

const STATES: readonly BundleState[] = ['Ready', 'NotReady', 'WaitApplied', 'ErrApplied', 'OutOfSync', 'Modified', 'Pending'];
const asState = (v: unknown): BundleState | undefined => (STATES as readonly unknown[]).includes(v) ? (v as BundleState) : undefined;

function safe<T>(problems: string[], f: () => T, fallback: T): T {
  try {
    return f();
  } catch (err) {
    problems.push((err as Error).message);
    return fallback;
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function findBundle(snapshot: FleetHubSnapshot, namespace: string, name: string): HubObject | undefined {
  return snapshot.bundles.find((b) => b.metadata.name === name && (b.metadata.namespace ?? '') === namespace);
}

/** The wave board of Bundle `namespace/name`, or undefined when the hub does not list it. */
export function buildFleetBoard(snapshot: FleetHubSnapshot, namespace: string, name: string, options: FleetBoardOptions): WaveBoard | undefined {
  const bundle = findBundle(snapshot, namespace, name);
  if (!bundle) return undefined;
  const now = options.now;
  const offlineAfterMs = options.offlineAfterMs ?? DEFAULT_OFFLINE_AFTER_MS;
  const problems: string[] = [];
  const spec = isRecord(bundle.spec) ? bundle.spec : {};
  const bstatus = isRecord(bundle.status) ? bundle.status : {};
  const rollout = isRecord(spec.rolloutStrategy) ? spec.rolloutStrategy : {};
  const bundlePaused = spec.paused === true;
  const gitRepo = bundle.metadata.labels?.['fleet.cattle.io/repo-name'];

  // 1. Targets.
  const targeting = bundleTargets(bundle, snapshot.clusters, compileGroups(snapshot.clusterGroups));
  if (targeting.error) problems.push(targeting.error);
  const targets = targeting.targets;

  // BundleDeployments of this bundle by namespace (= cluster.status.namespace), then by cluster label.
  const bdByNs = new Map<string, HubObject>();
  const bdByCluster = new Map<string, HubObject>();
  for (const bd of snapshot.bundleDeployments) {
    const l = bd.metadata.labels ?? {};
    const mine = bd.metadata.name === name && (l['fleet.cattle.io/bundle-namespace'] ?? namespace) === namespace;
    if (!mine) continue;
    bdByNs.set(bd.metadata.namespace ?? '', bd);
    if (l['fleet.cattle.io/cluster']) bdByCluster.set(`${l['fleet.cattle.io/cluster-namespace'] ?? ''}/${l['fleet.cattle.io/cluster']}`, bd);
  }

  // The desired manifest ID: ("s-" + resourcesSha256Sum)[:63] (§2.6, §4.4.3).
  const sha = str(bstatus.resourcesSha256Sum);
  const desiredManifest = sha ? `s-${sha}`.slice(0, 63) : undefined;

  // 3. Per cluster.
  const sims: SimBD[] = [];
  const targetIDs: string[] = [];
  const clusters: BoardCluster[] = targets.map(({ cluster }, i) => {
    const cns = cluster.metadata.namespace ?? '';
    const statusNs = str(cluster.status?.namespace);
    const bd = (statusNs && bdByNs.get(statusNs)) || bdByCluster.get(`${cns}/${cluster.metadata.name}`);
    const bspec = isRecord(bd?.spec) ? bd!.spec : {};
    const bst = isRecord(bd?.status) ? bd!.status : {};
    const sim: SimBD = { exists: !!bd, deploymentID: str(bspec.deploymentID), staged: str(bspec.stagedDeploymentID), applied: str(bst.appliedDeploymentID), ready: bst.ready === true };
    // t.DeploymentID: the staged ID once staged for the new manifest; otherwise the new manifest with these options.
    let target: string;
    if (!desiredManifest) target = sim.staged || sim.deploymentID;
    else if (manifestOf(sim.staged) === desiredManifest) target = sim.staged;
    else if (manifestOf(sim.deploymentID) === desiredManifest) target = sim.deploymentID;
    else target = `${desiredManifest}:${(sim.staged || sim.deploymentID).split(':')[1] ?? ''}`;
    sims.push(sim);
    targetIDs[i] = target;
    const state = deploymentState(bd, bd ? target : undefined);
    const bdState = bd ? asState(bd.status?.display?.state) ?? deploymentState(bd) : undefined;
    const lastSeenText = str(cluster.status?.agent?.lastSeen);
    const parsed = lastSeenText ? Date.parse(lastSeenText) : NaN;
    const lastSeen = Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
    const unknown = lastSeen === undefined;
    const offline = unknown || now - lastSeen > offlineAfterMs;
    const nonReady = bd ? nonReadyOf(bd) : [];
    const promoted = sim.exists && sim.deploymentID !== '' && manifestOf(sim.deploymentID) === manifestOf(target);
    let bucket: Bucket;
    if (offline) bucket = 'offline';
    else if (state === 'Ready') bucket = 'ready';
    else if (state === 'ErrApplied' || state === 'Modified' || nonReady.some((r) => r.error)) bucket = 'error';
    else if (promoted) bucket = 'updating';
    else bucket = 'waiting';
    return {
      name: cluster.metadata.name,
      namespace: cns,
      labels: { ...(cluster.metadata.labels ?? {}) },
      state,
      bdState,
      bucket,
      upToDate: upToDate(sim, target),
      unavailable: isUnavailable(sim),
      waves: [],
      lastSeen,
      offline,
      unknown,
      paused: bundlePaused || cluster.spec?.paused === true,
      message: bd ? deploymentMessage(bd) : '',
      bd: bd ? { deploymentID: shortId(sim.deploymentID), stagedDeploymentID: shortId(sim.staged), appliedDeploymentID: shortId(sim.applied), ready: sim.ready, name: bd.metadata.name, namespace: bd.metadata.namespace ?? '' } : undefined,
      nonReady,
    };
  });

  // 2. Partitions, exactly as Fleet assigns them.
  const ptargets: Array<PartitionTarget & { i: number }> = targets.map((t, i) => ({ i, cluster: { name: t.cluster.metadata.name, labels: t.cluster.metadata.labels ?? {} }, groups: t.groups }));
  const parts = targeting.error ? [] : safe(problems, () => partitionTargets(rollout, ptargets), []);
  const manual = partitionDefinitions(rollout).length > 0;
  const statusParts: unknown[] = Array.isArray(bstatus.partitions) ? bstatus.partitions : [];

  const waves: Wave[] = parts.map((p, w) => {
    const members = p.targets.map((t) => t.i);
    for (const m of members) clusters[m].waves.push(w);
    const sp = statusParts[w];
    let fromStatus: Wave['fromStatus'];
    if (isRecord(sp)) {
      const s = isRecord(sp.summary) ? sp.summary : {};
      fromStatus = { count: num(sp.count) ?? 0, maxUnavailable: num(sp.maxUnavailable) ?? 0, unavailable: num(sp.unavailable) ?? 0, ready: num(s.ready) ?? 0, desiredReady: num(s.desiredReady) ?? 0 };
      if (str(sp.name) !== p.name) problems.push(`partition ${w + 1}: Fleet's status names it "${str(sp.name)}", the board computed "${p.name}" (Fleet has not reconciled the current strategy yet?)`);
      else if (fromStatus.count !== p.count) problems.push(`partition "${p.name}": Fleet's status counts ${fromStatus.count} clusters, the board computed ${p.count} from the hub's Clusters`);
    }
    const counts = emptyCounts();
    let offline = 0;
    for (const m of members) {
      counts[clusters[m].bucket]++;
      if (clusters[m].offline) offline++;
    }
    return { index: w, name: p.name, members, count: p.count, maxUnavailable: p.maxUnavailable, unavailable: 0, counts, offline, phase: 'waiting', reason: '', holders: [], fromStatus };
  });
  if (statusParts.length > 0 && statusParts.length !== parts.length && !targeting.error) {
    problems.push(`Fleet's status lists ${statusParts.length} partitions, the board computed ${parts.length}`);
  }

  // 4. One reconcile (§2.4), on copies.
  const n = targets.length;
  const maxUnavailable = safe(problems, () => limit(n, intOrString(rollout.maxUnavailable)), n);
  const mup = safe(problems, () => maxUnavailablePartitions(rollout, parts.length), 0);
  const maxNew = maxNewOf(rollout);
  let globalUnavailable = sims.filter(isUnavailable).length;
  const gates: FleetGates = {
    unavailable: globalUnavailable,
    maxUnavailable,
    unavailablePartitions: 0,
    maxUnavailablePartitions: mup,
    maxNew,
    partitioning: manual ? 'manual' : parts.length > 1 ? 'auto' : 'single',
    fromStatus: {
      unavailable: num(bstatus.unavailable),
      maxUnavailable: num(bstatus.maxUnavailable),
      unavailablePartitions: num(bstatus.unavailablePartitions),
      maxUnavailablePartitions: num(bstatus.maxUnavailablePartitions),
      readyClusters: str(isRecord(bstatus.display) ? bstatus.display.readyClusters : undefined) || undefined,
    },
  };
  let newlyCreated = 0;
  let unavailableParts = 0;
  let stoppedAt = -1; // the wave whose unavailability stopped the pass
  waves.forEach((wave, w) => {
    if (stoppedAt >= 0) {
      wave.next = { processed: false, promote: 0, heldByBundleGate: 0, heldByWaveGate: 0, paused: 0, noDeployment: wave.members.filter((m) => !sims[m].exists).length };
      return;
    }
    const next = { processed: true, promote: 0, heldByBundleGate: 0, heldByWaveGate: 0, paused: 0, noDeployment: 0 };
    let pUnavailable = wave.members.filter((m) => isUnavailable(sims[m])).length;
    for (const m of wave.members) {
      const b = sims[m];
      if (!b.exists && newlyCreated < maxNew) {
        Object.assign(b, { exists: true, deploymentID: '', applied: '', ready: false });
        newlyCreated++;
      }
      if (b.exists) b.staged = targetIDs[m];
    }
    for (const m of wave.members) {
      const b = sims[m];
      if (!b.exists) {
        next.noDeployment++;
        continue;
      }
      if (b.staged === '' || b.deploymentID === b.staged) continue;
      if (clusters[m].paused) {
        next.paused++;
        continue;
      }
      const un = isUnavailable(b);
      const bundleOk = globalUnavailable < maxUnavailable || un;
      const waveOk = pUnavailable < wave.maxUnavailable || un;
      if (bundleOk && waveOk) {
        if (!un) {
          globalUnavailable++;
          pUnavailable++;
        }
        b.deploymentID = b.staged;
        next.promote++;
      } else if (!bundleOk) next.heldByBundleGate++;
      else next.heldByWaveGate++;
    }
    wave.next = next;
    // Strict unavailability decides whether the partition counts as unavailable.
    const strict = wave.members.filter((m) => !upToDate(sims[m], targetIDs[m]) || isUnavailable(sims[m])).length;
    if (strict > wave.maxUnavailable) unavailableParts++;
    if (unavailableParts > mup) stoppedAt = w;
  });
  gates.unavailablePartitions = unavailableParts;

  // Phases and reasons, from the live state (not the simulated one).
  const byName = (i: number): string => clusters[i].name;
  const since = (i: number): string => (clusters[i].lastSeen === undefined ? 'never seen' : `seen ${ago(now - clusters[i].lastSeen!)} ago`);
  const stopper = stoppedAt >= 0 ? waves[stoppedAt] : undefined;
  for (const wave of waves) {
    const notDone = wave.members.filter((m) => !clusters[m].upToDate || clusters[m].unavailable);
    wave.unavailable = notDone.length;
    const rank = (m: number): number => (clusters[m].offline ? 0 : clusters[m].bucket === 'error' ? 1 : 2);
    wave.holders = [...notDone].sort((a, b) => rank(a) - rank(b) || (clusters[a].lastSeen ?? 0) - (clusters[b].lastSeen ?? 0)).slice(0, 20);
    const offlineHolders = notDone.filter((m) => clusters[m].offline).sort((a, b) => (clusters[a].lastSeen ?? 0) - (clusters[b].lastSeen ?? 0));
    const offlineText = offlineHolders.length
      ? `; offline: ${offlineHolders.slice(0, 3).map((m) => `${byName(m)} (${since(m)})`).join(', ')}${offlineHolders.length > 3 ? ` and ${offlineHolders.length - 3} more` : ''}`
      : '';
    const nx = wave.next!;
    if (wave.count === 0) {
      wave.phase = 'empty';
      wave.reason = 'no cluster matches this partition; it never blocks';
    } else if (notDone.length === 0) {
      wave.phase = 'done';
      wave.reason = `all ${wave.count} clusters up to date and ready`;
    } else if (!nx.processed) {
      wave.phase = 'waiting';
      const moving = wave.members.filter((m) => clusters[m].bucket === 'updating').length;
      wave.reason = stopper
        ? `waits for "${stopper.name}": ${stopper.unavailable} not done > its maxUnavailable ${stopper.maxUnavailable} (unavailable partitions ${unavailableParts} > maxUnavailablePartitions ${mup})`
        : 'not processed';
      if (moving) wave.reason += `; the ${moving} clusters already moved keep updating, no more are moved`;
    } else if (nx.paused > 0 && nx.promote === 0) {
      wave.phase = 'blocked';
      wave.reason = `${nx.paused} clusters staged but paused (bundle or cluster spec.paused)`;
    } else if (notDone.length <= wave.maxUnavailable && nx.promote === 0 && notDone.every((m) => clusters[m].offline || clusters[m].bucket === 'error')) {
      wave.phase = 'done';
      wave.reason = `Fleet counts it as available: ${notDone.length} not up to date ≤ maxUnavailable ${wave.maxUnavailable}${offlineText}`;
    } else if (nx.promote === 0 && notDone.every((m) => clusters[m].offline || clusters[m].bucket === 'error')) {
      wave.phase = 'blocked';
      const errors = notDone.filter((m) => !clusters[m].offline);
      wave.reason = `${notDone.length} clusters not up to date > maxUnavailable ${wave.maxUnavailable}, none can progress`
        + (errors.length ? `; in error: ${errors.slice(0, 3).map(byName).join(', ')}${errors.length > 3 ? ` and ${errors.length - 3} more` : ''}` : '')
        + offlineText;
    } else {
      const updating = wave.members.filter((m) => clusters[m].bucket === 'updating').length;
      const held = nx.heldByBundleGate + nx.heldByWaveGate;
      const gateText = nx.heldByBundleGate
        ? `bundle gate: ${gates.unavailable} unavailable ≥ maxUnavailable ${maxUnavailable} (counted over every partition)`
        : nx.heldByWaveGate
          ? `partition gate: unavailable ≥ maxUnavailable ${wave.maxUnavailable}`
          : '';
      if (nx.promote === 0 && updating === 0 && held > 0) {
        wave.phase = 'blocked';
        wave.reason = `${held} clusters wait, nothing moves: ${gateText}${offlineText}`;
      } else {
        wave.phase = 'progressing';
        const parts2 = [`${updating} updating`, `${notDone.length} not done`];
        if (nx.promote) parts2.push(`next reconcile moves ${nx.promote}`);
        if (held) parts2.push(`${held} held by the ${gateText}`);
        if (nx.noDeployment) parts2.push(`${nx.noDeployment} wait for a BundleDeployment (maxNew ${maxNew})`);
        wave.reason = parts2.join(', ') + offlineText;
      }
    }
  }

  // Lists.
  const counts = emptyCounts();
  for (const c of clusters) counts[c.bucket]++;
  const offlineList = clusters.map((_, i) => i).filter((i) => clusters[i].offline).sort((a, b) => (clusters[a].lastSeen ?? 0) - (clusters[b].lastSeen ?? 0));
  const excluded = clusters.map((_, i) => i).filter((i) => clusters[i].waves.length === 0 && waves.length > 0);
  const multi = clusters.map((_, i) => i).filter((i) => clusters[i].waves.length > 1);
  const siblings = gitRepo
    ? snapshot.bundles.filter((b) => (b.metadata.namespace ?? '') === namespace && b.metadata.labels?.['fleet.cattle.io/repo-name'] === gitRepo).map((b) => b.metadata.name).sort()
    : [];

  // The overall sentence.
  let next: string;
  if (problems.length && waves.length === 0) next = `Fleet cannot roll out this bundle: ${problems[0]}`;
  else if (waves.every((w) => w.phase === 'done' || w.phase === 'empty')) next = `Rolled out: every partition is up to date${counts.offline ? `; ${counts.offline} offline clusters` : ''}.`;
  else {
    const processed = waves.filter((w) => w.next?.processed && w.phase === 'progressing').map((w) => `"${w.name}"`);
    const waiting = waves.filter((w) => w.phase === 'waiting').map((w) => `"${w.name}"`);
    const blocked = waves.filter((w) => w.phase === 'blocked');
    next = bundlePaused ? 'Bundle paused: BundleDeployments are staged but not promoted. ' : '';
    next += processed.length ? `Fleet is updating ${processed.join(', ')}` : 'Nothing moves';
    if (waiting.length && stopper) next += `; ${waiting.join(', ')} wait because "${stopper.name}" has ${stopper.unavailable} clusters not up to date > maxUnavailable ${stopper.maxUnavailable} (maxUnavailablePartitions ${mup})`;
    next += '.';
    for (const b of blocked) next += ` "${b.name}" is stuck: ${b.reason}.`;
  }
  if (excluded.length && waves.length) next += ` ${excluded.length} targeted clusters are in no partition and are never updated.`;
  if (targeting.untargeted && targets.length === 0 && !targeting.error) problems.push(`no cluster of namespace ${namespace} is targeted by this bundle`);

  return {
    mode: 'fleet',
    context: snapshot.context,
    subject: {
      kind: 'Bundle',
      namespace,
      name,
      gitRepo,
      paused: bundlePaused,
      revision: desiredManifest ? desiredManifest.slice(0, 14) : undefined,
      forceSyncGeneration: num(spec.forceSyncGeneration),
    },
    at: now,
    waves,
    clusters,
    counts,
    offlineThresholdMs: offlineAfterMs,
    offline: offlineList,
    excluded,
    multi,
    next,
    fleet: gates,
    problems,
    siblings,
  };
}

/** `s-1a2b3c4d5e6f…:9f8e7d6c` — enough of a DeploymentID to tell versions apart on screen. */
export function shortId(id: string): string {
  if (!id) return '';
  const [manifest, options] = id.split(':');
  return `${manifest.slice(0, 14)}${options !== undefined ? `:${options.slice(0, 8)}` : ''}`;
}

export { ROLLOUT_DEFAULTS };

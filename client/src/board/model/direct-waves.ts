/**
 * The wave board of a WavePlan (mode `directWaves`, issue 8 mode 3): the plan's waves with their
 * gates, and one row per target (the plan's Rollout in one context and namespace), from the
 * executor's decision on what the plan's contexts said (server/src/semantics/waves). Pure.
 */
import { approvalOf, planContexts, waitsForApproval, type Decision, type Gate, type TargetState, type TargetView, type WavePlan } from '../../../../server/src/semantics/waves';
import { emptyCounts, type BoardCluster, type Bucket, type BundleState, type DirectGateState, type DirectWaveStep, type Wave, type WaveBoard, type WavePhase } from './types';

const BUCKET: Record<TargetState, Bucket> = { healthy: 'ready', inProgress: 'updating', settling: 'updating', held: 'waiting', failed: 'error', missing: 'offline', unreachable: 'offline' };
/** The board's rows carry Fleet's state names; this is the closest one (the Rollout's own phase is in `target`). */
const STATE: Record<TargetState, BundleState> = { healthy: 'Ready', inProgress: 'NotReady', settling: 'NotReady', held: 'Pending', failed: 'ErrApplied', missing: 'Pending', unreachable: 'Pending' };

export function gateLabel(g: Gate): string {
  switch (g.kind) {
    case 'healthy':
      return 'healthy';
    case 'bake':
      return `bake ${g.text}`;
    case 'analysis':
      return `analysis ${g.templateName}`;
    case 'approval':
      return 'approval';
  }
}

function row(v: TargetView): BoardCluster {
  const t = v.target;
  const unreadable = v.state === 'unreachable' || v.state === 'missing';
  return {
    name: `${t.context}/${t.namespace}`,
    namespace: t.namespace,
    labels: { context: t.context, namespace: t.namespace },
    state: STATE[v.state],
    bucket: BUCKET[v.state],
    upToDate: v.state === 'healthy',
    unavailable: v.state === 'inProgress',
    waves: [t.wave],
    offline: unreadable,
    unknown: v.state === 'missing',
    paused: v.manuallyPaused,
    message: unreadable ? (v.error ?? v.message) : `${v.phase}${v.message ? `: ${v.message}` : ''}`,
    nonReady: [],
    target: { context: t.context, namespace: t.namespace, rollout: t.name, phase: v.phase, rolloutMessage: v.message, revision: v.revision, released: !!v.record?.releasedBy },
  };
}

function gateStates(gates: Gate[], stage: DirectWaveStep['stage'], holding: number | undefined): DirectGateState[] {
  return gates.map((_, i) => {
    if (stage === 'done') return 'passed';
    if (holding === undefined) return 'pending';
    if (i < holding) return 'passed';
    if (i === holding) return stage === 'failed' ? 'failed' : 'holding';
    return 'pending';
  });
}

function phaseOf(stage: DirectWaveStep['stage'], status: Decision['status'], empty: boolean): WavePhase {
  if (empty) return 'empty';
  if (stage === 'done') return 'done';
  if (stage === 'failed') return 'blocked';
  if (stage === 'active') return status === 'holding' ? 'blocked' : 'progressing';
  return 'waiting';
}

export function buildDirectWavesBoard(plan: WavePlan, decision: Decision, now: number, problems: string[] = []): WaveBoard {
  const clusters = decision.views.map(row);
  const waves: Wave[] = plan.waves.map((w) => {
    const members = clusters.flatMap((c, i) => (c.waves[0] === w.index ? [i] : []));
    const views = decision.views.filter((v) => v.target.wave === w.index);
    const counts = emptyCounts();
    for (const i of members) counts[clusters[i].bucket]++;
    const progress = decision.waves[w.index];
    const states = gateStates(w.gates, progress.stage, progress.holdingGate);
    const approval = approvalOf(views);
    return {
      index: w.index,
      name: w.name,
      members,
      count: members.length,
      maxUnavailable: w.maxUnavailable,
      unavailable: views.filter((v) => v.state === 'inProgress').length,
      counts,
      offline: counts.offline,
      phase: phaseOf(progress.stage, decision.status, members.length === 0),
      reason: progress.reason,
      holders: members.filter((i) => clusters[i].bucket !== 'ready').slice(0, 20),
      directWave: {
        stage: progress.stage,
        gates: w.gates.map((g, i) => ({ kind: g.kind, label: g.kind === 'approval' && approval ? `approval (${approval.by})` : gateLabel(g), state: states[i] })),
        healthySince: progress.healthySince,
        approvedBy: approval?.by,
        approvable: waitsForApproval(plan, decision, w.index),
      },
    };
  });
  const counts = emptyCounts();
  for (const c of clusters) counts[c.bucket]++;
  return {
    mode: 'directWaves',
    context: planContexts(plan).join(', '),
    subject: { kind: 'WavePlan', namespace: plan.rollout.namespace, name: plan.name, paused: false, revision: decision.views.find((v) => v.revision)?.revision },
    at: now,
    waves,
    clusters,
    counts,
    offlineThresholdMs: 0,
    offline: clusters.flatMap((c, i) => (c.offline ? [i] : [])),
    excluded: [],
    multi: [],
    next: decision.sentence,
    problems,
    siblings: [],
    directWaves: { status: decision.status, promotion: plan.promotion, onFailure: plan.onFailure, abortable: decision.status !== 'done' && decision.status !== 'failed' && decision.status !== 'aborted' },
  };
}

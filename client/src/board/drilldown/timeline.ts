/**
 * A canary's steps as a timeline: done / current / pending from `status.currentStepIndex`
 * (argo-rollouts.md §4.2: N is the 0-based index of the step being executed, N == M means every
 * step is done; unset counts as 0, `GetCurrentCanaryStep`), with what the current step waits for
 * (a pause condition, its step AnalysisRun) and the plugin's SetWeight / ActualWeight.
 *
 * An aborted canary has its index reset to 0 by the controller (rollout/canary.go: abort with a
 * canary ReplicaSet → `currentStepIndex = 0`), so where it stopped is read from its step
 * AnalysisRuns instead: the newest run of the current pod hash (labels `step-index`,
 * `rollouts-pod-template-hash`, utils/analysis StepLabels) that did not succeed.
 */
import { canaryStepString } from '../../../../server/src/semantics/status/rollout-info';
import { at, boolAt, creationOf, labelOf, listAt, mapAt, nameOf, optIntAt, ownerUids, strAt, uidOf } from '../../../../server/src/semantics/status/objects';
import type { RolloutInfo } from '../../../../server/src/semantics/status';
import type { StepKind, Timeline, TimelineStep } from './types';

function stepKind(step: unknown): StepKind {
  if (optIntAt(step, 'setWeight') !== undefined) return 'setWeight';
  if (mapAt(step, 'pause')) return 'pause';
  if (mapAt(step, 'analysis')) return 'analysis';
  if (mapAt(step, 'experiment')) return 'experiment';
  if (mapAt(step, 'setCanaryScale')) return 'setCanaryScale';
  return 'other';
}

function templateNames(step: unknown): string[] {
  return listAt(step, 'analysis', 'templates')
    .map((t) => strAt(t, 'templateName') || strAt(t, 'clusterTemplateName'))
    .filter((n) => n !== '');
}

/** What the step at the current index is waiting for, in a few words. */
function currentDetail(rollout: unknown, step: unknown, kind: StepKind): string {
  const bits: string[] = [];
  if (boolAt(rollout, 'status', 'abort')) bits.push('aborted');
  if (kind === 'pause') {
    const reasons = listAt(rollout, 'status', 'pauseConditions').map((p) => strAt(p, 'reason')).filter(Boolean);
    if (reasons.length) bits.push(`paused (${reasons.join(', ')})`);
    else if (boolAt(rollout, 'status', 'controllerPause')) bits.push('paused, waiting for promotion');
    const duration = at(step, 'pause', 'duration');
    if (duration === undefined || duration === null) bits.push('until promoted');
  }
  if (kind === 'analysis') {
    const run = mapAt(rollout, 'status', 'canary', 'currentStepAnalysisRunStatus');
    if (run) bits.push(`AnalysisRun ${strAt(run, 'name')}: ${strAt(run, 'status') || 'Pending'}`);
  }
  if (kind === 'experiment') {
    const exp = mapAt(rollout, 'status', 'canary', 'currentExperiment');
    if (exp) bits.push(`Experiment ${asText(exp)}`);
  }
  return bits.join(' · ');
}

const UNSUCCESSFUL = new Set(['Failed', 'Error', 'Inconclusive']);

/** The step an aborted canary stopped at, from its newest unsuccessful step AnalysisRun of the current pod hash. */
export function abortedAtStep(rollout: unknown, analysisRuns: readonly unknown[]): { index: number; run: string; phase: string } | undefined {
  const uid = uidOf(rollout);
  const hash = strAt(rollout, 'status', 'currentPodHash');
  const runs = analysisRuns
    .filter((r) => ownerUids(r).includes(uid) && labelOf(r, 'step-index') !== '' && (!hash || labelOf(r, 'rollouts-pod-template-hash') === hash) && UNSUCCESSFUL.has(strAt(r, 'status', 'phase')))
    .sort((a, b) => (creationOf(b) ?? 0) - (creationOf(a) ?? 0));
  const newest = runs[0];
  const index = newest === undefined ? NaN : Number(labelOf(newest, 'step-index'));
  return Number.isInteger(index) && index >= 0 ? { index, run: nameOf(newest), phase: strAt(newest, 'status', 'phase') } : undefined;
}

function asText(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function weightOf(v: string): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

/** The timeline of a canary with steps; undefined for blue-green or a canary without steps. */
export function canaryTimeline(rollout: unknown, info: Pick<RolloutInfo, 'setWeight' | 'actualWeight'>, analysisRuns: readonly unknown[] = []): Timeline | undefined {
  if (!mapAt(rollout, 'spec', 'strategy', 'canary')) return undefined;
  const specSteps = listAt(rollout, 'spec', 'strategy', 'canary', 'steps');
  if (specSteps.length === 0) return undefined;
  const stored = optIntAt(rollout, 'status', 'currentStepIndex');
  const aborted = boolAt(rollout, 'status', 'abort');
  const stoppedAt = aborted ? abortedAtStep(rollout, analysisRuns) : undefined;
  const index = stoppedAt && stoppedAt.index < specSteps.length ? stoppedAt.index : (stored ?? 0);
  const complete = index >= specSteps.length;
  const steps: TimelineStep[] = specSteps.map((step, i) => {
    const kind = stepKind(step);
    const state = i < index ? 'done' : i === index ? 'current' : 'pending';
    const entry: TimelineStep = { index: i, kind, label: canaryStepString(step), state, detail: '' };
    if (kind === 'setWeight') entry.weight = optIntAt(step, 'setWeight');
    if (kind === 'analysis') entry.detail = templateNames(step).join(', ');
    if (state === 'current') entry.detail = [entry.detail, currentDetail(rollout, step, kind)].filter(Boolean).join(' · ');
    if (state === 'current' && stoppedAt && !entry.detail.includes(stoppedAt.run)) entry.detail += ` · AnalysisRun ${stoppedAt.run}: ${stoppedAt.phase}`;
    return entry;
  });
  return {
    steps,
    currentStepIndex: stored,
    stoppedAt: stoppedAt?.index,
    complete,
    aborted,
    setWeight: weightOf(info.setWeight),
    actualWeight: weightOf(info.actualWeight),
  };
}

/**
 * What a person does to a running plan: approve the wave that waits for approval, or abort the
 * whole plan. Both are records on the Rollouts (and, for abort, the plugin's abort), so everyone
 * watching the plan sees them.
 */
import type { WaveAction } from './actions';
import { stopActions, type Decision } from './decide';
import type { WavePlan } from './plan';

export type ManualResult = { ok: true; actions: WaveAction[]; sentence: string } | { ok: false; sentence: string };

/**
 * Whether a person may approve the wave now: its approval gate is the gate holding it (gates are
 * checked in order, so every gate before it passed — nobody approves a wave still rolling out).
 * The board, the command and approveWave all ask this.
 */
export function waitsForApproval(plan: WavePlan, decision: Decision, waveIndex: number): boolean {
  if (decision.status === 'failed' || decision.status === 'aborted') return false;
  const progress = decision.waves[waveIndex];
  if (progress?.stage !== 'active' || progress.holdingGate === undefined) return false;
  return plan.waves[waveIndex]?.gates[progress.holdingGate]?.kind === 'approval';
}

/** Approval of the active wave; refused unless its approval gate is the one holding it. */
export function approveWave(plan: WavePlan, decision: Decision, waveIndex: number, user: string): ManualResult {
  const wave = plan.waves[waveIndex];
  if (!wave) return { ok: false, sentence: `The plan has no wave #${waveIndex + 1}.` };
  if (!wave.gates.some((g) => g.kind === 'approval')) return { ok: false, sentence: `Wave ${wave.name} has no approval gate.` };
  if (decision.status === 'failed' || decision.status === 'aborted') return { ok: false, sentence: decision.sentence };
  const progress = decision.waves[waveIndex];
  if (progress.stage !== 'active') return { ok: false, sentence: `Wave ${wave.name} is not the active wave (${progress.stage}): ${progress.reason}` };
  const targets = decision.views.filter((v) => v.target.wave === waveIndex && v.revision);
  if (targets.some((v) => v.record?.approvedBy)) return { ok: false, sentence: `Wave ${wave.name} is already approved.` };
  if (!waitsForApproval(plan, decision, waveIndex)) return { ok: false, sentence: `Wave ${wave.name} is not waiting for an approval yet: ${progress.reason}` };
  const actions: WaveAction[] = targets.map((v) => ({ kind: 'record', target: v.target, revision: v.revision, update: { approvedBy: user }, fresh: !v.record }));
  return { ok: true, actions, sentence: `Approved wave ${wave.name} as ${user}.` };
}

/** Abort of the whole plan: every Rollout not yet Healthy is aborted and the stop is recorded. */
export function abortPlan(plan: WavePlan, decision: Decision, user: string): ManualResult {
  if (decision.status === 'aborted') return { ok: false, sentence: decision.sentence };
  const reason = `aborted by ${user}`;
  return { ok: true, actions: stopActions(plan, decision.views, 'aborted', reason, 'abort'), sentence: `Plan ${plan.name} ${reason}.` };
}

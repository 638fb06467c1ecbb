/**
 * What a person does to a plan from the editor — approve a wave, abort the plan — always after a
 * modal confirmation that names the contexts it touches. Shared by the commands and the board.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { planContexts, type Decision } from '../../../server/src/semantics/waves';
import type { WaveExecutor } from './executor';

/** Who approves or aborts (`user@host`): recorded in the Rollouts' annotations for everyone to see. */
export function currentUser(): string {
  return `${os.userInfo().username}@${os.hostname()}`;
}

export async function approveWithConfirmation(executor: WaveExecutor, waveIndex: number, log?: vscode.LogOutputChannel): Promise<string | undefined> {
  const plan = executor.plan;
  const wave = plan.waves[waveIndex];
  const user = currentUser();
  const title = `Approve wave ${wave.name}`;
  const detail = [
    `Plan ${plan.name}: records "approved by ${user}" on the Rollout ${plan.rollout.name} in ${wave.targets.map((t) => `${t.context}/${t.namespace}`).join(', ')}.`,
    plan.waves[waveIndex + 1] ? `Wave ${plan.waves[waveIndex + 1].name} starts once the gates before and after the approval pass.` : 'This is the last wave.',
  ].join('\n');
  if ((await vscode.window.showWarningMessage(`${title} of plan ${plan.name}?`, { modal: true, detail }, title)) !== title) return undefined;
  const r = await executor.approve(waveIndex, user);
  log?.info(`wave plan ${plan.name}: ${r.sentence}${r.errors.length ? ` (failed: ${r.errors.join('; ')})` : ''}`);
  if (!r.ok || r.errors.length) void vscode.window.showErrorMessage(`Fleet Rollouts: ${[r.sentence, ...r.errors].join(' ')}`);
  return r.sentence;
}

export async function abortWithConfirmation(executor: WaveExecutor, decision: Decision, log?: vscode.LogOutputChannel): Promise<string | undefined> {
  const plan = executor.plan;
  const notHealthy = decision.views.filter((v) => v.state !== 'healthy' && v.state !== 'settling' && v.state !== 'missing' && v.state !== 'unreachable');
  const title = 'Abort plan';
  const detail = [
    `Aborts (kubectl argo rollouts abort) the Rollout ${plan.rollout.name} where it is not Healthy: ${notHealthy.map((v) => `${v.target.context}/${v.target.namespace}`).join(', ') || 'none'}.`,
    `Records the stop on the Rollouts in ${planContexts(plan).join(', ')}, so no one continues this revision with the plan.`,
  ].join('\n');
  if ((await vscode.window.showWarningMessage(`Abort wave plan ${plan.name}?`, { modal: true, detail }, title)) !== title) return undefined;
  const r = await executor.abort(currentUser());
  log?.info(`wave plan ${plan.name}: ${r.sentence}${r.errors.length ? ` (failed: ${r.errors.join('; ')})` : ''}`);
  if (!r.ok || r.errors.length) void vscode.window.showErrorMessage(`Fleet Rollouts: ${[r.sentence, ...r.errors].join(' ')}`);
  return r.sentence;
}

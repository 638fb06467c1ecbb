/**
 * Commands of direct waves: Run Wave Plan (the plan in the editor, or one picked from the
 * workspace), Approve Wave, Abort Wave Plan; and the wave board of a plan. Only the contexts a
 * plan lists are ever contacted, with the kubeconfig of the extension's session.
 */
import * as vscode from 'vscode';
import type { WavePlan } from '../../../server/src/semantics/waves';
import { planContexts, waitsForApproval } from '../../../server/src/semantics/waves';
import type { ClusterSession } from '../kube/session';
import { DirectWavesPanel } from './board-panel';
import { WaveExecutor } from './executor';
import { abortWithConfirmation, approveWithConfirmation } from './person';
import { mentionsWavePlan, plansInText, problemLines, type PlanInFile } from './plan-file';

/** How often a running plan reads its contexts again (bake and analysis gates advance with time). */
const STEP_INTERVAL_MS = 5000;
const MAX_PLAN_FILES = 2000;

export interface WaveCommandOptions {
  session: () => ClusterSession;
  log: vscode.LogOutputChannel;
}

interface PlanChoice {
  plan: WavePlan;
  uri: vscode.Uri;
}

/** Plans running in this window, by name: a second Run of the same plan is refused, Abort stops the loop. */
const running = new Map<string, { executor: WaveExecutor; stop: AbortController }>();

async function plansOfUri(uri: vscode.Uri): Promise<PlanInFile[]> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const text = open ? open.getText() : Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  return mentionsWavePlan(text) ? plansInText(text) : [];
}

/** The plan of the active editor (a file can hold several), else one of the workspace's plan files. */
async function pickPlan(title: string, uri?: vscode.Uri): Promise<PlanChoice | undefined> {
  const candidates: Array<PlanInFile & { uri: vscode.Uri }> = [];
  const fromEditor = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (fromEditor) candidates.push(...(await plansOfUri(fromEditor)).map((p) => ({ ...p, uri: fromEditor })));
  if (candidates.length === 0) {
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', MAX_PLAN_FILES);
    for (const f of files) candidates.push(...(await plansOfUri(f)).map((p) => ({ ...p, uri: f })));
  }
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('Fleet Rollouts: no WavePlan in the active editor or the workspace (see docs/wave-plans.md).');
    return undefined;
  }
  const chosen =
    candidates.length === 1
      ? candidates[0]
      : await vscode.window.showQuickPick(
          candidates.map((c) => ({ label: c.name, description: vscode.workspace.asRelativePath(c.uri), detail: c.plan ? `${c.plan.waves.length} waves · ${planContexts(c.plan).join(', ')}` : 'has problems', c })),
          { title, placeHolder: 'A WavePlan' },
        ).then((p) => p?.c);
  if (!chosen) return undefined;
  if (!chosen.plan) {
    const lines = problemLines(chosen.problems);
    void vscode.window.showErrorMessage(`Fleet Rollouts: wave plan ${chosen.name} cannot run: ${lines.slice(0, 3).join(' ')}${lines.length > 3 ? ` (+${lines.length - 3} more)` : ''}`);
    return undefined;
  }
  return { plan: chosen.plan, uri: chosen.uri };
}

function executorFor(plan: WavePlan, options: WaveCommandOptions): WaveExecutor {
  const active = running.get(plan.name);
  if (active && JSON.stringify(active.executor.plan) === JSON.stringify(plan)) return active.executor;
  const session = options.session();
  return new WaveExecutor(plan, {
    configFor: (context) => session.configFor(context),
    confirm: async (question, wave, targets) => {
      const detail = [
        `Sends \`kubectl argo rollouts promote${plan.promotion === 'full' ? ' --full' : ''}\` for ${plan.rollout.name} to: ${targets.map((t) => `${t.context} (namespace ${t.namespace})`).join(', ')}.`,
        `Records the release of wave ${wave.name} in annotations on those Rollouts. No other context is contacted.`,
      ].join('\n');
      return (await vscode.window.showWarningMessage(question, { modal: true, detail }, 'Promote')) === 'Promote';
    },
    log: (line) => options.log.info(`wave plan ${plan.name}: ${line}`),
  });
}

/** Contexts of the plan the kubeconfig does not have: the plan cannot run with them. */
function unknownContexts(plan: WavePlan, session: ClusterSession): string[] {
  const known = new Set(session.contexts().map((c) => c.name));
  return planContexts(plan).filter((c) => !known.has(c));
}

async function runPlan(ext: vscode.ExtensionContext, options: WaveCommandOptions, uri?: vscode.Uri): Promise<void> {
  if (!trusted()) return;
  const choice = await pickPlan('Run wave plan', uri);
  if (!choice) return;
  const { plan } = choice;
  if (running.has(plan.name)) {
    void vscode.window.showInformationMessage(`Fleet Rollouts: wave plan ${plan.name} is already running in this window.`);
    return;
  }
  const missing = unknownContexts(plan, options.session());
  if (missing.length > 0) {
    void vscode.window.showErrorMessage(`Fleet Rollouts: wave plan ${plan.name} names contexts your kubeconfig does not have: ${missing.join(', ')}.`);
    return;
  }
  const executor = executorFor(plan, options);
  const stop = new AbortController();
  running.set(plan.name, { executor, stop });
  DirectWavesPanel.open(ext, executor, options.log);
  try {
    const last = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Wave plan ${plan.name}`, cancellable: true }, (progress, token) => {
      token.onCancellationRequested(() => stop.abort());
      return executor.run({
        intervalMs: STEP_INTERVAL_MS,
        signal: stop.signal,
        onStep: (r) => {
          progress.report({ message: r.decision.sentence });
          DirectWavesPanel.show(plan.name, r.decision);
          if (r.errors.length) void vscode.window.showErrorMessage(`Fleet Rollouts: wave plan ${plan.name}: ${r.errors.join('; ')}`);
        },
      });
    });
    const show = last.decision.status === 'failed' || last.decision.status === 'aborted' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
    const text = last.declined ? `wave plan ${plan.name} stopped: the wave was not confirmed.` : stop.signal.aborted ? `wave plan ${plan.name} stopped watching: ${last.decision.sentence}` : last.decision.sentence;
    void show(`Fleet Rollouts: ${text}`);
  } catch (err) {
    options.log.error(`wave plan ${plan.name}: ${(err as Error).stack ?? err}`);
    void vscode.window.showErrorMessage(`Fleet Rollouts: wave plan ${plan.name} failed: ${(err as Error).message}`);
  } finally {
    running.delete(plan.name);
  }
}

function trusted(): boolean {
  if (!vscode.workspace.isTrusted) void vscode.window.showErrorMessage('Fleet Rollouts: wave plan actions are disabled in an untrusted workspace.');
  return vscode.workspace.isTrusted;
}

async function approve(options: WaveCommandOptions, uri?: vscode.Uri): Promise<void> {
  if (!trusted()) return;
  const choice = await pickPlan('Approve a wave of', uri);
  if (!choice) return;
  const executor = executorFor(choice.plan, options);
  const decision = await executor.observe();
  const waiting = decision.waves.filter((w) => waitsForApproval(choice.plan, decision, w.index));
  if (waiting.length === 0) {
    void vscode.window.showInformationMessage(`Fleet Rollouts: no wave of ${choice.plan.name} waits for an approval. ${decision.sentence}`);
    return;
  }
  await approveWithConfirmation(executor, waiting[0].index, options.log);
}

async function abortPlan(options: WaveCommandOptions, uri?: vscode.Uri): Promise<void> {
  if (!trusted()) return;
  const choice = await pickPlan('Abort wave plan', uri);
  if (!choice) return;
  const executor = executorFor(choice.plan, options);
  const sentence = await abortWithConfirmation(executor, await executor.observe(), options.log);
  if (sentence) running.get(choice.plan.name)?.stop.abort();
}

/** The board of the plan in the active editor; false when the editor holds none (the caller opens the Fleet board). */
async function openBoardForActiveEditor(ext: vscode.ExtensionContext, options: WaveCommandOptions): Promise<boolean> {
  const uri = vscode.window.activeTextEditor?.document.uri;
  const plans = uri ? (await plansOfUri(uri)).filter((p) => p.plan) : [];
  if (plans.length === 0) return false;
  DirectWavesPanel.open(ext, executorFor(plans[0].plan!, options), options.log);
  return true;
}

/** Registers the commands; returns the hook the Fleet board's Open Wave Board command uses. */
export function registerWaveCommands(ext: vscode.ExtensionContext, options: WaveCommandOptions): () => Promise<boolean> {
  const guard = (fn: (uri?: vscode.Uri) => Promise<void>) => (uri?: vscode.Uri) =>
    fn(uri instanceof vscode.Uri ? uri : undefined).catch((err: Error) => void vscode.window.showErrorMessage(`Fleet Rollouts: ${err.message}`));
  ext.subscriptions.push(
    vscode.commands.registerCommand('fleetRollouts.runWavePlan', guard((uri) => runPlan(ext, options, uri))),
    vscode.commands.registerCommand('fleetRollouts.approveWave', guard((uri) => approve(options, uri))),
    vscode.commands.registerCommand('fleetRollouts.abortWavePlan', guard((uri) => abortPlan(options, uri))),
    { dispose: () => running.forEach((r) => r.stop.abort()) },
  );
  return () => openBoardForActiveEditor(ext, options);
}

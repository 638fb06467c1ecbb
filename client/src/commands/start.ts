/**
 * "Start Rollout": apply the Rollout of the active editor (and the AnalysisTemplates of the same
 * file it uses) to the contexts the user picks. A server-side dry run runs first in every picked
 * context; the confirmation names each context with where the new revision will begin, and the
 * diff of live object → dry-run result is one click away. Only then the real server-side apply,
 * context by context, each with a KubeConfig pinned to it.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import * as vscode from 'vscode';
import { ActionError, diffableYaml, start, startSummary, type StartResult } from '../actions';
import { rolloutsInText } from '../model/manifests';
import type { RolloutsController } from '../views/tree/controller';
import type { RolloutsTreeProvider } from '../views/tree/provider';
import { ensureTrusted } from './actions';
import type { DryRunDocuments } from './dry-run-documents';

interface Destination {
  context: string;
  namespace: string;
}

interface DryRun extends Destination {
  result?: StartResult;
  error?: string;
}

const APPLY = 'Apply';
const SHOW_DIFF = 'Show Diff';
const APPLY_AFTER_REVIEW = 'Apply…';

export async function startRolloutCommand(arg: unknown, controller: RolloutsController, provider: RolloutsTreeProvider, documents: DryRunDocuments): Promise<void> {
  if (!(await ensureTrusted('Start Rollout'))) return;
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Fleet Rollouts: open a Rollout manifest to start it.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const text = doc.getText();
  const rollout = await pickDefinedRollout(text);
  if (!rollout) return;

  const destinations = await pickDestinations(controller, provider, rollout);
  if (!destinations?.length) return;

  const session = controller.session();
  const dryRuns = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Dry run of ${rollout.name} in ${destinations.map((d) => d.context).join(', ')}…` },
    () => Promise.all(destinations.map((d) => dryRunIn(d, session.configFor(d.context), rollout.name, text))),
  );
  const ok = dryRuns.filter((d) => d.result);
  const failed = dryRuns.filter((d) => d.error);
  for (const f of failed) controller.log.error(`start ${f.context}/${f.namespace}/${rollout.name} (dry run) failed: ${f.error}`);
  if (ok.length === 0) {
    void vscode.window.showErrorMessage(`Fleet Rollouts: the dry run of ${rollout.name} failed: ${failed.map((f) => `${f.context}: ${f.error}`).join('; ')}`);
    return;
  }

  const where = ok.map((d) => `${d.context}/${d.namespace}`).join(', ');
  const detail = [
    ...ok.map((d) => startSummary(d.context, d.namespace, d.result!)),
    ...failed.map((f) => `${f.context}/${f.namespace}: not applied — the dry run failed: ${f.error}`),
    '',
    `Server-side apply as field manager "fleet-rollouts" (a server dry run just succeeded).${doc.isDirty ? ' The editor has unsaved changes: its current text is applied.' : ''}`,
  ].join('\n');
  let answer = await vscode.window.showWarningMessage(`Apply ${rollout.name} in ${where}?`, { modal: true, detail }, APPLY, SHOW_DIFF);
  if (answer === SHOW_DIFF) {
    await showDiffs(documents, rollout.name, ok);
    // A modal right away would cover the diff it asks about (and block scrolling it): a notification
    // waits while the user reads, and its button brings back the modal confirmation.
    const back = await vscode.window.showWarningMessage(`Fleet Rollouts: review the diff of ${rollout.name} in ${where}, then apply it or close this.`, APPLY_AFTER_REVIEW);
    answer = back === APPLY_AFTER_REVIEW ? await vscode.window.showWarningMessage(`Apply ${rollout.name} in ${where}?`, { modal: true, detail }, APPLY) : undefined;
  }
  if (answer !== APPLY) return;

  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Applying ${rollout.name}…` }, async (progress) => {
      for (const d of ok) {
        progress.report({ message: `${d.context}/${d.namespace}` });
        await applyIn(d, session.configFor(d.context), rollout.name, text, controller);
      }
    });
  } finally {
    for (const d of ok) controller.relist(d.context);
  }
}

async function pickDefinedRollout(text: string): Promise<{ name: string; namespace: string } | undefined> {
  const defined = rolloutsInText(text);
  if (defined.length === 0) {
    void vscode.window.showWarningMessage('Fleet Rollouts: this file defines no Rollout.');
    return undefined;
  }
  if (defined.length === 1) return defined[0];
  const p = await vscode.window.showQuickPick(defined.map((d) => ({ label: d.name, description: d.namespace, d })), { title: 'Start: which Rollout of this file?' });
  return p?.d;
}

/** The watched contexts, where the Rollout already runs marked; the user ticks the ones to apply to. */
async function pickDestinations(controller: RolloutsController, provider: RolloutsTreeProvider, rollout: { name: string; namespace: string }): Promise<Destination[] | undefined> {
  const session = controller.session();
  const watched = session.watched();
  if (watched.length === 0) {
    const choose = await vscode.window.showInformationMessage('Fleet Rollouts: no context is watched yet.', 'Choose contexts…');
    if (choose) await vscode.commands.executeCommand('fleetRollouts.chooseContexts');
    return undefined;
  }
  const infos = new Map(session.contexts().map((c) => [c.name, c]));
  const items = watched.map((context) => {
    const namespace = rollout.namespace || infos.get(context)?.namespace || 'default';
    const live = provider.allRollouts().find((r) => r.context === context && r.namespace === namespace && r.name === rollout.name);
    return { label: context, description: namespace, detail: live ? `live: ${[live.statusText, live.progress].filter(Boolean).join(' · ')}` : 'not deployed here yet', destination: { context, namespace } };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: `Start ${rollout.name}: apply to which contexts?`,
    placeHolder: 'A server dry run runs first in each; nothing is applied before you confirm',
    canPickMany: true,
  });
  return picked?.map((p) => p.destination);
}

async function dryRunIn(d: Destination, kc: KubeConfig, name: string, text: string): Promise<DryRun> {
  try {
    return { ...d, result: await start(kc, d.namespace, name, text, { dryRun: true }) };
  } catch (err) {
    return { ...d, error: (err as Error).message };
  }
}

async function showDiffs(documents: DryRunDocuments, name: string, runs: DryRun[]): Promise<void> {
  for (const d of runs) {
    const next = d.result!.applied[d.result!.applied.length - 1];
    const left = documents.put(`${d.context}/${d.namespace}/${name} (live).yaml`, diffableYaml(d.result!.live));
    const right = documents.put(`${d.context}/${d.namespace}/${name} (dry run).yaml`, diffableYaml(next));
    await vscode.commands.executeCommand('vscode.diff', left, right, `${name} in ${d.context}/${d.namespace}: live ↔ after apply`, { preview: false });
  }
}

async function applyIn(d: DryRun, kc: KubeConfig, name: string, text: string, controller: RolloutsController): Promise<void> {
  const log = controller.log;
  const at = `${d.context}/${d.namespace}/${name}`;
  try {
    const result = await start(kc, d.namespace, name, text, { dryRun: false });
    for (const r of result.requests) log.info(`start ${at}: ${r.method} ${r.path} → ${r.status}`);
    void vscode.window.showInformationMessage(`${d.context}: ${name} applied in ${d.namespace} — ${result.plan.description}`);
  } catch (err) {
    if (err instanceof ActionError) for (const r of err.requests) log.info(`start ${at}: ${r.method} ${r.path} → ${r.status}`);
    log.error(`start ${at} failed: ${(err as Error).message}`);
    void vscode.window.showErrorMessage(`Fleet Rollouts: applying ${name} in ${d.context}/${d.namespace} failed: ${(err as Error).message}`);
  }
}

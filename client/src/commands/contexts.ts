/** "Choose Contexts to Watch…": a multi-select of the kubeconfig's contexts, remembered per workspace. */
import * as vscode from 'vscode';
import type { RolloutsController } from '../views/tree/controller';

export async function chooseContexts(controller: RolloutsController): Promise<void> {
  const session = controller.session();
  const contexts = session.contexts();
  if (contexts.length === 0) {
    const files = session.files.length ? session.files.join(', ') : 'no kubeconfig file was found';
    const open = await vscode.window.showWarningMessage(`Fleet Rollouts: the kubeconfig has no contexts (${files}).`, 'Open kubeconfig setting');
    if (open) await openKubeconfigSetting();
    return;
  }
  const watched = new Set(session.watched().length ? session.watched() : controller.configuredContexts());
  const items = contexts.map((c) => ({
    label: c.name,
    description: `${c.cluster}${c.namespace !== 'default' ? ` · ${c.namespace}` : ''}${c.name === session.currentContext ? ' · current' : ''}`,
    detail: c.server,
    picked: watched.has(c.name),
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Contexts to watch',
    placeHolder: 'Only the contexts you choose are contacted (remembered for this workspace)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  await controller.setWatched(picked.map((p) => p.label));
}

export async function openKubeconfigSetting(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', 'fleetRollouts.kubeconfig');
}

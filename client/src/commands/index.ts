/** The commands of the Rollouts view: contexts, refresh, filter, reveal, and the rollout actions. */
import * as vscode from 'vscode';
import { rolloutsInText } from '../model/manifests';
import type { RolloutsController } from '../views/tree/controller';
import type { Node } from '../views/tree/items';
import type { RolloutsTreeProvider } from '../views/tree/provider';
import { revealRolloutManifest } from '../views/tree/reveal';
import { pickRollout, runActionCommand, type CommandArg } from './actions';
import type { UiAction } from './action-adapter';
import { chooseContexts, openKubeconfigSetting } from './contexts';
import { DRY_RUN_SCHEME, DryRunDocuments } from './dry-run-documents';
import { startRolloutCommand } from './start';

export const ACTION_COMMANDS: Record<UiAction, string> = {
  promote: 'fleetRollouts.promote',
  promoteFull: 'fleetRollouts.promoteFull',
  abort: 'fleetRollouts.abort',
  retry: 'fleetRollouts.retry',
  pause: 'fleetRollouts.pause',
  resume: 'fleetRollouts.resume',
  restart: 'fleetRollouts.restart',
  setImage: 'fleetRollouts.setImage',
  undo: 'fleetRollouts.undo',
};

export function registerRolloutCommands(context: vscode.ExtensionContext, controller: RolloutsController, provider: RolloutsTreeProvider): void {
  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  reg('fleetRollouts.chooseContexts', () => chooseContexts(controller));
  reg('fleetRollouts.openKubeconfigSetting', () => openKubeconfigSetting());
  reg('fleetRollouts.refresh', () => {
    controller.relist();
    provider.schedule();
  });
  reg('fleetRollouts.filter', async () => {
    const text = await vscode.window.showInputBox({
      title: 'Filter rollouts',
      value: controller.filter,
      prompt: 'Words that must all match context/namespace/name, status, strategy or image. Also status:paused, ns:shop, image:v2, -word to exclude.',
      placeHolder: 'e.g. status:paused edge-eu',
    });
    if (text !== undefined) controller.filter = text;
  });
  reg('fleetRollouts.clearFilter', () => {
    controller.filter = '';
  });
  reg('fleetRollouts.revealInEditor', async (arg?: CommandArg) => {
    let target: { name: string; namespace: string; context?: string } | undefined;
    const node = arg as Node | undefined;
    if (node && typeof node === 'object' && 'kind' in node && node.kind === 'rollout') target = node.view;
    else target = await pickRollout(provider.allRollouts(), 'Reveal in editor');
    if (target) await revealRolloutManifest(target);
  });
  const dryRuns = new DryRunDocuments();
  context.subscriptions.push(dryRuns, vscode.workspace.registerTextDocumentContentProvider(DRY_RUN_SCHEME, dryRuns));
  reg('fleetRollouts.start', (arg?: unknown) => startRolloutCommand(arg, controller, provider, dryRuns));
  for (const [action, id] of Object.entries(ACTION_COMMANDS) as Array<[UiAction, string]>) {
    reg(id, (arg?: CommandArg) => runActionCommand(action, arg, provider, controller));
  }

  // Editor title actions show on a Rollout manifest: a cheap look at the text, no parse per keystroke.
  const updateEditorKey = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const isRollout = !!doc && doc.languageId === 'yaml' && /^\s*kind:\s*["']?Rollout["']?\s*$/m.test(doc.getText().slice(0, 200_000)) && rolloutsInText(doc.getText()).length > 0;
    void vscode.commands.executeCommand('setContext', 'fleetRollouts.editorIsRollout', isRollout);
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(updateEditorKey), vscode.workspace.onDidSaveTextDocument((d) => d === vscode.window.activeTextEditor?.document && updateEditorKey()));
  // After activation returns: reading a Rollout in the open editor loads the YAML library.
  setImmediate(updateEditorKey);
}

/**
 * Registers the Rollouts view and its commands. Cheap: no kubeconfig is read and no cluster is
 * contacted until the view is shown or a command runs.
 */
import * as vscode from 'vscode';
import { registerRolloutCommands } from '../../commands';
import { RolloutsController } from './controller';
import { RolloutsTreeProvider } from './provider';

export const VIEW_ID = 'fleetRollouts.rollouts';

export function registerRolloutsView(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): RolloutsController {
  const controller = new RolloutsController(context, log);
  const provider = new RolloutsTreeProvider(controller);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  context.subscriptions.push(
    controller,
    provider,
    view,
    view.onDidChangeVisibility((e) => e.visible && provider.schedule()),
  );
  registerRolloutCommands(context, controller, provider);
  return controller;
}

/**
 * Promote, abort, retry, pause, resume, restart, set image, undo — from the command palette (pick a
 * rollout across the watched contexts), the tree's context menu, or the editor title of a Rollout
 * manifest. Each one asks first with a modal naming rollout, namespace and context, sends the
 * plugin's requests to that context only, then relists it so the tree is never stale.
 */
import * as vscode from 'vscode';
import { ActionError, type ActionTarget } from '../actions';
import { rolloutsInText } from '../model/manifests';
import type { RolloutView } from '../model/rollouts';
import type { RolloutsController } from '../views/tree/controller';
import type { Node } from '../views/tree/items';
import type { RolloutsTreeProvider } from '../views/tree/provider';
import { ACTIONS, question, runAction, type ActionArgs, type UiAction } from './action-adapter';

/** What a command may be invoked with: a tree node, an editor's URI, a target, or nothing. */
export type CommandArg = Node | vscode.Uri | ActionTarget | undefined;

export async function ensureTrusted(what: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = await vscode.window.showWarningMessage(
    `Fleet Rollouts: ${what} is disabled because this workspace is not trusted. The Rollouts view is read-only until you trust the workspace.`,
    'Manage Workspace Trust',
  );
  if (manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/** Resolves what the user meant: the tree's rollout, the editor's Rollout in a chosen context, or a pick. */
export async function resolveTarget(arg: CommandArg, provider: RolloutsTreeProvider, controller: RolloutsController, verb: string): Promise<ActionTarget | undefined> {
  if (arg && typeof arg === 'object' && 'kind' in arg && arg.kind === 'rollout') return { context: arg.view.context, namespace: arg.view.namespace, name: arg.view.name };
  if (arg && typeof arg === 'object' && 'context' in arg && 'name' in arg && 'namespace' in arg) return arg as ActionTarget;
  const watched = controller.session().watched();
  if (watched.length === 0) {
    const choose = await vscode.window.showInformationMessage('Fleet Rollouts: no context is watched yet.', 'Choose contexts…');
    if (choose) await vscode.commands.executeCommand('fleetRollouts.chooseContexts');
    return undefined;
  }
  // The editor title passes the file's URI; the palette passes nothing.
  if (arg instanceof vscode.Uri) return fromEditor(arg, provider, controller, verb);
  return pickRollout(provider.allRollouts(), verb);
}

async function fromEditor(uri: vscode.Uri, provider: RolloutsTreeProvider, controller: RolloutsController, verb: string): Promise<ActionTarget | undefined> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const defined = rolloutsInText(doc.getText());
  if (defined.length === 0) {
    void vscode.window.showWarningMessage('Fleet Rollouts: this file defines no Rollout.');
    return undefined;
  }
  let ro = defined[0];
  if (defined.length > 1) {
    const p = await vscode.window.showQuickPick(defined.map((d) => ({ label: d.name, description: d.namespace, d })), { title: `${verb}: which Rollout of this file?` });
    if (!p) return undefined;
    ro = p.d;
  }
  // Contexts where that Rollout is live come first; the user picks ONE.
  const live = provider.allRollouts().filter((r) => r.name === ro.name && (!ro.namespace || r.namespace === ro.namespace));
  const items = live.map((r) => ({ label: r.context, description: `${r.namespace} · ${r.statusText}`, target: { context: r.context, namespace: r.namespace, name: r.name } as ActionTarget }));
  if (items.length === 0) {
    void vscode.window.showWarningMessage(`Fleet Rollouts: the Rollout ${ro.name} was not found in the watched contexts (${controller.session().watched().join(', ')}).`);
    return undefined;
  }
  const p = await vscode.window.showQuickPick(items, { title: `${verb} ${ro.name}: in which context?`, placeHolder: 'The action acts on the context you choose, and only on it' });
  return p?.target;
}

export async function pickRollout(rollouts: RolloutView[], verb: string): Promise<ActionTarget | undefined> {
  if (rollouts.length === 0) {
    void vscode.window.showInformationMessage('Fleet Rollouts: no Rollout in the watched contexts (yet).');
    return undefined;
  }
  const p = await vscode.window.showQuickPick(
    rollouts.map((r) => ({ label: r.name, description: `${r.context}/${r.namespace}`, detail: [r.statusText, r.progress].filter(Boolean).join(' · '), r })),
    { title: `${verb}: which rollout?`, matchOnDescription: true, matchOnDetail: true },
  );
  return p ? { context: p.r.context, namespace: p.r.namespace, name: p.r.name } : undefined;
}

/** Asks what set image / undo need; undefined when the user cancels. */
async function argsFor(action: UiAction, view: RolloutView | undefined): Promise<{ args: ActionArgs; detail?: string } | undefined> {
  if (action === 'setImage') {
    const containers = view?.info.containers ?? [];
    let container: string | undefined = containers[0]?.name;
    if (containers.length > 1) {
      const p = await vscode.window.showQuickPick(containers.map((c) => ({ label: c.name, description: c.image })), { title: 'Set image: which container?' });
      container = p?.label;
    } else if (!container) container = await vscode.window.showInputBox({ title: 'Set image: container name' });
    if (!container) return undefined;
    const currentImage = containers.find((c) => c.name === container)?.image ?? '';
    const image = await vscode.window.showInputBox({ title: `Set image of container ${container}`, value: currentImage, prompt: 'The new image (e.g. registry/app:v2)', validateInput: (v) => (v.trim() ? undefined : 'An image is required') });
    if (!image) return undefined;
    return { args: { container, image: image.trim() }, detail: `${container}=${image.trim()}` };
  }
  if (action === 'undo') {
    const revisions = (view?.info.revisions ?? []).map((r) => r.revision).filter((r) => r > 0);
    const items = [{ label: 'Previous revision', description: '', revision: 0 }, ...revisions.slice(1).map((r) => ({ label: `revision ${r}`, description: view?.info.revisions.find((x) => x.revision === r)?.replicaSets.flatMap((rs) => rs.images).join(', ') ?? '', revision: r }))];
    const p = await vscode.window.showQuickPick(items, { title: 'Undo: roll back to which revision?' });
    if (!p) return undefined;
    return { args: { toRevision: p.revision }, detail: String(p.revision) };
  }
  return { args: {} };
}

export async function runActionCommand(action: UiAction, arg: CommandArg, provider: RolloutsTreeProvider, controller: RolloutsController): Promise<void> {
  const title = ACTIONS[action].title;
  if (!(await ensureTrusted(title))) return;
  const target = await resolveTarget(arg, provider, controller, title);
  if (!target) return;
  const session = controller.session();
  if (!session.watched().includes(target.context)) {
    void vscode.window.showErrorMessage(`Fleet Rollouts: ${target.context} is not a watched context.`);
    return;
  }
  const view = provider.allRollouts().find((r) => r.context === target.context && r.namespace === target.namespace && r.name === target.name);
  const extra = await argsFor(action, view);
  if (!extra) return;
  const full: ActionTarget = { ...target, detail: extra.detail };
  const answer = await vscode.window.showWarningMessage(question(action, full), { modal: true, detail: `Context: ${full.context}\nNamespace: ${full.namespace}\nRollout: ${full.name}${view ? `\nNow: ${view.statusText}` : ''}` }, ACTIONS[action].button);
  if (answer !== ACTIONS[action].button) return;
  const log = controller.log;
  try {
    // Pinned: this config can only reach the confirmed context.
    const kc = session.configFor(full.context);
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title} ${full.name} in ${full.context}/${full.namespace}…` }, () => runAction(action, kc, full, extra.args));
    for (const r of result.requests) log.info(`${action} ${full.context}/${full.namespace}/${full.name}: ${r.method} ${r.path} → ${r.status}${r.body ? ` ${r.body}` : ''}`);
    void vscode.window.showInformationMessage(`${full.context}: ${result.message}`);
  } catch (err) {
    if (err instanceof ActionError) for (const r of err.requests) log.info(`${action} ${full.context}/${full.namespace}/${full.name}: ${r.method} ${r.path} → ${r.status}`);
    log.error(`${action} ${full.context}/${full.namespace}/${full.name} failed: ${(err as Error).message}`);
    void vscode.window.showErrorMessage(`Fleet Rollouts: ${title} ${full.name} in ${full.context}/${full.namespace} failed: ${(err as Error).message}`);
  } finally {
    // Refresh at once what the action touched, whatever happened.
    controller.relist(full.context);
  }
}

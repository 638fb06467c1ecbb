/**
 * The `fleetRollouts.rollouts` view: watched context → namespace → Rollout, recomputed from the
 * session's caches. Session change events are coalesced (one repaint per burst); while a context
 * is connecting or failing the view repaints every few seconds so "last sync … ago" stays true.
 */
import * as vscode from 'vscode';
import { buildTree, type ContextView, type RolloutView } from '../../model/rollouts';
import type { RolloutsController } from './controller';
import { contextItem, healthProblemNodes, messageNode, namespaceItem, rolloutChildren, rolloutItem, type Node } from './items';

const REPAINT_MS = 150;
const UNHEALTHY_TICK_MS = 5000;

export class RolloutsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private tree: ContextView[] = [];
  private timer: NodeJS.Timeout | undefined;
  private tick: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;
  /** The view, for its description (the filter) and message. */
  view: vscode.TreeView<Node> | undefined;

  constructor(private readonly controller: RolloutsController) {
    this.subscription = controller.onDidChange(() => this.schedule());
  }

  /** One repaint for a burst of changes. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire(undefined);
    }, REPAINT_MS);
  }

  /** The rollouts the tree shows now (for pickers), filter ignored. */
  allRollouts(): RolloutView[] {
    if (!this.controller.hasSession) return [];
    return buildTree(this.controller.session(), { now: Date.now() }).flatMap((c) => c.namespaces.flatMap((n) => n.rollouts));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'context':
        return contextItem(node);
      case 'namespace':
        return namespaceItem(node.view);
      case 'rollout':
        return rolloutItem(node.view);
      case 'detail':
        return node.item;
    }
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'context':
        return this.contextChildren(node.view);
      case 'namespace':
        return node.view.rollouts.map((view) => ({ kind: 'rollout', view }));
      case 'rollout':
        return rolloutChildren(node.view);
      case 'detail':
        return node.children ?? [];
    }
  }

  getParent(): undefined {
    return undefined;
  }

  private roots(): Node[] {
    const state = this.controller.state();
    void this.controller.updateContextKeys();
    if (state !== 'watching') {
      this.tree = [];
      this.updateMessage();
      return [];
    }
    const session = this.controller.session();
    this.tree = buildTree(session, { now: Date.now(), filter: this.controller.filter });
    const servers = new Map(session.contexts().map((c) => [c.name, c.server]));
    this.updateMessage();
    if (this.tree.some((c) => c.health.state !== 'ok')) this.scheduleTick();
    return this.tree.map((view) => ({ kind: 'context', view, server: servers.get(view.context) }));
  }

  private contextChildren(v: ContextView): Node[] {
    const out = healthProblemNodes(v);
    if (v.health.state === 'connecting' && !v.health.hasData) return [messageNode(`ctx:${v.context}:connecting`, 'Connecting…', new vscode.ThemeIcon('loading~spin'))];
    out.push(...v.namespaces.map((view) => ({ kind: 'namespace' as const, view })));
    if (v.total === 0 && v.health.hasData) out.push(messageNode(`ctx:${v.context}:empty`, 'No Rollouts in this context', new vscode.ThemeIcon('info')));
    else if (v.shown === 0 && v.total > 0) out.push(messageNode(`ctx:${v.context}:filtered`, `No rollout matches “${this.controller.filter}”`, new vscode.ThemeIcon('filter')));
    return out;
  }

  private updateMessage(): void {
    if (!this.view) return;
    const f = this.controller.filter;
    this.view.description = f ? `filter: ${f}` : undefined;
    const shown = this.tree.reduce((n, c) => n + c.shown, 0);
    const total = this.tree.reduce((n, c) => n + c.total, 0);
    this.view.message = f ? `Showing ${shown} of ${total} rollouts matching “${f}”.` : undefined;
  }

  private scheduleTick(): void {
    if (this.tick) return;
    this.tick = setTimeout(() => {
      this.tick = undefined;
      if (this.view?.visible !== false) this.emitter.fire(undefined);
    }, UNHEALTHY_TICK_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.tick);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

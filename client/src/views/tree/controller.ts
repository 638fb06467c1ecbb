/**
 * The state behind the Rollouts view and its commands: one ClusterSession created on first use
 * (never at activation), the contexts the user chose (per workspace), the filter, and the context
 * keys the welcome view and menus read. Nothing here contacts a cluster: informers start when the
 * tree asks a watched context for its objects.
 */
import * as vscode from 'vscode';
import { ClusterSession } from '../../kube/session';

const WATCHED_KEY = 'fleetRollouts.watchedContexts';

export type ViewState = 'noKubeconfig' | 'noContexts' | 'watching';

export class RolloutsController implements vscode.Disposable {
  private current: ClusterSession | undefined;
  private sessionListener: { dispose(): void } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when the tree must be recomputed: session data, watched contexts, filter or settings. */
  readonly onDidChange = this.changed.event;
  private filterText = '';

  constructor(
    private readonly extension: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fleetRollouts.kubeconfig')) this.resetSession();
        else if (e.affectsConfiguration('fleetRollouts.contexts') && this.current && this.remembered() === undefined) this.applyWatched(this.configuredContexts());
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.resetSession()),
    );
  }

  /** The session, created (kubeconfig read, no request sent) on first use. */
  session(): ClusterSession {
    if (!this.current) {
      const kubeconfigPath = this.setting<string>('kubeconfig') || undefined;
      this.current = new ClusterSession({ kubeconfigPath });
      for (const p of this.current.problems) this.log.warn(`kubeconfig: ${p}`);
      this.log.info(`kubeconfig: read ${this.current.files.join(', ') || 'no file'}; ${this.current.contexts().length} contexts`);
      this.current.setWatched(this.remembered() ?? this.configuredContexts());
      this.sessionListener = this.current.onDidChange(() => this.changed.fire());
      void this.updateContextKeys();
    }
    return this.current;
  }

  get hasSession(): boolean {
    return this.current !== undefined;
  }

  state(): ViewState {
    const s = this.session();
    if (s.contexts().length === 0) return 'noKubeconfig';
    return s.watched().length === 0 ? 'noContexts' : 'watching';
  }

  /** Contexts remembered for this workspace; undefined when the user never chose. */
  remembered(): string[] | undefined {
    return this.extension.workspaceState.get<string[]>(WATCHED_KEY);
  }

  /** `fleetRollouts.contexts`: contexts to watch until the user chooses otherwise. */
  configuredContexts(): string[] {
    const v = this.setting<string[]>('contexts');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  }

  async setWatched(contexts: string[]): Promise<void> {
    await this.extension.workspaceState.update(WATCHED_KEY, contexts);
    this.applyWatched(contexts);
  }

  private applyWatched(contexts: string[]): void {
    this.session().setWatched(contexts);
    this.log.info(`watching: ${this.session().watched().join(', ') || 'no context'}`);
    void this.updateContextKeys();
    this.changed.fire();
  }

  get filter(): string {
    return this.filterText;
  }

  set filter(text: string) {
    this.filterText = text.trim();
    void vscode.commands.executeCommand('setContext', 'fleetRollouts.filtered', this.filterText !== '');
    this.changed.fire();
  }

  /** Relists every informer of the watched contexts (the user asked, or after an action). */
  relist(context?: string): void {
    if (!this.current) return;
    for (const c of context ? [context] : this.current.watched()) {
      for (const r of ['rollouts', 'replicaSets', 'analysisRuns', 'experiments'] as const) this.current.relist(c, r);
    }
  }

  /**
   * A setting, ignoring workspace values in an untrusted workspace: a repository must not be able
   * to point the extension at a kubeconfig (exec plugins run programs) or make it contact clusters.
   */
  private setting<T>(key: 'kubeconfig' | 'contexts'): T | undefined {
    const cfg = vscode.workspace.getConfiguration('fleetRollouts');
    if (vscode.workspace.isTrusted) return cfg.get<T>(key);
    return cfg.inspect<T>(key)?.globalValue;
  }

  /** Re-reads the kubeconfig (its setting changed): a new session, same chosen contexts. */
  resetSession(): void {
    const old = this.current;
    this.sessionListener?.dispose();
    this.current = undefined;
    void old?.dispose();
    if (old) this.session();
    this.changed.fire();
  }

  async updateContextKeys(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'fleetRollouts.state', this.state());
  }

  dispose(): void {
    this.sessionListener?.dispose();
    void this.current?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

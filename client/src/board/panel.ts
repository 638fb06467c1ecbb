/**
 * The wave board panel (issue 8), extension side: command `fleetRollouts.openWaveBoard` picks a
 * hub context and a Bundle, then a WebviewPanel draws the model of `./model` built from the
 * session's informers. Security: strict CSP with a nonce, only the bundled `dist/board.js` and
 * `dist/board.css` may load, messages from the webview are checked (`parseFromWebview`) and actions
 * reach only the chosen hub context after a modal confirmation. The webview is not kept alive when
 * hidden (`retainContextWhenHidden: false`): it keeps its UI state with `setState`, and asks for
 * the model again when shown. Informer bursts are coalesced into one post.
 */
import * as vscode from 'vscode';
import { ClusterSession, type ResourceKey } from '../kube/session';
import { ACTION_TITLES, planAction, runAction, type FleetObjectRef } from './actions';
import { buildFleetBoard, type FleetHubSnapshot, type WaveBoard } from './model';
import { parseFromWebview, type BoardAction, type ToWebview } from './model/protocol';
import { DrilldownFeed } from './drilldown/feed';
import { restoredBoard, restoreProblem } from './restore';
import { boardHtml } from './webview-html';
import { applicationSetItems, ROLLING_SYNC_RESOURCES, rollingSyncBoardFromSession, type SubjectItem } from './rolling-sync-source';

const VIEW_TYPE = 'fleetRollouts.waveBoard';
const HUB_RESOURCES: ResourceKey[] = ['fleetClusters', 'clusterGroups', 'bundles', 'bundleDeployments'];
/** Informer events closer than this become one rebuild; a steady stream still repaints at least every MAX_WAIT_MS. */
const QUIET_MS = 150;
const MAX_WAIT_MS = 1000;

export interface WaveBoardOptions {
  /** The extension's shared session; without one the board keeps its own (contexts from `fleetRollouts.contexts`). */
  session?: () => ClusterSession;
  log?: vscode.LogOutputChannel;
  /** Shows a Rollout in the Rollouts tree (RollingSync boards: the Rollout inside an Application). */
  revealRollout?: (target: { namespace: string; name: string }) => void;
  /** Opens the direct-waves board when the active editor holds a WavePlan (client/src/waves); true when it did. */
  openWavePlanBoard?: () => Promise<boolean>;
}

let ownSession: ClusterSession | undefined;

function defaultSession(): ClusterSession {
  if (!ownSession) {
    const cfg = vscode.workspace.getConfiguration('fleetRollouts');
    ownSession = new ClusterSession({ kubeconfigPath: cfg.get<string>('kubeconfig') || undefined });
    ownSession.setWatched(cfg.get<string[]>('contexts') ?? []);
  }
  return ownSession;
}

export function registerWaveBoard(context: vscode.ExtensionContext, options: WaveBoardOptions = {}): void {
  const getSession = options.session ?? defaultSession;
  const log = options.log;
  revealRollout = options.revealRollout;
  context.subscriptions.push(
    vscode.commands.registerCommand('fleetRollouts.openWaveBoard', async (args?: { context?: string; namespace?: string; bundle?: string; applicationSet?: string }) => {
      if (!args && (await options.openWavePlanBoard?.())) return;
      const session = getSession();
      const hub = args?.context ?? (await pickContext(session));
      if (!hub) return;
      const given = args?.namespace && (args.applicationSet || args.bundle);
      const picked = given ? { subject: args.applicationSet ? ('ApplicationSet' as const) : ('Bundle' as const), namespace: args.namespace!, name: (args.applicationSet ?? args.bundle)! } : await pickBundle(session, hub);
      if (!picked) return;
      WaveBoardPanel.open(context, session, hub, picked.namespace, picked.name, log, undefined, picked.subject);
    }),
    { dispose: () => void ownSession?.dispose() },
    // A board open when VS Code reloads comes back on the same context and subject (its saved webview state says which).
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        const session = getSession();
        const board = restoredBoard(state);
        const problem = restoreProblem(board, session.contexts().map((c) => c.name), session.watched());
        if (problem || !board) {
          panel.dispose();
          void vscode.window.showInformationMessage(problem ?? 'Fleet Rollouts: wave board not restored.');
          return;
        }
        WaveBoardPanel.open(context, session, board.context, board.namespace, board.name, log, panel, board.kind);
      },
    }),
  );
}

async function pickContext(session: ClusterSession): Promise<string | undefined> {
  const watched = session.watched();
  if (watched.length === 1) return watched[0];
  const items = (watched.length ? watched : session.contexts().map((c) => c.name)).map((name) => ({ label: name, description: watched.includes(name) ? 'watched' : '' }));
  if (items.length === 0) {
    void vscode.window.showErrorMessage('Fleet Rollouts: no kubeconfig context found. Set KUBECONFIG or the kubeconfig setting.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, { title: 'Wave board: Fleet hub context', placeHolder: 'The context of the Fleet management cluster' });
  if (!pick) return undefined;
  // Choosing a context is what allows contacting it.
  if (!watched.includes(pick.label)) session.setWatched([...watched, pick.label]);
  return pick.label;
}

async function waitSynced(session: ClusterSession, hub: string, resources: ResourceKey[], ms: number): Promise<string | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const infs = resources.map((r) => session.informer(hub, r));
    const failing = infs.find((i) => i?.state === 'error');
    if (failing) return failing.error?.message ?? 'cannot list';
    if (infs.every((i) => i?.state === 'synced' || (i?.lastSyncAt ?? 0) > 0)) return undefined;
    if (Date.now() > end) return `timed out listing ${resources.join(', ')} on ${hub}`;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Fleet Bundles and Argo CD ApplicationSets of the hub; a kind whose CRD the hub lacks is simply not offered. */
async function pickBundle(session: ClusterSession, hub: string): Promise<SubjectItem | undefined> {
  const [fleetProblem, argoProblem] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Listing Fleet bundles and ApplicationSets on ${hub}…` }, () =>
    Promise.all([waitSynced(session, hub, ['bundles', 'gitRepos'], 30000), waitSynced(session, hub, ['applicationSets'], 30000)]),
  );
  if (fleetProblem && argoProblem) {
    void vscode.window.showErrorMessage(`Fleet Rollouts: ${fleetProblem}; ${argoProblem}`);
    return undefined;
  }
  const bundles = fleetProblem ? [] : session.list(hub, 'bundles');
  const appsets = argoProblem ? [] : session.list(hub, 'applicationSets');
  if (bundles.length === 0 && appsets.length === 0) {
    void vscode.window.showInformationMessage(`Fleet Rollouts: no Fleet Bundle and no ApplicationSet on context ${hub}.`);
    return undefined;
  }
  const bundleItems: SubjectItem[] = bundles
    .map((b) => {
      const repo = b.metadata.labels?.['fleet.cattle.io/repo-name'];
      return { subject: 'Bundle' as const, label: b.metadata.name, name: b.metadata.name, description: `${repo ? `GitRepo ${repo} · ` : ''}${b.metadata.namespace}`, detail: b.status?.display?.readyClusters ? `ready ${b.status.display.readyClusters}` : undefined, namespace: b.metadata.namespace ?? '' };
    })
    .sort((a, b) => a.description.localeCompare(b.description) || a.label.localeCompare(b.label));
  const items = [...bundleItems, ...applicationSetItems(appsets)];
  const pick = await vscode.window.showQuickPick(items, { title: `Wave board: Bundle or ApplicationSet on ${hub}`, placeHolder: 'A Fleet Bundle (listed with its GitRepo) or an Argo CD ApplicationSet with RollingSync', matchOnDescription: true });
  return pick;
}

export class WaveBoardPanel {
  private static readonly panels = new Map<string, WaveBoardPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private firstPending = 0;
  private lastKey = '';
  private seq = 0;
  private ready = false;
  private model: WaveBoard | undefined;
  private busy = false;
  private drilldown: DrilldownFeed | undefined;
  /** Bundle (Fleet) or ApplicationSet (Argo CD RollingSync); `bundle` holds the subject's name either way. */
  private kind: SubjectItem['subject'] = 'Bundle';

  static open(ext: vscode.ExtensionContext, session: ClusterSession, hub: string, namespace: string, bundle: string, log?: vscode.LogOutputChannel, restored?: vscode.WebviewPanel, kind: SubjectItem['subject'] = 'Bundle'): WaveBoardPanel {
    const key = panelKey(hub, namespace, kind);
    const existing = WaveBoardPanel.panels.get(key);
    if (existing) {
      existing.bundle = bundle;
      existing.panel.title = `Wave board: ${bundle}`;
      existing.lastKey = '';
      existing.rebuild();
      existing.panel.reveal();
      return existing;
    }
    const p = new WaveBoardPanel(ext, session, hub, namespace, bundle, log, restored, kind);
    WaveBoardPanel.panels.set(key, p);
    return p;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    ext: vscode.ExtensionContext,
    private readonly session: ClusterSession,
    private readonly hub: string,
    private readonly namespace: string,
    private bundle: string,
    private readonly log?: vscode.LogOutputChannel,
    restored?: vscode.WebviewPanel,
    kind: SubjectItem['subject'] = 'Bundle',
  ) {
    this.kind = kind;
    const dist = vscode.Uri.joinPath(ext.extensionUri, 'dist');
    const webviewOptions: vscode.WebviewOptions = {
      enableScripts: true,
      // Only the extension's bundled dist/ folder (VS Code takes folders here, a file root never
      // matches); the CSP below further allows just the two board assets' origin and a nonce'd script.
      localResourceRoots: [dist],
    };
    if (restored) {
      restored.webview.options = webviewOptions;
      restored.title = `Wave board: ${bundle}`;
    }
    this.panel = restored ?? vscode.window.createWebviewPanel(VIEW_TYPE, `Wave board: ${bundle}`, vscode.ViewColumn.Active, { ...webviewOptions, retainContextWhenHidden: false });
    this.panel.webview.html = boardHtml(this.panel.webview, dist, { title: 'Wave board', context: hub, loading: `Loading the wave board for ${bundle} on ${hub}…` });
    this.panel.onDidDispose(() => this.dispose(), null, this.disposables);
    this.panel.webview.onDidReceiveMessage((raw) => void this.onMessage(raw), null, this.disposables);
    this.panel.onDidChangeViewState(() => {
      // A panel shown again reloads its webview, which says `ready` and gets the current model.
      if (!this.panel.visible) this.ready = false;
    }, null, this.disposables);
    this.disposables.push(
      this.session.onDidChange((c) => {
        if (c.context === this.hub && this.resources.includes(c.resource)) this.schedule();
      }),
    );
    for (const r of this.resources) this.session.informer(this.hub, r);
    // The per-cluster drill-down: Rollouts read from the context named like the cluster, if watched.
    const feed = new DrilldownFeed(this.session, (data) => this.post({ type: 'drilldown', data }), { log: (line) => this.log?.warn(line) });
    this.drilldown = feed;
    this.disposables.push(feed);
    this.schedule();
  }

  /** Coalesces informer events: one rebuild after QUIET_MS of calm, or MAX_WAIT_MS after the first event. */
  private schedule(): void {
    const now = Date.now();
    if (!this.firstPending) this.firstPending = now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.firstPending + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.firstPending = 0;
      this.rebuild();
    }, wait);
  }

  private snapshot(): FleetHubSnapshot {
    return {
      context: this.hub,
      clusters: this.session.list(this.hub, 'fleetClusters'),
      clusterGroups: this.session.list(this.hub, 'clusterGroups'),
      bundles: this.session.list(this.hub, 'bundles'),
      bundleDeployments: this.session.list(this.hub, 'bundleDeployments'),
    };
  }

  private get resources(): ResourceKey[] {
    return this.kind === 'ApplicationSet' ? ROLLING_SYNC_RESOURCES : HUB_RESOURCES;
  }

  private rebuild(): void {
    const t0 = Date.now();
    const model =
      this.kind === 'ApplicationSet'
        ? rollingSyncBoardFromSession(this.session, this.hub, this.namespace, this.bundle, Date.now())
        : buildFleetBoard(this.snapshot(), this.namespace, this.bundle, {
            now: Date.now(),
            offlineAfterMs: (vscode.workspace.getConfiguration('fleetRollouts').get<number>('waveBoard.offlineAfterMinutes') ?? 30) * 60000,
          });
    if (!model) {
      const health = this.session.health(this.hub).resources.find((r) => r.error && this.resources.includes(r.resource) && r.resource !== 'applications');
      this.post({ type: 'status', level: health ? 'error' : 'info', text: health?.error?.message ?? `Waiting for ${this.kind} ${this.namespace}/${this.bundle} on ${this.hub}…` });
      return;
    }
    this.model = model;
    // The drill-down reads Fleet clusters' own contexts; RollingSync rows are Applications.
    this.drilldown?.setClusters(model.mode === 'fleet' ? model.clusters.map((c) => c.name) : []);
    const key = JSON.stringify({ ...model, at: 0 });
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.log?.debug(`wave board ${this.bundle}: model of ${model.clusters.length} clusters built in ${Date.now() - t0} ms`);
    if (this.ready) this.postModel();
  }

  private postModel(): void {
    if (this.model) this.post({ type: 'model', seq: ++this.seq, model: this.model });
  }

  private post(msg: ToWebview): void {
    void this.panel.webview.postMessage(msg);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) {
      this.log?.warn(`wave board: ignored a message from the webview that is not part of the protocol`);
      return;
    }
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (!this.model) this.rebuild();
        this.postModel();
        return;
      case 'drilldown':
        // Only a cluster of the board: the webview cannot make the extension look up arbitrary names.
        if (this.model?.clusters.some((c) => c.name === msg.cluster)) this.drilldown?.open(msg.cluster);
        return;
      case 'drilldownClose':
        this.drilldown?.open(undefined);
        return;
      case 'timing':
        this.log?.info(`wave board ${this.bundle}: ${msg.kind} render of ${msg.clusters} clusters in ${msg.ms.toFixed(1)} ms (model #${msg.seq})`);
        return;
      case 'selectBundle':
        if (this.model?.siblings.includes(msg.name)) {
          this.bundle = msg.name;
          this.panel.title = `Wave board: ${msg.name}`;
          this.lastKey = '';
          this.rebuild();
        }
        return;
      case 'action':
        if (this.kind === 'Bundle') await this.act(msg.action);
        return;
      case 'refresh':
        for (const r of this.resources) this.session.relist(this.hub, r);
        this.post({ type: 'actionResult', ok: true, text: `Listing ${this.resources.join(', ')} on ${this.hub} again…` });
        return;
      case 'openRollout':
        this.openRollout(msg.application, msg.namespace, msg.name);
        return;
    }
  }

  /** Only a Rollout the board lists inside one of its Applications (the webview cannot name others). */
  private openRollout(application: string, namespace: string, name: string): void {
    const app = this.model?.clusters.find((c) => c.name === application)?.app;
    if (!app?.rollouts.some((r) => r.namespace === namespace && r.name === name)) return;
    if (!revealRollout) {
      void vscode.window.showInformationMessage(`Fleet Rollouts: Rollout ${namespace}/${name} runs on ${app.destination.name || app.destination.server}; watch that context to see it in the Rollouts view.`);
      return;
    }
    revealRollout({ namespace, name });
  }

  private async act(action: BoardAction): Promise<void> {
    if (this.busy) return;
    if (!vscode.workspace.isTrusted) {
      this.post({ type: 'actionResult', ok: false, text: 'Actions are disabled in an untrusted workspace.' });
      return;
    }
    const model = this.model;
    if (!model) return;
    const ref: FleetObjectRef = { kind: 'Bundle', namespace: this.namespace, name: this.bundle };
    const plan = planAction(action, ref, model.subject.forceSyncGeneration);
    const title = ACTION_TITLES[action];
    const effect =
      action === 'pause'
        ? 'BundleDeployments keep being staged but are not promoted; agents skip paused BundleDeployments.'
        : action === 'unpause'
          ? `Fleet resumes promoting staged BundleDeployments, subject to the rollout strategy. ${model.next}`
          : 'A new forceSyncGeneration gives every target a new DeploymentID: every cluster redeploys, subject to the rollout strategy (partitions, maxUnavailable).';
    const lines = [
      `Context: ${this.hub} (only this context is contacted)`,
      `Object: bundles.fleet.cattle.io ${this.namespace}/${this.bundle}`,
      `Request: ${plan.kubectl}${action === 'forceUpdate' ? ' (generation read again just before sending)' : ''}`,
      `Touches: ${model.clusters.length} targeted clusters in ${model.waves.length} partitions (${model.counts.offline} offline).`,
      effect,
    ];
    if (model.subject.gitRepo) lines.push(`Note: this Bundle belongs to GitRepo ${model.subject.gitRepo}; its next gitjob run rewrites the Bundle's spec (paused, forceSyncGeneration come from the GitRepo and fleet.yaml).`);
    const ok = await vscode.window.showWarningMessage(`${title} Bundle ${this.bundle} on context "${this.hub}"?`, { modal: true, detail: lines.join('\n') }, title);
    if (ok !== title) return;
    this.busy = true;
    try {
      const sent = await runAction(this.session.configFor(this.hub), action, ref);
      this.log?.info(`wave board: ${sent.kubectl} (context ${this.hub})`);
      this.post({ type: 'actionResult', ok: true, text: `${title}: sent to ${this.hub}: ${JSON.stringify(sent.body)}` });
      this.session.relist(this.hub, 'bundles');
    } catch (err) {
      const text = (err as Error).message;
      this.log?.error(`wave board: ${title} ${this.bundle} on ${this.hub} failed: ${text}`);
      this.post({ type: 'actionResult', ok: false, text });
      void vscode.window.showErrorMessage(`Fleet Rollouts: ${title} failed: ${text}`);
    } finally {
      this.busy = false;
    }
  }

  private dispose(): void {
    WaveBoardPanel.panels.delete(panelKey(this.hub, this.namespace, this.kind));
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

let revealRollout: WaveBoardOptions['revealRollout'];

function panelKey(hub: string, namespace: string, kind: SubjectItem['subject']): string {
  return `${hub}\u0000${namespace}${kind === 'Bundle' ? '' : `\u0000${kind}`}`;
}

/**
 * The wave board of a WavePlan: the same webview as the Fleet board (dist/board.js, mode
 * `directWaves`), fed with the executor's view of the plan's contexts — read every few seconds
 * while the panel is open, and after every step of a running plan. Approve and Abort plan from the
 * webview go through the same modal confirmations as the commands. Same CSP as the Fleet board.
 */
import * as vscode from 'vscode';
import type { Decision } from '../../../server/src/semantics/waves';
import { boardHtml } from '../board/webview-html';
import { buildDirectWavesBoard } from '../board/model/direct-waves';
import { parseFromWebview, type ToWebview } from '../board/model/protocol';
import type { WaveBoard } from '../board/model/types';
import type { WaveExecutor } from './executor';
import { abortWithConfirmation, approveWithConfirmation } from './person';

const VIEW_TYPE = 'fleetRollouts.wavePlanBoard';
/** How often an open board reads the plan's contexts (reads only; nothing is sent). */
const REFRESH_MS = 4000;

export class DirectWavesPanel {
  private static readonly panels = new Map<string, DirectWavesPanel>();
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private model: WaveBoard | undefined;
  private lastKey = '';
  private seq = 0;
  private ready = false;
  private busy = false;

  static open(ext: vscode.ExtensionContext, executor: WaveExecutor, log?: vscode.LogOutputChannel): DirectWavesPanel {
    const existing = DirectWavesPanel.panels.get(executor.plan.name);
    if (existing) {
      existing.executor = executor;
      existing.panel.reveal();
      void existing.refresh();
      return existing;
    }
    const p = new DirectWavesPanel(ext, executor, log);
    DirectWavesPanel.panels.set(executor.plan.name, p);
    return p;
  }

  /** A running plan's decisions, shown at once on its board when one is open. */
  static show(planName: string, decision: Decision): void {
    DirectWavesPanel.panels.get(planName)?.update(decision);
  }

  private constructor(
    ext: vscode.ExtensionContext,
    private executor: WaveExecutor,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    const dist = vscode.Uri.joinPath(ext.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Wave plan: ${executor.plan.name}`, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [dist] });
    const contexts = executor.plan.waves.flatMap((x) => x.targets.map((t) => t.context)).join(',');
    this.panel.webview.html = boardHtml(this.panel.webview, dist, { title: `Wave plan ${executor.plan.name}`, context: contexts, loading: `Reading the contexts of wave plan ${executor.plan.name}…` });
    this.panel.onDidDispose(() => this.dispose(), null, this.disposables);
    this.panel.webview.onDidReceiveMessage((raw) => void this.onMessage(raw), null, this.disposables);
    this.panel.onDidChangeViewState(() => {
      if (!this.panel.visible) this.ready = false;
    }, null, this.disposables);
    this.timer = setInterval(() => void (this.panel.visible && this.refresh()), REFRESH_MS);
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    try {
      this.update(await this.executor.observe());
    } catch (err) {
      this.post({ type: 'status', level: 'error', text: (err as Error).message });
    }
  }

  private update(decision: Decision): void {
    const model = buildDirectWavesBoard(this.executor.plan, decision, Date.now());
    this.model = model;
    const key = JSON.stringify({ ...model, at: 0 });
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (this.ready) this.post({ type: 'model', seq: ++this.seq, model });
  }

  private post(msg: ToWebview): void {
    void this.panel.webview.postMessage(msg);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (this.model) this.post({ type: 'model', seq: ++this.seq, model: this.model });
        else void this.refresh();
        return;
      case 'refresh':
        void this.refresh();
        return;
      case 'approveWave':
      case 'abortWavePlan':
        await this.act(msg.type === 'approveWave' ? msg.wave : undefined);
        return;
      default:
        return;
    }
  }

  /** Approve (a wave index) or abort (undefined), only from a trusted workspace and one at a time. */
  private async act(wave: number | undefined): Promise<void> {
    if (this.busy) return;
    if (!vscode.workspace.isTrusted) {
      this.post({ type: 'actionResult', ok: false, text: 'Actions are disabled in an untrusted workspace.' });
      return;
    }
    this.busy = true;
    try {
      const decision = await this.executor.observe();
      // Only what the board offers now: the webview cannot approve a wave that is not waiting.
      const offered = wave === undefined ? this.model?.directWaves?.abortable : this.model?.waves[wave]?.directWave?.approvable;
      if (!offered) return;
      const sentence = wave === undefined ? await abortWithConfirmation(this.executor, decision, this.log) : await approveWithConfirmation(this.executor, wave, this.log);
      if (sentence) this.post({ type: 'actionResult', ok: true, text: sentence });
      await this.refresh();
    } catch (err) {
      this.post({ type: 'actionResult', ok: false, text: (err as Error).message });
    } finally {
      this.busy = false;
    }
  }

  private dispose(): void {
    DirectWavesPanel.panels.delete(this.executor.plan.name);
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Runs a plan: read the plan's contexts, decide (server/src/semantics/waves), ask a person before
 * the first release of a wave, send. Keeps no state of its own — everything it needs is read back
 * from the Rollouts' annotations — so a new instance (a restarted editor, a colleague's) continues
 * the same plan. No `vscode` here: the commands, the board and the tests share it.
 */
import { abortPlan, approveWave, decide, type Decision, type PlanTarget, type PlanWave, type WaveAction, type WavePlan } from '../../../server/src/semantics/waves';
import { readPlanState, type ConfigFor } from './live-state';
import { sendAction, type SentAction } from './send';

export interface ExecutorOptions {
  configFor: ConfigFor;
  /** Asked once before a wave's first release; false sends nothing this step. */
  confirm: (question: string, wave: PlanWave, targets: PlanTarget[]) => Promise<boolean>;
  now?: () => number;
  log?: (line: string) => void;
}

export interface StepResult {
  decision: Decision;
  sent: SentAction[];
  /** Actions that failed, with the cluster's message. */
  errors: string[];
  /** A person declined the wave's confirmation. */
  declined?: boolean;
}

/** "Promote wave europe: checkout in edge-eu-1/payments, edge-us-1/payments?" */
export function confirmQuestion(plan: WavePlan, wave: PlanWave, targets: PlanTarget[]): string {
  return `Promote wave ${wave.name}: ${plan.rollout.name} in ${targets.map((t) => `${t.context}/${t.namespace}`).join(', ')}?`;
}

const FINAL: ReadonlySet<Decision['status']> = new Set(['done', 'failed', 'aborted']);
export const isFinal = (d: Decision): boolean => FINAL.has(d.status) && d.actions.length === 0;

export class WaveExecutor {
  private readonly now: () => number;

  constructor(
    readonly plan: WavePlan,
    private readonly options: ExecutorOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** What the plan's contexts say now, decided but not sent. */
  async observe(): Promise<Decision> {
    return decide({ plan: this.plan, observations: await readPlanState(this.plan, this.options.configFor), now: this.now() });
  }

  /** One round: observe, decide, confirm a new wave, send. */
  async step(): Promise<StepResult> {
    const decision = await this.observe();
    if (decision.confirm) {
      const wave = this.plan.waves[decision.confirm.wave];
      const ok = await this.options.confirm(confirmQuestion(this.plan, wave, decision.confirm.targets), wave, decision.confirm.targets);
      if (!ok) {
        this.options.log?.(`wave ${wave.name}: not confirmed, nothing sent`);
        return { decision, sent: [], errors: [], declined: true };
      }
    }
    const sent = await this.send(decision.actions);
    // That decision waited for the confirmation just given: what the released wave looks like now is
    // read again, so the board and the notification do not keep saying it waits for a person.
    return { decision: decision.confirm ? await this.observe() : decision, ...sent };
  }

  /** Rounds until the plan is done, failed or aborted, `stop` says so, or the signal fires. */
  async run(options: { intervalMs: number; signal?: AbortSignal; onStep?: (r: StepResult) => void; stop?: (r: StepResult) => boolean }): Promise<StepResult> {
    for (;;) {
      const result = await this.step();
      options.onStep?.(result);
      if (result.declined || isFinal(result.decision) || options.stop?.(result) || options.signal?.aborted) return result;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs);
        options.signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
      if (options.signal?.aborted) return result;
    }
  }

  /** Records `user`'s approval of the active wave on its Rollouts. */
  async approve(waveIndex: number, user: string): Promise<{ ok: boolean; sentence: string; sent: SentAction[]; errors: string[] }> {
    const r = approveWave(this.plan, await this.observe(), waveIndex, user);
    if (!r.ok) return { ok: false, sentence: r.sentence, sent: [], errors: [] };
    return { ok: true, sentence: r.sentence, ...(await this.send(r.actions)) };
  }

  /** Aborts every Rollout of the plan not yet Healthy and records the stop. */
  async abort(user: string): Promise<{ ok: boolean; sentence: string; sent: SentAction[]; errors: string[] }> {
    const r = abortPlan(this.plan, await this.observe(), user);
    if (!r.ok) return { ok: false, sentence: r.sentence, sent: [], errors: [] };
    return { ok: true, sentence: r.sentence, ...(await this.send(r.actions)) };
  }

  /** In order; after a failure, later actions on the same target are skipped (a promote must not follow a failed release). */
  private async send(actions: WaveAction[]): Promise<{ sent: SentAction[]; errors: string[] }> {
    const sent: SentAction[] = [];
    const errors: string[] = [];
    const broken = new Set<string>();
    const now = this.now();
    for (const action of actions) {
      const key = `${action.target.context}/${action.target.namespace}`;
      if (broken.has(key)) continue;
      try {
        const s = await sendAction(this.plan, action, this.options.configFor, now);
        sent.push(s);
        this.options.log?.(s.text);
      } catch (err) {
        broken.add(key);
        errors.push(`${key}: ${(err as Error).message}`);
        this.options.log?.(`failed: ${key}: ${(err as Error).message}`);
      }
    }
    return { sent, errors };
  }
}

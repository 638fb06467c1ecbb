/**
 * What the executor asks a client to send. Every action names one target of the plan, so a
 * client can only ever reach the contexts the plan lists.
 */
import type { RecordUpdate } from './annotations';
import type { Gate, PlanTarget } from './plan';

export type AnalysisGate = Extract<Gate, { kind: 'analysis' }>;

export type WaveAction =
  /** Write the release record: from now on the plan promotes this target. */
  | { kind: 'release'; target: PlanTarget; wave: string; revision: string }
  /** `kubectl argo rollouts promote [--full]`. */
  | { kind: 'promote'; target: PlanTarget; full: boolean }
  /** `kubectl argo rollouts abort`. */
  | { kind: 'abort'; target: PlanTarget }
  /** `kubectl argo rollouts pause`. */
  | { kind: 'pause'; target: PlanTarget }
  /** Write part of the plan's record (gate start, approval, stop). */
  | { kind: 'record'; target: PlanTarget; revision: string; update: RecordUpdate; fresh: boolean }
  /** Create the AnalysisRun of an analysis gate from its template, in the target's namespace. */
  | { kind: 'startAnalysis'; target: PlanTarget; runName: string; gate: AnalysisGate };

const DNS_LABEL_MAX = 63;

/**
 * The AnalysisRun of a gate in one context: named after plan, wave, gate and revision, so it is
 * found again after a restart and a new revision gets a new run.
 */
export function analysisRunName(plan: string, wave: string, gateIndex: number, revision: string): string {
  const tail = `-g${gateIndex}-${revision || 'none'}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const head = `${plan}-${wave}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '');
  return `${head.slice(0, DNS_LABEL_MAX - tail.length).replace(/-+$/, '')}${tail}`;
}

/** `promote edge-eu-1/payments`, for logs and confirmations. */
export function describeAction(a: WaveAction): string {
  const where = `${a.target.context}/${a.target.namespace}/${a.target.name}`;
  switch (a.kind) {
    case 'release':
      return `release ${where} (wave ${a.wave})`;
    case 'promote':
      return `promote${a.full ? ' --full' : ''} ${where}`;
    case 'abort':
    case 'pause':
      return `${a.kind} ${where}`;
    case 'record':
      return `record ${Object.keys(a.update).join(', ')} on ${where}`;
    case 'startAnalysis':
      return `create AnalysisRun ${a.runName} from ${a.gate.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate'} ${a.gate.templateName} in ${where}`;
  }
}

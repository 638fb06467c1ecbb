/**
 * Where a plan's progress lives: annotations on the Rollout in each context, so it survives a
 * restart of the editor and a second person sees the same state. Every record names the plan and
 * the revision (`status.currentPodHash`) it is about; a record of another plan or an older
 * revision is ignored, so a new update starts the plan from its first wave.
 */
import { annotationOf, strAt, type KubeObject } from '../status/objects';

const PREFIX = 'fleetrollouts.dev/';

export const ANNOTATIONS = {
  plan: `${PREFIX}wave-plan`,
  revision: `${PREFIX}wave-revision`,
  /** Name of the wave that released this context (it may be promoted). */
  wave: `${PREFIX}wave`,
  releasedAt: `${PREFIX}released-at`,
  /** When the wave was first seen healthy: bake gates count from here. */
  gateStartedAt: `${PREFIX}gate-started-at`,
  approvedBy: `${PREFIX}approved-by`,
  approvedAt: `${PREFIX}approved-at`,
  /** `failed` or `aborted`: the plan stopped and sends nothing more for this revision. */
  planState: `${PREFIX}wave-plan-state`,
  planStateReason: `${PREFIX}wave-plan-state-reason`,
} as const;

export type PlanStop = 'failed' | 'aborted';

/** What one context's annotations say about the plan, for the revision it is rolling out now. */
export interface TargetRecord {
  revision: string;
  releasedBy?: string;
  releasedAt?: number;
  gateStartedAt?: number;
  approvedBy?: string;
  approvedAt?: number;
  stop?: PlanStop;
  stopReason?: string;
}

const time = (v: string | undefined): number | undefined => {
  if (!v) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
};

/** The revision a Rollout is rolling out (or has rolled out): its current pod-template hash. */
export const revisionOf = (rollout: KubeObject): string => strAt(rollout, 'status', 'currentPodHash');

/** The record of `plan` on this Rollout, or undefined when there is none for its current revision. */
export function readRecord(rollout: KubeObject, plan: string): TargetRecord | undefined {
  const revision = revisionOf(rollout);
  if (annotationOf(rollout, ANNOTATIONS.plan) !== plan || !revision || annotationOf(rollout, ANNOTATIONS.revision) !== revision) return undefined;
  const stop = annotationOf(rollout, ANNOTATIONS.planState);
  return {
    revision,
    releasedBy: annotationOf(rollout, ANNOTATIONS.wave) || undefined,
    releasedAt: time(annotationOf(rollout, ANNOTATIONS.releasedAt)),
    gateStartedAt: time(annotationOf(rollout, ANNOTATIONS.gateStartedAt)),
    approvedBy: annotationOf(rollout, ANNOTATIONS.approvedBy) || undefined,
    approvedAt: time(annotationOf(rollout, ANNOTATIONS.approvedAt)),
    stop: stop === 'failed' || stop === 'aborted' ? stop : undefined,
    stopReason: annotationOf(rollout, ANNOTATIONS.planStateReason),
  };
}

export type RecordUpdate = { released: string } | { gateStartedAt: number } | { approvedBy: string } | { stop: PlanStop; reason: string };

/** RFC 3339 in whole seconds, as Kubernetes writes times. */
export const rfc3339 = (ms: number): string => `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;

/**
 * The annotations one update writes. Plan and revision are always written with it, so a record
 * can never be read as belonging to another plan or revision. `fresh` (no record of this revision
 * yet, and always for a release) clears whatever an earlier revision left behind.
 */
export function recordAnnotations(plan: string, revision: string, update: RecordUpdate, now: number, fresh: boolean): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (fresh || 'released' in update) for (const key of Object.values(ANNOTATIONS)) out[key] = null;
  Object.assign(out, { [ANNOTATIONS.plan]: plan, [ANNOTATIONS.revision]: revision });
  if ('released' in update) {
    out[ANNOTATIONS.wave] = update.released;
    out[ANNOTATIONS.releasedAt] = rfc3339(now);
  } else if ('gateStartedAt' in update) {
    out[ANNOTATIONS.gateStartedAt] = rfc3339(update.gateStartedAt);
  } else if ('approvedBy' in update) {
    out[ANNOTATIONS.approvedBy] = update.approvedBy;
    out[ANNOTATIONS.approvedAt] = rfc3339(now);
  } else {
    out[ANNOTATIONS.planState] = update.stop;
    out[ANNOTATIONS.planStateReason] = update.reason;
  }
  return out;
}

/** The JSON merge patch (RFC 7386) that writes annotations and touches nothing else of the object. */
export function annotationMergePatch(annotations: Record<string, string | null>): string {
  return JSON.stringify({ metadata: { annotations } });
}

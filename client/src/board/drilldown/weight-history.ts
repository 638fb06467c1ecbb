/**
 * Canary weight over time, sampled from Rollout informer updates while a wave board is open: the
 * API keeps no history of weights, so this is the only record. Bounded twice: at most
 * `maxSamples` per rollout (oldest dropped) and `maxRollouts` rollouts (least recently updated
 * dropped), so a long-open board on a busy fleet keeps a fixed size.
 */
import type { WeightSample } from './types';

export interface WeightHistoryOptions {
  maxSamples?: number;
  maxRollouts?: number;
  /** An unchanged weight is recorded again after this long, so the line reaches the present. */
  refreshMs?: number;
}

export const DEFAULT_MAX_SAMPLES = 240;
export const DEFAULT_MAX_ROLLOUTS = 64;
const DEFAULT_REFRESH_MS = 60_000;

/** `context/namespace/name`: one rollout of one cluster. */
export const rolloutKey = (context: string, namespace: string, name: string): string => `${context}/${namespace}/${name}`;

export class WeightHistory {
  private readonly series = new Map<string, WeightSample[]>();
  private readonly maxSamples: number;
  private readonly maxRollouts: number;
  private readonly refreshMs: number;

  constructor(options: WeightHistoryOptions = {}) {
    this.maxSamples = Math.max(2, options.maxSamples ?? DEFAULT_MAX_SAMPLES);
    this.maxRollouts = Math.max(1, options.maxRollouts ?? DEFAULT_MAX_ROLLOUTS);
    this.refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
  }

  /** Records a sample unless it repeats the last one within `refreshMs`; returns whether it was kept. */
  record(key: string, sample: WeightSample): boolean {
    let list = this.series.get(key);
    const last = list?.[list.length - 1];
    if (last && sample.t < last.t) return false;
    if (last && last.setWeight === sample.setWeight && last.actualWeight === sample.actualWeight && sample.t - last.t < this.refreshMs) return false;
    if (!list) list = [];
    // Re-inserting moves the key to the end: Map order is then least recently updated first.
    this.series.delete(key);
    this.series.set(key, list);
    list.push(sample);
    if (list.length > this.maxSamples) list.splice(0, list.length - this.maxSamples);
    while (this.series.size > this.maxRollouts) this.series.delete(this.series.keys().next().value as string);
    return true;
  }

  /** The samples of one rollout, oldest first (a copy). */
  samples(key: string): WeightSample[] {
    return [...(this.series.get(key) ?? [])];
  }

  get size(): number {
    return this.series.size;
  }

  clear(): void {
    this.series.clear();
  }
}

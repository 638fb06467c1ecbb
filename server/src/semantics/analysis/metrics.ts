/**
 * ValidateMetrics / ValidateMetric of utils/analysis/factory.go (argo-rollouts.md §1.7), run on a
 * metric whose placeholders are resolved with what is statically known. A rule that needs a value
 * not known here (an arg the Rollout passes) is skipped rather than guessed.
 */
import { parseDurationSeconds } from '../go/duration';
import { intValue, stringValue } from './placeholders';
import { providersOf, type Obj, type SpecMetric } from './spec';

export interface MetricIssue {
  /** ValidateMetric's message, verbatim (without the `metrics[i]: ` prefix). */
  message: string;
  /** The metric key the issue is about, to place the finding. */
  field: string;
}

type Num = { known: true; value: number; present: boolean } | { known: false; present: true };

function numberField(metric: Obj, key: string, values: ReadonlyMap<string, string | undefined>): Num {
  const v = metric[key];
  if (v === undefined || v === null) return { known: true, value: 0, present: false };
  const n = intValue(v, values);
  return n === undefined ? { known: false, present: true } : { known: true, value: n, present: true };
}

/** The first error ValidateMetric returns for this metric, or undefined. */
export function validateMetric(metric: Obj, values: ReadonlyMap<string, string | undefined>): MetricIssue | undefined {
  const count = numberField(metric, 'count', values);
  const fl = numberField(metric, 'failureLimit', values);
  const csl = numberField(metric, 'consecutiveSuccessLimit', values);
  const il = numberField(metric, 'inconclusiveLimit', values);
  const cel = numberField(metric, 'consecutiveErrorLimit', values);
  const val = (n: Num) => (n.known ? n.value : undefined);
  const c = val(count);
  const f = val(fl);
  const s = val(csl);
  const i = val(il);

  if (s !== undefined && s < 0) return { message: 'consecutiveSuccessLimit must be >= 0', field: 'consecutiveSuccessLimit' };
  if (f !== undefined && f < -1) return { message: 'failureLimit must be >= 0, or -1 to be disabled', field: 'failureLimit' };
  if (s === 0 && f === -1) return { message: 'failureLimit and consecutiveSuccessLimit cannot both be disabled', field: 'failureLimit' };
  if (i !== undefined && i < 0) return { message: 'inconclusiveLimit must be >= 0', field: 'inconclusiveLimit' };
  if (cel.present && cel.known && cel.value < 0) return { message: 'consecutiveErrorLimit must be >= 0', field: 'consecutiveErrorLimit' };
  if (c !== undefined && c > 0) {
    if (s !== undefined && f !== undefined) {
      if (s >= 0 && f >= 0 && c < f + s) return { message: `count (${c}) must be >= failureLimit + consecutiveSuccessLimit (${f} + ${s}) if both >= 0`, field: 'count' };
      if (s >= 0 && f < 0 && c < s) return { message: 'count must be >= consecutiveSuccessLimit', field: 'count' };
    }
    if (i !== undefined && c < i) return { message: 'count must be >= inconclusiveLimit', field: 'count' };
  }
  const interval = metric.interval;
  const intervalEmpty = interval === undefined || interval === null || interval === '';
  if (c !== undefined && c > 1 && intervalEmpty) return { message: 'interval must be specified when count > 1', field: 'count' };
  if (!intervalEmpty) {
    const text = stringValue(interval, values);
    if (text !== undefined) {
      const d = parseDurationSeconds(text);
      if (d.error) return { message: `invalid interval string: ${d.error}`, field: 'interval' };
    }
  }
  const initialDelay = metric.initialDelay;
  if (initialDelay !== undefined && initialDelay !== null && initialDelay !== '') {
    const text = stringValue(initialDelay, values);
    if (text !== undefined) {
      const d = parseDurationSeconds(text);
      if (d.error) return { message: `invalid startDelay string: ${d.error}`, field: 'initialDelay' };
    }
  }
  const providers = providersOf(metric);
  if (providers.length === 0) return { message: 'no provider specified', field: 'provider' };
  if (providers.length > 1) return { message: 'multiple providers specified', field: 'provider' };
  return undefined;
}

export interface MetricsIssue extends MetricIssue {
  /** The metric at fault (the second one for a duplicate name). */
  metric?: SpecMetric;
  /** `metrics[<i>]: <message>` or `no metrics specified`, as ValidateMetrics returns it. */
  full: string;
}

/**
 * Every error ValidateMetrics would return, one per metric (upstream stops at the first; an
 * editor lists them all).
 */
export function validateMetrics(metrics: readonly SpecMetric[], values: ReadonlyMap<string, string | undefined>): MetricsIssue[] {
  if (metrics.length === 0) return [{ message: 'no metrics specified', field: 'metrics', full: 'no metrics specified' }];
  const out: MetricsIssue[] = [];
  const seen = new Set<string>();
  for (const m of metrics) {
    const name = m.name ?? '';
    if (seen.has(name)) {
      const message = `duplicate name '${name}'`;
      out.push({ message, field: 'name', metric: m, full: `metrics[${m.index}]: ${message}` });
      continue;
    }
    seen.add(name);
    const issue = validateMetric(m.metric, values);
    if (issue) out.push({ ...issue, metric: m, full: `metrics[${m.index}]: ${issue.message}` });
  }
  return out;
}

/**
 * EffectiveCount (analysis_types.go): 1 without count and interval, undefined (runs until stopped)
 * with an interval and no count or a count of 0, else the count. `unknown` when count is an arg
 * whose value is not known here.
 */
export function effectiveCount(metric: Obj, values: ReadonlyMap<string, string | undefined>): number | undefined | 'unknown' {
  const count = numberField(metric, 'count', values);
  const interval = metric.interval;
  const hasInterval = interval !== undefined && interval !== null && interval !== '';
  if (!count.known) return 'unknown';
  if (count.value === 0) return hasInterval ? undefined : 1;
  return count.value;
}

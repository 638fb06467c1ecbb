/**
 * A Rollout's AnalysisRuns for the drill-down charts: per metric, its measurements as numbers
 * over time and the threshold lines of its conditions. Ownership and revisions come from the
 * plugin's algorithm (`RolloutInfo.analysisRuns`, argo-rollouts.md §4.4); the measurements from
 * the run's `status.metricResults`, the first result of a metric's name as upstream reads it.
 */
import type { AnalysisRunInfo } from '../../../../server/src/semantics/status';
import { asString, at, intAt, listAt, strAt, timeAt, uidOf } from '../../../../server/src/semantics/status/objects';
import { measurementNumber, metricThresholds } from './thresholds';
import type { AnalysisRunView, MeasurementPoint, MetricView } from './types';

/** Runs shown per rollout: the newest few are what a canary decision hangs on. */
export const MAX_RUNS = 3;
/** Measurements per metric (AnalysisRuns keep 10 by default, `measurementRetention` more). */
export const MAX_MEASUREMENTS = 100;

function intOrZero(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

function measurementPoints(result: unknown): MeasurementPoint[] {
  const points: MeasurementPoint[] = [];
  for (const m of listAt(result, 'measurements')) {
    const t = timeAt(m, 'finishedAt') ?? timeAt(m, 'startedAt');
    if (t === undefined) continue;
    const raw = strAt(m, 'value');
    points.push({ t, value: measurementNumber(raw), raw, phase: strAt(m, 'phase') });
  }
  return points.slice(-MAX_MEASUREMENTS);
}

function metricView(spec: unknown, results: readonly unknown[]): MetricView {
  const name = strAt(spec, 'name');
  const result = results.find((r) => strAt(r, 'name') === name);
  const successCondition = strAt(spec, 'successCondition');
  const failureCondition = strAt(spec, 'failureCondition');
  const { thresholds, exact } = metricThresholds(successCondition, failureCondition);
  return {
    name,
    phase: strAt(result, 'phase'),
    successCondition,
    failureCondition,
    thresholds,
    thresholdsExact: exact,
    failureLimit: intOrZero(at(spec, 'failureLimit')),
    count: intOrZero(at(spec, 'count')),
    successful: intAt(result, 'successful'),
    failed: intAt(result, 'failed'),
    inconclusive: intAt(result, 'inconclusive'),
    error: intAt(result, 'error'),
    measurements: result ? measurementPoints(result) : [],
    message: asString(at(result, 'message')),
  };
}

/** The newest `MAX_RUNS` runs of the rollout (as the plugin attributes them), newest first. */
export function analysisRunViews(infos: readonly AnalysisRunInfo[], rawRuns: readonly unknown[]): AnalysisRunView[] {
  const byUid = new Map(rawRuns.map((r) => [uidOf(r), r]));
  return [...infos]
    .sort((a, b) => b.revision - a.revision || (b.creationTimestamp ?? 0) - (a.creationTimestamp ?? 0) || b.name.localeCompare(a.name))
    .slice(0, MAX_RUNS)
    .map((info) => {
      const raw = byUid.get(info.uid);
      const results = listAt(raw, 'status', 'metricResults');
      return {
        name: info.name,
        phase: info.status,
        message: info.message,
        revision: info.revision,
        created: info.creationTimestamp ?? 0,
        metrics: listAt(raw, 'spec', 'metrics').map((spec) => metricView(spec, results)),
      };
    });
}

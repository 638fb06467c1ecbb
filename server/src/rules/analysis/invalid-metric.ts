import { K } from '../../engine/kinds';
import { validateMetrics } from '../../semantics/analysis/metrics';
import { knownArgValues } from '../../semantics/analysis/placeholders';
import { ANALYSIS_KINDS, argsOf, isObj, metricsOf, specOf } from '../../semantics/analysis/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'analysis/invalid-metric',
  description: 'A metric the analysis controller rejects (count / interval / failureLimit / inconclusiveLimit / consecutiveErrorLimit combinations, durations, providers, duplicate names): the AnalysisRun ends in Error and the Rollout aborts.',
  severity: 'error',
  appliesTo: ANALYSIS_KINDS,
  upstream: 'utils/analysis/factory.go ValidateMetrics/ValidateMetric, analysis/analysis.go reconcileAnalysisRun: "Analysis spec invalid: metrics[<i>]: …" (argo-rollouts.md §1.7)',
  check(object, ctx) {
    const spec = specOf(object);
    if (!spec) return;
    const run = object.typeId === K.AnalysisRun;
    const metrics = metricsOf(spec);
    // Templates may hold only args or nested templates; an empty list matters on a run only.
    if (metrics.length === 0 && !(run && Array.isArray(spec.metrics))) return;
    const values = knownArgValues(argsOf(spec));
    for (const issue of validateMetrics(metrics, values)) {
      // A missing provider is the schema's finding (provider is required); `provider: {}` is this rule's.
      if (issue.message === 'no provider specified' && issue.metric && !isObj(issue.metric.metric.provider)) continue;
      const upstream = `Analysis spec invalid: ${issue.full}`;
      const consequence = run ? 'the AnalysisRun ends in Error' : 'every AnalysisRun created from this template ends in Error and the Rollout using it aborts';
      ctx.report({
        path: issue.metric ? [...issue.metric.path, issue.field] : ['spec', 'metrics'],
        onKey: true,
        message: `${upstream}: ${consequence}.${hint(issue.message)}`,
      });
    }
  },
};

function hint(message: string): string {
  if (message.startsWith('interval must be specified')) return ' Set interval (e.g. 1m) so the measurements are spread over time.';
  if (message.startsWith('invalid interval string') || message.startsWith('invalid startDelay string')) return ' Durations are Go durations: a number with a unit (ns, us, ms, s, m, h), e.g. 30s, 5m, 1h30m; days are not a unit.';
  if (message.startsWith('multiple providers')) return ' Split the providers into separate metrics.';
  if (message.startsWith('duplicate name')) return ' Metric names must be unique.';
  return '';
}

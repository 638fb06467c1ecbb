import { analyzePromql } from '../../semantics/promql/promql';
import { ANALYSIS_KINDS, metricsOf, prometheusOf, specOf } from '../../semantics/analysis/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'analysis/invalid-promql',
  description: 'A prometheus provider query that Prometheus rejects (syntax error, a range where an instant vector is needed or the reverse): every measurement ends in Error.',
  severity: 'error',
  appliesTo: ANALYSIS_KINDS,
  upstream: 'metricproviders/prometheus/prometheus.go Run: the query error from the Prometheus API becomes the measurement Error (argo-rollouts.md §1.6.5, §2.3); grammar: @prometheus-io/lezer-promql, type rules of prometheus/promql/parser',
  check(object, ctx) {
    for (const m of metricsOf(specOf(object))) {
      const query = prometheusOf(m.metric)?.query;
      if (typeof query !== 'string') continue;
      const limit = typeof m.metric.consecutiveErrorLimit === 'number' ? m.metric.consecutiveErrorLimit : 4;
      for (const p of analyzePromql(query).problems) {
        ctx.report({
          path: [...m.path, 'provider', 'prometheus', 'query'],
          span: [p.start, Math.max(p.end, p.start + 1)],
          message: `The prometheus query of metric '${m.name ?? ''}' is not valid PromQL: ${p.message}. Prometheus rejects it, so every measurement ends in Error and after ${limit + 1} in a row (consecutiveErrorLimit ${limit}) the AnalysisRun errors and the Rollout aborts.`,
        });
      }
    }
  },
};

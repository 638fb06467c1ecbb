import { analyzePromql } from '../../semantics/promql/promql';
import { cleanCondition, resultUses } from '../../semantics/analysis/result-usage';
import { ANALYSIS_KINDS, metricsOf, prometheusOf, specOf } from '../../semantics/analysis/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'analysis/condition-result-shape',
  description: 'A condition that treats result as a number when the Prometheus query returns a vector (result is a list), or as a list when the query returns a scalar: the condition cannot evaluate.',
  severity: 'error',
  appliesTo: ANALYSIS_KINDS,
  upstream: 'metricproviders/prometheus/prometheus.go processResponse (scalar → float64, vector/matrix → []float64) and utils/evaluate/evaluate.go EvalCondition: expr types result from its value, so a mismatch fails every evaluation (argo-rollouts.md §2.1, §2.3)',
  check(object, ctx) {
    for (const m of metricsOf(specOf(object))) {
      const prom = prometheusOf(m.metric);
      if (!prom || typeof prom.query !== 'string') continue;
      const type = analyzePromql(prom.query).valueType;
      if (type === 'unknown' || type === 'string') continue;
      const list = type === 'vector' || type === 'matrix';
      for (const field of ['successCondition', 'failureCondition'] as const) {
        const ast = cleanCondition(m.metric[field]);
        if (!ast) continue;
        const wrong = resultUses(ast).find((u) => (list ? u.as === 'number' : u.as === 'list'));
        if (!wrong) continue;
        const shape = list
          ? `the query returns ${type === 'vector' ? 'an instant vector' : 'a range vector'}, so result is a list of numbers ([]float64, one per ${type === 'vector' ? 'series' : 'sample'}), and ${wrong.what} treats it as one number. Use result[0] (or all(result, {# …}) for every series)`
          : `the query returns a scalar, so result is one number (float64), and ${wrong.what} treats it as a list. Compare result itself (and guard no-data with isNaN(result))`;
        ctx.report({
          path: [...m.path, field],
          span: [wrong.node.start, wrong.node.end],
          message: `${field} of metric '${m.name ?? ''}' cannot evaluate: ${shape}. As written every measurement ends in Error and the Rollout aborts after consecutiveErrorLimit + 1 errors.`,
        });
      }
    }
  },
};

import { analyzePromql } from '../../semantics/promql/promql';
import { cleanCondition, guardsEmpty, guardsNaN, resultUses, vacuousOnEmpty } from '../../semantics/analysis/result-usage';
import { ANALYSIS_KINDS, isObj, metricsOf, specOf } from '../../semantics/analysis/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'analysis/condition-no-data',
  description: 'A condition that does not say what happens when the query returns no data, where Argo Rollouts then does something the author likely does not expect: an Error instead of a failure, a failure on an idle canary, or a pass.',
  severity: 'warning',
  appliesTo: ANALYSIS_KINDS,
  upstream: 'utils/evaluate/evaluate.go EvaluateResult (only successCondition: false → Failed) and formatEvalError ("metric result is nil or empty"); metricproviders/prometheus processResponse, datadog (nil on an empty series) (argo-rollouts.md §2.1, §2.3; seed 002)',
  check(object, ctx) {
    for (const m of metricsOf(specOf(object))) {
      const provider = isObj(m.metric.provider) ? m.metric.provider : undefined;
      const success = m.metric.successCondition;
      const failure = m.metric.failureCondition;
      const onlySuccess = typeof success === 'string' && success.trim() !== '' && !(typeof failure === 'string' && failure.trim() !== '');
      const name = m.name ?? '';
      if (isObj(provider?.prometheus) && typeof provider.prometheus.query === 'string') {
        const type = analyzePromql(provider.prometheus.query).valueType;
        for (const field of ['successCondition', 'failureCondition'] as const) {
          const ast = cleanCondition(m.metric[field]);
          if (!ast) continue;
          const uses = resultUses(ast);
          if (type === 'vector' || type === 'matrix') {
            const indexed = uses.find((u) => u.as === 'list' && u.what.startsWith('result['));
            if (indexed && !guardsEmpty(ast)) {
              ctx.report({
                path: [...m.path, field],
                span: [indexed.node.start, indexed.node.end],
                message: `When the query returns no series (no traffic to the canary yet, a label that matches nothing), result is an empty list and ${indexed.what} cannot be evaluated: the measurement is an Error ("metric result is nil or empty"), not ${field === 'successCondition' ? 'a failure' : 'a success'}, and ${(typeof m.metric.consecutiveErrorLimit === 'number' ? m.metric.consecutiveErrorLimit : 4) + 1} such errors in a row abort the Rollout. Say what no data means: \`len(result) == 0 || …\` to pass, \`len(result) > 0 && …\` to fail.`,
              });
              continue;
            }
            const vacuous = field === 'successCondition' && onlySuccess ? vacuousOnEmpty(ast) : undefined;
            if (vacuous && !guardsEmpty(ast)) {
              ctx.report({
                path: [...m.path, field],
                span: [vacuous.start, vacuous.end],
                message: `${vacuous.type === 'Call' && vacuous.callee.type === 'Identifier' ? vacuous.callee.name : 'all'}() of an empty list is true: when the query returns no series, metric '${name}' passes without having measured anything. Add \`len(result) > 0 && …\` if no data should fail.`,
              });
            }
          } else if (type === 'scalar' && field === 'successCondition' && onlySuccess) {
            const numeric = uses.find((u) => u.as === 'number');
            if (numeric && !guardsNaN(ast)) {
              ctx.report({
                path: [...m.path, field],
                span: [numeric.node.start, numeric.node.end],
                message: `The query returns a scalar, which is NaN when there is no data; every comparison with NaN is false, so with only a successCondition each idle interval counts as a failed measurement of metric '${name}' (seed 002). Write \`isNaN(result) || …\` to let no data pass, or use a failureCondition instead so silence does not fail the rollout.`,
              });
            }
          }
        }
      }
      if (isObj(provider?.datadog)) {
        for (const field of ['successCondition', 'failureCondition'] as const) {
          const ast = cleanCondition(m.metric[field]);
          if (!ast || guardsEmpty(ast)) continue;
          const use = resultUses(ast)[0];
          if (!use) continue;
          ctx.report({
            path: [...m.path, field],
            span: [use.node.start, use.node.end],
            message: `Datadog returns no value (nil) for an empty series, and ${use.what} cannot evaluate nil: the measurement is an Error, not a ${field === 'successCondition' ? 'failure' : 'success'}. Use default(result, 0) (Argo's helper: the fallback when result is nil).`,
          });
        }
      }
    }
  },
};

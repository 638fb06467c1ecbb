import type { PathSeg } from '../../engine/yaml-nodes';
import { analyzeCondition, CONDITION_ENV, TIME_ENV, type ConditionProblem, type ExprEnv } from '../../semantics/expr/condition';
import { ANALYSIS_KINDS, isObj, metricsOf, prometheusOf, specOf } from '../../semantics/analysis/spec';
import type { Rule, RuleContext } from '../rule';

/** Where upstream's consequence is the same for every problem: each measurement errors. */
function consequence(metricName: string | undefined, metric: Record<string, unknown>): string {
  const limit = typeof metric.consecutiveErrorLimit === 'number' ? metric.consecutiveErrorLimit : 4;
  return `every measurement of metric '${metricName ?? ''}' ends in Error, and after ${limit + 1} in a row (consecutiveErrorLimit ${limit}) the AnalysisRun errors and the Rollout aborts`;
}

function reportAll(ctx: RuleContext, path: PathSeg[], field: string, text: string, env: ExprEnv, after: string): void {
  for (const p of analyzeCondition(text, env).problems) ctx.report({ path, span: [p.start, p.end], message: describe(field, text, p, after) });
}

function describe(field: string, text: string, p: ConditionProblem, after: string): string {
  const what = p.kind === 'syntax' ? 'does not parse' : p.kind === 'result' ? `does not evaluate to a ${field.startsWith('rangeQuery') ? 'time' : 'boolean'}` : 'does not compile';
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
  return `${field} ${what}: ${p.message} (column ${p.start + 1} of ${shown}); ${after}.`;
}

export const rule: Rule = {
  id: 'analysis/invalid-condition',
  description: 'A successCondition / failureCondition (or prometheus rangeQuery start/end) that expr-lang cannot compile: a syntax error, a name other than result and the documented helpers, a wrong argument count, or a result that is not a boolean.',
  severity: 'error',
  appliesTo: ANALYSIS_KINDS,
  upstream: 'utils/evaluate/evaluate.go EvalCondition/EvalTime (expr-lang/expr v1.17.8 with a map environment: result, asInt, asFloat, isNaN, isInf, isNil, default), "could not evaluate successCondition …" (argo-rollouts.md §2.1–2.2)',
  check(object, ctx) {
    for (const m of metricsOf(specOf(object))) {
      const after = consequence(m.name, m.metric);
      for (const field of ['successCondition', 'failureCondition'] as const) {
        const text = m.metric[field];
        if (typeof text === 'string' && text.trim() !== '') reportAll(ctx, [...m.path, field], field, text, CONDITION_ENV, after);
      }
      const range = prometheusOf(m.metric)?.rangeQuery;
      if (isObj(range)) {
        for (const field of ['start', 'end'] as const) {
          const text = range[field];
          if (typeof text === 'string' && text.trim() !== '') reportAll(ctx, [...m.path, 'provider', 'prometheus', 'rangeQuery', field], `rangeQuery.${field}`, text, TIME_ENV, after);
        }
      }
    }
  },
};

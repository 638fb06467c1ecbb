import { intValue, knownArgValues } from '../../semantics/analysis/placeholders';
import { ANALYSIS_KINDS, argsOf, metricsOf, specOf, TIME_SERIES_PROVIDERS } from '../../semantics/analysis/spec';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'analysis/failure-limit-missing',
  description: 'A metric measured several times (count > 1) without failureLimit: the default of 0 fails the analysis on the first bad sample, so the extra measurements never absorb a noisy one.',
  severity: 'warning',
  appliesTo: ANALYSIS_KINDS,
  upstream: 'analysis/analysis.go assessMetricFailureInconclusiveOrError: Failed when failed > failureLimit, failureLimit defaults to 0 (argo-rollouts.md §1.7); field guides: seed 002 "a failureLimit of 2 or 3 is sane", seed 004 "a single noisy sample fails the rollout"',
  check(object, ctx) {
    const spec = specOf(object);
    const values = knownArgValues(argsOf(spec));
    for (const m of metricsOf(spec)) {
      if (!m.providers.some((p) => TIME_SERIES_PROVIDERS.has(p))) continue;
      if (m.metric.failureLimit !== undefined && m.metric.failureLimit !== null) continue;
      if (m.metric.consecutiveSuccessLimit !== undefined && m.metric.consecutiveSuccessLimit !== null) continue;
      const count = intValue(m.metric.count, values);
      if (count === undefined || count < 2) continue;
      ctx.report({
        path: [...m.path, 'count'],
        onKey: true,
        message: `Metric '${m.name ?? ''}' is measured ${count} times but has no failureLimit, which defaults to 0: the first failed measurement fails the analysis at once and aborts the rollout, so the other ${count - 1} measurements never outweigh a single noisy sample. Set failureLimit (1 or 2 tolerates a blip) — or failureLimit: 0 to state that one failure must abort.`,
        fixes: [{ title: 'Set failureLimit: 1', edits: [{ op: 'setKey', path: m.path, key: 'failureLimit', value: 1 }] }],
      });
    }
  },
};

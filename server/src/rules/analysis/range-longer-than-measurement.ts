import { K } from '../../engine/kinds';
import { formatSeconds } from '../../semantics/analysis/duration';
import { parseDurationSeconds } from '../../semantics/go/duration';
import { effectiveCount } from '../../semantics/analysis/metrics';
import { knownArgValues, stringValue } from '../../semantics/analysis/placeholders';
import { resolveGroup } from '../../semantics/analysis/resolve';
import { argsOf, isObj, metricsOf, prometheusOf, specOf } from '../../semantics/analysis/spec';
import { analyzePromql } from '../../semantics/promql/promql';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { pauseDurationSeconds } from '../../semantics/rollouts/duration';
import type { Rule } from '../rule';

/** Seconds the canary has been at its weight when step `index` starts: the timed pauses right before it. */
function leadTime(steps: unknown[], index: number): { seconds: number; weight?: number } | undefined {
  let seconds = 0;
  for (let j = index - 1; j >= 0; j--) {
    const step = steps[j];
    if (!isObj(step)) return { seconds };
    if (isObj(step.pause)) {
      // An indefinite pause waits for a person: the data window is unknown.
      if (step.pause.duration === undefined || step.pause.duration === null) return undefined;
      const s = pauseDurationSeconds(step.pause.duration);
      if (s === undefined || s < 0) return undefined;
      seconds += s;
      continue;
    }
    return { seconds, weight: typeof step.setWeight === 'number' ? step.setWeight : undefined };
  }
  return { seconds };
}

export const rule: Rule = {
  id: 'analysis/range-longer-than-measurement',
  description: 'A step analysis whose PromQL range window (rate(x[5m])) reaches back further than the time the canary has been at its weight when the last measurement is taken: every result mixes in traffic from before the step.',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'analysis/analysis.go measurement scheduling (initialDelay, then count measurements interval apart; argo-rollouts.md §1.7 EffectiveCount) and PromQL range-vector semantics; field guides: seed 004 "use rate() over a window of at least the analysis interval", seed 002 "make interval × count comfortably exceed" the delay',
  check(rollout, ctx) {
    const canary = (rollout.value as { spec?: { strategy?: { canary?: { steps?: unknown } } } } | undefined)?.spec?.strategy?.canary;
    const steps = Array.isArray(canary?.steps) ? canary.steps : [];
    for (const group of analysisGroups(rollout.value)) {
      if (group.type !== 'InlineAnalysis') continue;
      const index = group.path[4] as number;
      const lead = leadTime(steps, index);
      if (!lead) continue;
      const resolved = resolveGroup(group, rollout.namespace, ctx);
      if (!resolved) continue;
      const supplied = new Map<string, string>();
      for (const a of group.args) if (a.name && typeof a.value === 'string') supplied.set(a.name, a.value);
      for (const template of resolved.templates) {
        const spec = specOf(template);
        const values = knownArgValues(argsOf(spec), supplied);
        for (const m of metricsOf(spec)) {
          const query = prometheusOf(m.metric)?.query;
          if (typeof query !== 'string') continue;
          const count = effectiveCount(m.metric, values);
          if (typeof count !== 'number' || count < 1) continue;
          const interval = m.metric.interval === undefined ? 0 : parseDurationSeconds(stringValue(m.metric.interval, values) ?? '').seconds;
          const delay = m.metric.initialDelay === undefined ? 0 : parseDurationSeconds(stringValue(m.metric.initialDelay, values) ?? '').seconds;
          if (interval === undefined || delay === undefined) continue;
          const last = lead.seconds + delay + (count - 1) * interval;
          const widest = analyzePromql(query).ranges.reduce<ReturnType<typeof analyzePromql>['ranges'][number] | undefined>((a, r) => (!a || r.seconds > a.seconds ? r : a), undefined);
          if (!widest || widest.seconds <= last) continue;
          const fn = widest.fn ? `${widest.fn}(…[${widest.text}])` : `[${widest.text}]`;
          const parts = [lead.seconds ? `after a ${formatSeconds(lead.seconds)} pause` : 'right after the previous step', delay ? `an initialDelay of ${formatSeconds(delay)}` : '', count > 1 ? `${count} measurements ${formatSeconds(interval)} apart` : 'a single measurement'].filter(Boolean);
          ctx.report({
            path: [...group.path, 'templates'],
            onKey: true,
            message: `${fn} in metric '${m.name ?? ''}' of ${template.label} looks back ${formatSeconds(widest.seconds)}, but the last measurement of this analysis is taken ${formatSeconds(last)} after the canary ${lead.weight !== undefined ? `reached ${lead.weight}%` : 'reached this step'} (${parts.join(', ')}): every result still includes traffic from before this step, so a regression is diluted or missed. Measure for at least ${formatSeconds(widest.seconds)} (count × interval, or a pause before the analysis), or use a shorter range.`,
            related: [{ object: template, path: [...m.path, 'provider', 'prometheus', 'query'], span: [widest.start, widest.end], message: `range ${widest.text}` }],
          });
        }
      }
    }
  },
};

import { K } from '../../engine/kinds';
import { effectiveCount } from '../../semantics/analysis/metrics';
import { argNameOf, stringFields, substitute } from '../../semantics/analysis/placeholders';
import { resolveGroup } from '../../semantics/analysis/resolve';
import { perObject } from '../../semantics/memo';
import { argsOf, metricsOf, specOf, type Obj, type SpecMetric } from '../../semantics/analysis/spec';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { fieldError, fieldPath } from '../../semantics/rollouts/field-error';
import type { Fix, Rule } from '../rule';

/** Measurements proposed by the fix: the field guides' "at least 3–5" (seed 004). */
const PROPOSED_COUNT = 5;

/**
 * A template's metrics that would measure until stopped, as validation sees them (args without a
 * value resolved as "dummy-value", setArgValuePlaceHolder), and the values used: the same for
 * every Rollout using the template, so computed once per template spec. None when a placeholder
 * cannot be resolved: validation fails on that first (analysis/undeclared-placeholder).
 */
const endlessMetrics = perObject((spec: Obj): { values: Map<string, string>; metrics: SpecMetric[] } => {
  const values = new Map<string, string>();
  for (const a of argsOf(spec)) values.set(a.name, typeof a.value === 'string' ? a.value : a.value !== undefined && a.value !== null ? String(a.value) : 'dummy-value');
  const all = metricsOf(spec);
  const metrics: SpecMetric[] = [];
  if (!hasUnresolvedTag(all, values)) for (const m of all) if (effectiveCount(m.metric, values) === undefined) metrics.push(m);
  return { values, metrics };
});

function hasUnresolvedTag(metrics: readonly SpecMetric[], values: ReadonlyMap<string, string>): boolean {
  for (const m of metrics) {
    for (const f of stringFields(m.metric, m.path)) {
      if (f.unclosed !== undefined) return true;
      for (const t of f.tags) if (!values.has(argNameOf(t) ?? '\0')) return true;
    }
  }
  return false;
}

export const rule: Rule = {
  id: 'analysis/runs-indefinitely',
  description: 'A metric with an interval but no count in a step, pre- or post-promotion analysis: it would never finish, so the Rollout controller rejects the Rollout.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'pkg/apis/rollouts/validation/validation_references.go ValidateAnalysisTemplateWithType: "AnalysisTemplate <name> has metric <metric> which runs indefinitely. Invalid value for count: <count>" (argo-rollouts.md §1.6.6, §1.12 quirk 7)',
  check(rollout, ctx) {
    for (const group of analysisGroups(rollout.value)) {
      // Background analysis may run until the rollout completes.
      if (group.type === 'BackgroundAnalysis') continue;
      const resolved = resolveGroup(group, rollout.namespace, ctx);
      if (!resolved) continue;
      for (const template of resolved.templates) {
        const spec = specOf(template);
        if (!spec) continue;
        const args = argsOf(spec);
        const { values, metrics } = endlessMetrics(spec);
        for (const m of metrics) {
          const raw = m.metric.count;
          const shown = raw === undefined || raw === null ? '<nil>' : typeof raw === 'string' ? (substitute(raw, values) ?? raw) : String(raw);
          const name = template.name ?? '';
          const upstream = fieldError(fieldPath([...group.path, 'templates']), 'Invalid value', name, `AnalysisTemplate ${name} has metric ${m.name ?? ''} which runs indefinitely. Invalid value for count: ${shown}`);
          const fromArg = typeof raw === 'string' ? raw.match(/^\{\{\s*args\.(.+?)\s*\}\}$/)?.[1] : undefined;
          const arg = fromArg ? args.find((a) => a.name === fromArg) : undefined;
          const fixes: Fix[] = [];
          if (arg && arg.value === undefined && arg.valueFrom === undefined) {
            fixes.push({ title: `Give arg '${arg.name}' a default of "${PROPOSED_COUNT}"`, object: template, edits: [{ op: 'setKey', path: arg.path, key: 'value', value: String(PROPOSED_COUNT) }], preferred: true });
          } else if (!fromArg) {
            fixes.push({
              title: `Set count: ${PROPOSED_COUNT} on metric '${m.name ?? ''}'`,
              object: template,
              edits: raw === undefined || raw === null ? [{ op: 'setKey', path: m.path, key: 'count', value: PROPOSED_COUNT }] : [{ op: 'replaceValue', path: [...m.path, 'count'], value: PROPOSED_COUNT }],
              preferred: true,
            });
          }
          const why = arg
            ? `count comes from arg '${arg.name}', which has no default: the controller validates with the placeholder "dummy-value", which is not a number, even when this Rollout passes a value (upstream quirk)`
            : `metric '${m.name ?? ''}' of ${template.label} has interval ${JSON.stringify(m.metric.interval)} and ${raw === undefined || raw === null ? 'no count' : `count ${JSON.stringify(raw)}`}, so it would measure until stopped`;
          ctx.report({
            path: [...group.path, 'templates'],
            onKey: true,
            message: `${upstream}. ${why[0].toUpperCase()}${why.slice(1)}; a ${group.type === 'InlineAnalysis' ? 'step' : 'pre/post-promotion'} analysis must end, so the Rollout is marked InvalidSpec. Set count, or run this template as background analysis (spec.strategy.canary.analysis).`,
            related: [{ object: template, path: raw === undefined || raw === null ? [...m.path, 'interval'] : [...m.path, 'count'], message: `metric '${m.name ?? ''}'` }],
            fixes,
          });
        }
      }
    }
  },
};

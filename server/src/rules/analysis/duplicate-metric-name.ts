import { K } from '../../engine/kinds';
import { groupRepeatedMetrics, resolveGroup, templateNamesValue } from '../../semantics/analysis/resolve';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { fieldError, fieldPath } from '../../semantics/rollouts/field-error';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'analysis/duplicate-metric-name',
  description: 'Two metrics with the same name among the templates of one Rollout analysis: the templates cannot be flattened into one AnalysisRun.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'utils/analysis/helpers.go FlattenTemplates/flattenMetrics: "two metrics have the same name \'<name>\'", via validation_references.go ValidateAnalysisTemplatesWithType (argo-rollouts.md §1.6.2, §1.6.6)',
  check(rollout, ctx) {
    for (const group of analysisGroups(rollout.value)) {
      const resolved = resolveGroup(group, rollout.namespace, ctx);
      if (!resolved) continue;
      const pairs = groupRepeatedMetrics(resolved.templates);
      if (pairs.length === 0) continue;
      const [first, second] = pairs[0];
      const name = first.item.name ?? '';
      const upstream = fieldError(fieldPath([...group.path, 'templates']), 'Invalid value', templateNamesValue(group), `two metrics have the same name '${name}'`);
      const where = first.template === second.template ? `twice in ${first.template.label}` : `in ${first.template.label} and in ${second.template.label}`;
      const more = pairs.length > 1 ? ` (also: ${[...new Set(pairs.slice(1).map(([a]) => `'${a.item.name}'`))].join(', ')})` : '';
      ctx.report({
        path: [...group.path, 'templates'],
        onKey: true,
        message: `${upstream}. Metric '${name}' is defined ${where}${more}: the Rollout is marked InvalidSpec and does not progress. Rename one of them.`,
        related: pairs.flatMap(([a, b]) => [a, b].map((o) => ({ object: o.template, path: [...o.item.path, 'name'], message: `metric '${o.item.name}' in ${o.template.label}` }))),
      });
    }
  },
};

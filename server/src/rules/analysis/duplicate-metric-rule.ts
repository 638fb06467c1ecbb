import { K } from '../../engine/kinds';
import { duplicates, groupRules, resolveGroup, templateNamesValue } from '../../semantics/analysis/resolve';
import { rulesOf, specOf, TEMPLATE_KINDS, type SpecRule } from '../../semantics/analysis/spec';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { fieldError, fieldPath } from '../../semantics/rollouts/field-error';
import type { Rule } from '../rule';

const LISTS = [
  { list: 'dryRun', title: 'Dry-Run' },
  { list: 'measurementRetention', title: 'Measurement Retention' },
] as const;

const upstreamText = (title: string, name: unknown) => `two ${title} metric rules have the same name '${String(name)}'`;

export const rule: Rule = {
  id: 'analysis/duplicate-metric-rule',
  description: 'The same metricName twice in dryRun or measurementRetention (across the templates of an analysis and the Rollout\'s own rules): the analysis cannot be created.',
  severity: 'error',
  appliesTo: [K.Rollout, ...TEMPLATE_KINDS],
  upstream: 'utils/analysis/helpers.go validateDryRunMetrics / validateMeasurementRetentionMetrics: "two Dry-Run metric rules have the same name \'<m>\'", "two Measurement Retention metric rules have the same name \'<m>\'" (argo-rollouts.md §1.6.2, §1.6.6, §1.8)',
  check(object, ctx) {
    if (object.typeId !== K.Rollout) {
      const spec = specOf(object);
      for (const { list, title } of LISTS) {
        for (const [first, second] of duplicates(rulesOf(spec, list), (r) => (typeof r.metricName === 'string' ? r.metricName : undefined))) {
          ctx.report({
            path: [...second.path, 'metricName'],
            message: `${upstreamText(title, second.metricName)}: ${list}[${first.index}] and ${list}[${second.index}] repeat one rule, so no analysis can be created from this template (a Rollout using it is InvalidSpec). Keep one.`,
            related: [{ object, path: [...first.path, 'metricName'], message: `first ${list} rule for '${String(first.metricName)}'` }],
          });
        }
      }
      return;
    }
    for (const group of analysisGroups(object.value)) {
      const resolved = resolveGroup(group, object.namespace, ctx);
      if (!resolved) continue;
      for (const { list, title } of LISTS) {
        // Two rules at least, counting the Rollout's and the templates': the usual analysis has none.
        if ((Array.isArray(group.block[list]) ? group.block[list].length : 0) + groupRules(resolved.templates, list).length < 2) continue;
        // The Rollout's own rules are merged before the templates' (mergeDryRunMetrics, §1.8).
        const own: Array<{ rule: SpecRule; template?: undefined }> = rulesOf(group.block, list, group.path).map((rule) => ({ rule }));
        const fromTemplates = groupRules(resolved.templates, list).map((o) => ({ rule: o.item, template: o.template }));
        // Duplicates inside one template are that template's finding.
        const pairs = duplicates([...own, ...fromTemplates], (e) => (typeof e.rule.metricName === 'string' ? e.rule.metricName : undefined)).filter(([a, b]) => !(a.template && a.template === b.template));
        if (pairs.length === 0) continue;
        const [first, second] = pairs[0];
        const upstream = fieldError(fieldPath([...group.path, 'templates']), 'Invalid value', templateNamesValue(group), upstreamText(title, second.rule.metricName));
        const mine = second.template === undefined ? second : first.template === undefined ? first : undefined;
        ctx.report({
          path: mine ? [...mine.rule.path, 'metricName'] : [...group.path, 'templates'],
          onKey: !mine,
          message: `${upstream}. The ${list} rule for '${String(second.rule.metricName)}' is given twice${first.template || second.template ? ' (a template already has it)' : ''}: the Rollout is marked InvalidSpec. Keep one.`,
          related: [first, second]
            .filter((e) => e.template)
            .map((e) => ({ object: e.template!, path: [...e.rule.path, 'metricName'], message: `${list} rule for '${String(e.rule.metricName)}' in ${e.template!.label}` })),
        });
      }
    }
  },
};

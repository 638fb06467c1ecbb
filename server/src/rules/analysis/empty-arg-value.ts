import { K } from '../../engine/kinds';
import { argNameOf, stringFields } from '../../semantics/analysis/placeholders';
import { resolveGroup } from '../../semantics/analysis/resolve';
import { metricsOf, specOf } from '../../semantics/analysis/spec';
import { analysisGroups, type RolloutArg } from '../../semantics/rollouts/analysis-groups';
import { argPlaceholder } from '../../semantics/rollouts/arg-placeholder';
import type { Fix, Rule } from '../rule';

const passedEmpty = (a: RolloutArg): boolean => !!a.name && (a.value === undefined || a.value === null || a.value === '') && (a.valueFrom === undefined || a.valueFrom === null);

export const rule: Rule = {
  id: 'analysis/empty-arg-value',
  description: 'A Rollout analysis arg with no value and no valueFrom (or an empty value) that a template uses in a placeholder: the controller substitutes an empty string, so the query silently measures nothing.',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'utils/analysis/factory.go BuildArgumentsForRolloutAnalysisRun: an omitted value is the empty string and always counts as supplied (argo-rollouts.md §1.6.3; seed 001: "{{args.service-name}} … gets replaced with an empty string")',
  check(rollout, ctx) {
    for (const group of analysisGroups(rollout.value)) {
      const empty = group.args.filter(passedEmpty);
      if (empty.length === 0) continue;
      const resolved = resolveGroup(group, rollout.namespace, ctx);
      if (!resolved) continue;
      for (const arg of empty) {
        const uses = resolved.templates.flatMap((t) =>
          metricsOf(specOf(t)).flatMap((m) => stringFields(m.metric, m.path).flatMap((f) => f.tags.filter((tag) => argNameOf(tag) === arg.name).map((tag) => ({ template: t, path: f.path, tag })))),
        );
        if (uses.length === 0) continue;
        const suggestion = argPlaceholder(arg.name!, rollout.value, group.type);
        const fixes: Fix[] = [];
        if ('valueFrom' in suggestion) fixes.push({ title: `Pass '${arg.name}' from ${suggestion.valueFrom.fieldRef.fieldPath}`, edits: [{ op: 'setKey', path: arg.path, key: 'valueFrom', value: suggestion.valueFrom }], preferred: true });
        else if (suggestion.value && (arg.value === undefined || arg.value === null)) fixes.push({ title: `Pass '${arg.name}': ${suggestion.value}`, edits: [{ op: 'setKey', path: arg.path, key: 'value', value: suggestion.value }], preferred: true });
        ctx.report({
          path: [...arg.path, 'name'],
          message: `Arg '${arg.name}' is passed ${arg.value === '' ? 'with an empty value' : 'without a value'}: the controller accepts it as the empty string, so ${uses.length === 1 ? 'the placeholder' : `${uses.length} placeholders`} {{args.${arg.name}}} ${uses.length === 1 ? 'becomes' : 'become'} "": a query then matches nothing (no data, which passes or errors instead of gating the rollout) and a condition may not even parse. Give it a value or a valueFrom.`,
          related: uses.slice(0, 5).map((u) => ({ object: u.template, path: u.path, span: [u.tag.start, u.tag.end] as const, message: `{{args.${arg.name}}} in ${u.template.label}` })),
          fixes,
        });
      }
    }
  },
};

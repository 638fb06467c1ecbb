import { K } from '../../engine/kinds';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { groupFlattenedArgs, resolveGroup, templateNamesValue } from '../../semantics/analysis/resolve';
import { unresolvedArgs } from '../../semantics/rollouts/analysis-args';
import { fieldError, fieldPath } from '../../semantics/rollouts/field-error';
import { argNotResolved } from '../../semantics/rollouts/messages';
import { argPlaceholder } from '../../semantics/rollouts/arg-placeholder';
import type { FixEdit, Rule } from '../rule';

export const rule: Rule = {
  id: 'rollouts/analysis-arg-missing',
  description: 'An AnalysisTemplate argument without a default value that the Rollout does not pass: the analysis cannot start.',
  severity: 'error',
  appliesTo: [K.Rollout],
  upstream: 'utils/analysis/helpers.go MergeArgs: "args.<name> was not resolved" (argo-rollouts.md §1.6.4, §1.6.6; seed 001)',
  check(rollout, ctx) {
    for (const group of analysisGroups(rollout.value)) {
      const templates = resolveGroup(group, rollout.namespace, ctx)?.templates;
      if (!templates) continue;
      const { args } = groupFlattenedArgs(templates);
      const passed = new Set<string>();
      for (const a of group.args) if (a.name) passed.add(a.name);
      const missing = unresolvedArgs(args, passed);
      if (missing.length === 0) continue;
      const names = templateNamesValue(group);
      const upstream = fieldError(fieldPath([...group.path, 'templates']), 'Invalid value', names, argNotResolved(missing[0].name));
      const list = missing.map((a) => `'${a.name}'`).join(', ');
      const values = missing.map((a) => argPlaceholder(a.name, rollout.value, group.type));
      const edits: FixEdit[] = Array.isArray(group.block.args)
        ? values.map((value): FixEdit => ({ op: 'appendItem', path: [...group.path, 'args'], value }))
        : group.hasArgsKey
          ? [{ op: 'replaceValue', path: [...group.path, 'args'], value: values }]
          : [{ op: 'setKey', path: group.path, key: 'args', value: values }];
      ctx.report({
        path: group.hasArgsKey ? [...group.path, 'args'] : [...group.path, 'templates'],
        onKey: true,
        message: `${upstream}. The template needs ${list} and this analysis does not pass ${missing.length === 1 ? 'it' : 'them'}: the Rollout is marked InvalidSpec and never starts the analysis.`,
        related: missing.map((a) => ({ object: a.origin, path: ['spec', 'args', a.index, 'name'], message: `'${a.name}' is declared here without a value` })),
        fixes: [{ title: `Pass ${list} to the analysis`, edits, preferred: true }],
      });
    }
  },
};

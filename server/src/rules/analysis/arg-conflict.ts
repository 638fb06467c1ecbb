import { K } from '../../engine/kinds';
import { declaredArgs, groupFlattenedArgs, resolveGroup, templateNamesValue } from '../../semantics/analysis/resolve';
import { TEMPLATE_KINDS } from '../../semantics/analysis/spec';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { flattenArgs } from '../../semantics/rollouts/analysis-args';
import { fieldError, fieldPath } from '../../semantics/rollouts/field-error';
import type { Rule } from '../rule';

const conflictText = (name: string, a: unknown, b: unknown) => `Argument \`${name}\` specified multiple times with different values: '${String(a)}', '${String(b)}'`;

export const rule: Rule = {
  id: 'analysis/arg-conflict',
  description: 'One argument declared twice with different values (in one template, or across the templates of one analysis): the templates cannot be merged.',
  severity: 'error',
  appliesTo: [K.Rollout, ...TEMPLATE_KINDS],
  upstream: 'utils/analysis/helpers.go flattenArgs: "Argument `<name>` specified multiple times with different values: \'<v1>\', \'<v2>\'" (argo-rollouts.md §1.6.2)',
  check(object, ctx) {
    if (object.typeId !== K.Rollout) {
      for (const c of flattenArgs(declaredArgs([object])).conflicts) {
        ctx.report({
          path: ['spec', 'args', c.second.index, 'value'],
          message: `${conflictText(c.name, c.first.value, c.second.value)}: arg '${c.name}' is declared twice in this template with different values, so no AnalysisRun can be created from it (a Rollout using it is InvalidSpec). Keep one declaration.`,
          related: [{ object, path: ['spec', 'args', c.first.index, 'value'], message: `first value of '${c.name}'` }],
        });
      }
      return;
    }
    for (const group of analysisGroups(object.value)) {
      const resolved = resolveGroup(group, object.namespace, ctx);
      if (!resolved || resolved.templates.length < 2) continue;
      // Conflicts inside one template are reported on that template.
      const conflicts = groupFlattenedArgs(resolved.templates).conflicts.filter((c) => c.first.origin !== c.second.origin);
      if (conflicts.length === 0) continue;
      const c = conflicts[0];
      const upstream = fieldError(fieldPath([...group.path, 'templates']), 'Invalid value', templateNamesValue(group), conflictText(c.name, c.first.value, c.second.value));
      ctx.report({
        path: [...group.path, 'templates'],
        onKey: true,
        message: `${upstream}. ${c.first.origin.label} and ${c.second.origin.label} give '${c.name}' different default values: the Rollout is marked InvalidSpec. Make the defaults agree, or drop one of them and pass the value from the Rollout.`,
        related: conflicts.flatMap((x) => [x.first, x.second].map((a) => ({ object: a.origin, path: ['spec', 'args', a.index, 'value'], message: `'${a.name}' = '${String(a.value)}' in ${a.origin.label}` }))),
      });
    }
  },
};

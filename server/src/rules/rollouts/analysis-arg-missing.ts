import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import { analysisGroups } from '../../semantics/rollouts/analysis-groups';
import { resolveGroup, templateNamesValue } from '../../semantics/analysis/resolve';
import { flattenArgs, unresolvedArgs, type DeclaredArg } from '../../semantics/rollouts/analysis-args';
import { fieldError, fieldPath } from '../../semantics/rollouts/field-error';
import { argNotResolved } from '../../semantics/rollouts/messages';
import { argPlaceholder } from '../../semantics/rollouts/arg-placeholder';
import type { FixEdit, Rule } from '../rule';

type Obj = Record<string, unknown>;

/** The value at a path inside the Rollout (the analysis block's `args`). */
function argsAt(value: Obj | undefined, path: readonly (string | number)[]): unknown {
  let cur: unknown = value;
  for (const seg of [...path, 'args']) cur = cur && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
  return cur;
}

function declaredArgs(templates: ManifestObject[]): DeclaredArg<ManifestObject>[] {
  const out: DeclaredArg<ManifestObject>[] = [];
  for (const t of templates) {
    const args = (t.value?.spec as Obj | undefined)?.args;
    if (!Array.isArray(args)) continue;
    args.forEach((a: Obj, index) => {
      if (a && typeof a.name === 'string') out.push({ name: a.name, value: a.value, valueFrom: a.valueFrom, origin: t, index });
    });
  }
  return out;
}

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
      const { args } = flattenArgs(declaredArgs(templates));
      const passed = new Set(group.args.map((a) => a.name).filter((n): n is string => !!n));
      const missing = unresolvedArgs(args, passed);
      if (missing.length === 0) continue;
      const names = templateNamesValue(group);
      const upstream = fieldError(fieldPath([...group.path, 'templates']), 'Invalid value', names, argNotResolved(missing[0].name));
      const list = missing.map((a) => `'${a.name}'`).join(', ');
      const values = missing.map((a) => argPlaceholder(a.name, rollout.value, group.type));
      const current = argsAt(rollout.value, group.path);
      const edits: FixEdit[] = Array.isArray(current)
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

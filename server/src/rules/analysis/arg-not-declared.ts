import { K } from '../../engine/kinds';
import { groupArgs, resolveGroup } from '../../semantics/analysis/resolve';
import { analysisGroups, type RolloutArg } from '../../semantics/rollouts/analysis-groups';
import type { FixEdit, Rule } from '../rule';

export const rule: Rule = {
  id: 'analysis/arg-not-declared',
  description: 'An argument the Rollout passes to an analysis that none of its templates declares: it is silently ignored (often a typo of the name the template expects).',
  severity: 'warning',
  appliesTo: [K.Rollout],
  upstream: 'utils/analysis/helpers.go MergeArgs: incoming args not declared by any template are ignored without an error (argo-rollouts.md §1.6.4; seed 001)',
  check(rollout, ctx) {
    for (const group of analysisGroups(rollout.value)) {
      const resolved = resolveGroup(group, rollout.namespace, ctx);
      if (!resolved) continue;
      const declared = groupArgs(resolved.templates);
      const names = new Set<string>();
      for (const d of declared) names.add(d.item.name);
      const unused: RolloutArg[] = [];
      for (const a of group.args) if (a.name !== undefined && !names.has(a.name)) unused.push(a);
      for (const arg of unused) {
        const close = [...names].find((n) => similar(n, arg.name!));
        const templates = resolved.templates.map((t) => t.label).join(', ');
        const onlyArgs = unused.length === group.args.length;
        // Removing every arg leaves `args:` empty: remove the key instead.
        const edits: FixEdit[] = onlyArgs && unused.length === 1 ? [{ op: 'remove', path: [...group.path, 'args'] }] : [{ op: 'remove', path: arg.path }];
        const fixes = [
          ...(close ? [{ title: `Rename arg '${arg.name}' to '${close}'`, edits: [{ op: 'replaceValue' as const, path: [...arg.path, 'name'], value: close }], preferred: true }] : []),
          { title: `Remove arg '${arg.name}' (no template declares it)`, edits, preferred: !close },
        ];
        ctx.report({
          path: [...arg.path, 'name'],
          message: `Arg '${arg.name}' is passed to the analysis, but ${templates} ${resolved.templates.length === 1 ? 'does' : 'do'} not declare it, so the controller ignores it${close ? `: did you mean '${close}'?` : '.'}${names.size ? ` Declared: ${[...names].join(', ')}.` : ' The templates declare no args.'}`,
          related: declared.slice(0, 5).map((d) => ({ object: d.template, path: [...d.item.path, 'name'], message: `'${d.item.name}' is declared here` })),
          fixes,
        });
      }
    }
  },
};

/** Same name up to case, `-`/`_`, or one edit away. */
function similar(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[-_.]/g, '');
  if (norm(a) === norm(b)) return true;
  if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 4) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}

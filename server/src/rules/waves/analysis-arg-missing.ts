import { groupArgs, resolveGroup } from '../../semantics/analysis/resolve';
import { K } from '../../engine/kinds';
import type { ManifestObject } from '../../engine/objects';
import { flattenArgs, unresolvedArgs, type DeclaredArg } from '../../semantics/rollouts/analysis-args';
import { argNotResolved } from '../../semantics/rollouts/messages';
import type { FixEdit, Rule } from '../rule';
import { analysisGroupOf, namespacesOf, rolloutRefOf, wavesOf } from './support/plan-walk';

/** What to pass for a missing arg: the plan's Rollout name where the arg names a service or app, else empty for the author. */
function placeholder(name: string, rolloutName: string | undefined): { name: string; value: string } {
  return { name, value: rolloutName && /service|svc|app|rollout|name/i.test(name) ? rolloutName : '' };
}

export const rule: Rule = {
  id: 'waves/analysis-arg-missing',
  description: "An argument the analysis gate's template declares without a value and the gate does not pass: the AnalysisRun cannot be created and the plan fails at that gate.",
  severity: 'error',
  appliesTo: [K.WavePlan],
  upstream: 'utils/analysis/helpers.go MergeArgs / ResolveArgs: "args.<name> was not resolved" (argo-rollouts.md §1.6.2, §1.6.4), applied to the run the gate creates (docs/wave-plans.md "Gates")',
  check(plan, ctx) {
    const rolloutName = rolloutRefOf(plan.value).name;
    for (const wave of wavesOf(plan.value)) {
      for (const gate of wave.gates) {
        const group = analysisGroupOf(gate);
        if (!group) continue;
        const namespaces = group.templates[0].clusterScope ? [undefined] : namespacesOf(wave);
        const seen = new Set<string>();
        const missing: DeclaredArg<ManifestObject>[] = [];
        for (const ns of namespaces) {
          const templates = resolveGroup(group, ns, ctx)?.templates;
          if (!templates) continue;
          const declared = groupArgs(templates).map(({ template, item }): DeclaredArg<ManifestObject> => ({ name: item.name, value: item.value, valueFrom: item.valueFrom, origin: template, index: item.index }));
          const passed = new Set(group.args.map((a) => a.name).filter((n): n is string => !!n));
          for (const arg of unresolvedArgs(flattenArgs(declared).args, passed)) {
            if (!seen.has(arg.name)) seen.add(arg.name), missing.push(arg);
          }
        }
        if (missing.length === 0) continue;
        const list = missing.map((a) => `'${a.name}'`).join(', ');
        const values = missing.map((a) => placeholder(a.name, rolloutName));
        const edits: FixEdit[] = group.hasArgsKey && Array.isArray((gate.value as Record<string, unknown>).args)
          ? values.map((value): FixEdit => ({ op: 'appendItem', path: [...group.path, 'args'], value }))
          : [{ op: 'setKey', path: group.path, key: 'args', value: values }];
        ctx.report({
          path: group.hasArgsKey ? [...group.path, 'args'] : [...group.path, 'templateName'],
          onKey: group.hasArgsKey,
          message: `${argNotResolved(missing[0].name)}: template ${group.templates[0].templateName} needs ${list} and this gate does not pass ${missing.length === 1 ? 'it' : 'them'}, so the AnalysisRun cannot be created and the plan fails when wave ${wave.name} reaches this gate.`,
          related: missing.map((a) => ({ object: a.origin, path: ['spec', 'args', a.index, 'name'], message: `'${a.name}' is declared here without a value` })),
          fixes: [{ title: `Pass ${list} to the analysis`, edits, preferred: true }],
        });
      }
    }
  },
};

import { K } from '../../engine/kinds';
import type { FixEdit, Rule } from '../rule';
import { rolloutRefOf, wavesOf } from './support/plan-walk';

function namespaceEdit(value: Record<string, unknown> | undefined, namespace: string): FixEdit {
  const rollout = (value?.spec as Record<string, unknown> | undefined)?.rollout as Record<string, unknown> | undefined;
  return rollout && 'namespace' in rollout ? { op: 'replaceValue', path: ['spec', 'rollout', 'namespace'], value: namespace } : { op: 'setKey', path: ['spec', 'rollout'], key: 'namespace', value: namespace };
}

export const rule: Rule = {
  id: 'waves/rollout-not-found',
  description: "The plan's Rollout is in no namespace its waves use anywhere in the workspace (fine when it is deployed from elsewhere; often a typo).",
  severity: 'info',
  appliesTo: [K.WavePlan],
  upstream: 'docs/wave-plans.md "The Rollout": the executor promotes spec.rollout.name in each target namespace and holds a wave whose Rollout is missing',
  check(plan, ctx) {
    const ref = rolloutRefOf(plan.value);
    if (!ref.name) return;
    const namespaces = new Set(wavesOf(plan.value).flatMap((w) => w.entries.map((e) => e.namespace)));
    if (namespaces.size === 0) namespaces.add(ref.namespace);
    if ([...namespaces].some((ns) => ctx.find(K.Rollout, ref.name!, ns).length > 0)) return;
    const elsewhere = ctx.find(K.Rollout, ref.name).filter((o) => o.namespace && !namespaces.has(o.namespace));
    // Changing spec.rollout.namespace only helps when no wave or entry overrides it.
    const onlyDefault = namespaces.size === 1 && namespaces.has(ref.namespace);
    const hint = elsewhere.length ? ` A Rollout ${ref.name} exists in namespace ${elsewhere.map((o) => o.namespace).join(', ')}.` : ' If it is deployed from another repository, ignore this.';
    ctx.report({
      path: ['spec', 'rollout', 'name'],
      message: `No Rollout ${ref.name} in namespace ${[...namespaces].join(', ')} in this workspace.${hint}`,
      related: elsewhere.map((o) => ({ object: o, path: ['metadata', 'name'], message: `Rollout ${o.namespace}/${ref.name}` })),
      fixes: elsewhere.length === 1 && onlyDefault ? [{ title: `Use namespace ${elsewhere[0].namespace}`, edits: [namespaceEdit(plan.value, elsewhere[0].namespace!)], preferred: true }] : [],
    });
  },
};

import { K } from '../../engine/kinds';
import { CONTEXT_IN_TWO_WAVES } from '../../semantics/waves/messages';
import type { Rule } from '../rule';
import { wavesOf } from './support/plan-walk';

export const rule: Rule = {
  id: 'waves/context-in-two-waves',
  description: 'A context (with the same namespace) listed in two waves, or twice in one: the later entry never does anything and the executor refuses the plan.',
  severity: 'error',
  appliesTo: [K.WavePlan],
  upstream: 'docs/wave-plans.md "Waves and contexts": a target (context + namespace) belongs to exactly one wave; server/src/semantics/waves/plan.ts parseWavePlan',
  check(object, ctx) {
    const first = new Map<string, string>();
    for (const wave of wavesOf(object.value)) {
      for (const entry of wave.entries) {
        if (!entry.context) continue;
        const key = `${entry.context}\u0000${entry.namespace}`;
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, wave.name);
          continue;
        }
        ctx.report({
          path: entry.path,
          message: CONTEXT_IN_TWO_WAVES(entry.context, entry.namespace, earlier),
          fixes: [{ title: `Remove ${entry.context} from wave ${wave.name}`, edits: [{ op: 'remove', path: entry.path }], preferred: true }],
        });
      }
    }
  },
};

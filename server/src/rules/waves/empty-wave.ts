import { K } from '../../engine/kinds';
import { EMPTY_WAVE } from '../../semantics/waves/messages';
import type { Rule } from '../rule';
import { wavesOf } from './support/plan-walk';

export const rule: Rule = {
  id: 'waves/empty-wave',
  description: 'A wave without contexts: it promotes nothing and the plan skips it, gates included (often a wave whose contexts were moved elsewhere).',
  severity: 'warning',
  appliesTo: [K.WavePlan],
  upstream: 'docs/wave-plans.md "Waves and contexts": a wave with nothing pending in any of its contexts is skipped, gates and all; server/src/semantics/waves/decide.ts',
  check(object, ctx) {
    for (const wave of wavesOf(object.value)) {
      if (wave.entries.length > 0) continue;
      const onContexts = Array.isArray(wave.raw.contexts);
      ctx.report({
        path: onContexts ? [...wave.path, 'contexts'] : [...wave.path, 'name'],
        onKey: onContexts,
        message: EMPTY_WAVE(wave.name),
        fixes: [{ title: `Remove wave ${wave.name}`, edits: [{ op: 'remove', path: wave.path }] }],
      });
    }
  },
};

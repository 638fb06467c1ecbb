import { K } from '../../engine/kinds';
import { ANALYSIS_CONTEXT_OUTSIDE_WAVE } from '../../semantics/waves/messages';
import type { Rule } from '../rule';
import { wavesOf } from './support/plan-walk';

export const rule: Rule = {
  id: 'waves/analysis-context-outside-wave',
  description: "An analysis gate's contexts list names a context that is not in the gate's wave: the executor refuses the plan rather than contact it.",
  severity: 'error',
  appliesTo: [K.WavePlan],
  upstream: 'docs/wave-plans.md "Gates": an analysis runs in the contexts of its own wave only; server/src/semantics/waves/plan.ts parseWavePlan',
  check(plan, ctx) {
    for (const wave of wavesOf(plan.value)) {
      const contexts = new Set(wave.entries.map((e) => e.context));
      for (const gate of wave.gates) {
        const listed = gate.kind === 'analysis' && gate.value && typeof gate.value === 'object' ? (gate.value as Record<string, unknown>).contexts : undefined;
        if (!Array.isArray(listed)) continue;
        listed.forEach((c, i) => {
          if (typeof c !== 'string' || contexts.has(c.trim())) return;
          const path = [...gate.path, 'analysis', 'contexts', i];
          ctx.report({ path, message: ANALYSIS_CONTEXT_OUTSIDE_WAVE(c, wave.name), fixes: [{ title: `Remove ${c} from the analysis contexts`, edits: [{ op: 'remove', path }], preferred: true }] });
        });
      }
    }
  },
};

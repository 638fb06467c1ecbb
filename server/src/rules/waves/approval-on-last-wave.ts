import { K } from '../../engine/kinds';
import type { Rule } from '../rule';
import { wavesOf } from './support/plan-walk';

export const rule: Rule = {
  id: 'waves/approval-on-last-wave',
  description: 'An approval gate on the last wave: by then every context already runs the new version, so the approval holds nothing back (gates hold the next wave, not their own).',
  severity: 'warning',
  appliesTo: [K.WavePlan],
  upstream: 'docs/wave-plans.md "Gates": a wave\'s gates are checked after its contexts are released and hold the waves after it; server/src/semantics/waves/decide.ts',
  check(plan, ctx) {
    const waves = wavesOf(plan.value);
    const last = waves[waves.length - 1];
    if (!last || waves.length < 2) return;
    for (const gate of last.gates.filter((g) => g.kind === 'approval')) {
      ctx.report({
        path: [...gate.path, 'approval'],
        onKey: true,
        message: `Approval on the last wave (${last.name}) is asked after every context was promoted: it releases nothing. To have a person decide before ${last.name} starts, put the approval on wave ${waves[waves.length - 2].name}.`,
        fixes: [{ title: 'Remove the approval gate', edits: [{ op: 'remove', path: gate.path }], preferred: true }],
      });
    }
  },
};

import { K } from '../../engine/kinds';
import { resolveMaxUnavailable } from '../../semantics/waves/fields';
import type { Fix, Rule } from '../rule';
import { wavesOf } from './support/plan-walk';

export const rule: Rule = {
  id: 'waves/max-unavailable-invalid',
  description: 'A wave maxUnavailable of 0 (the wave can never start) or not a count or percentage: the executor refuses the plan.',
  severity: 'error',
  appliesTo: [K.WavePlan],
  upstream: 'docs/wave-plans.md "maxUnavailable": contexts released while fewer than maxUnavailable are in progress; server/src/semantics/waves/fields.ts resolveMaxUnavailable',
  check(object, ctx) {
    for (const wave of wavesOf(object.value)) {
      if (!('maxUnavailable' in wave.raw)) continue;
      const raw = wave.raw.maxUnavailable;
      const resolved = resolveMaxUnavailable(raw, wave.entries.length);
      if (resolved.ok) continue;
      const path = [...wave.path, 'maxUnavailable'];
      const fixes: Fix[] = [];
      if (resolved.zero) fixes.push({ title: 'Promote one context at a time (1)', edits: [{ op: 'replaceValue', path, value: 1 }], preferred: true });
      else if (typeof raw === 'string' && /^\s*[0-9]+\s*$/.test(raw) && Number(raw) > 0) {
        fixes.push({ title: `Use the number ${Number(raw)}`, edits: [{ op: 'replaceValue', path, value: Number(raw) }], preferred: true }, { title: `Use "${raw.trim()}%"`, edits: [{ op: 'replaceValue', path, value: `${raw.trim()}%` }] });
      }
      ctx.report({ path, message: resolved.message, fixes });
    }
  },
};

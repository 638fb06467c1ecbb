import { K } from '../../engine/kinds';
import { parseGoDuration } from '../../semantics/go/duration';
import { parseBake } from '../../semantics/waves/fields';
import type { Fix, Rule } from '../rule';
import { wavesOf } from './support/plan-walk';

/** `10 min`, `5 minutes`, `2d`: the duration a person most likely meant, when it is clear. */
function guess(text: string): string | undefined {
  const m = /^\s*([0-9]+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)\s*$/i.exec(text);
  if (!m) return undefined;
  const n = parseInt(m[1], 10);
  const unit = m[2].toLowerCase();
  if (unit.startsWith('d')) return `${n * 24}h`;
  const go = unit.startsWith('h') ? 'h' : unit.startsWith('m') ? 'm' : 's';
  const candidate = `${n}${go}`;
  return parseGoDuration(candidate).ok && n > 0 ? candidate : undefined;
}

export const rule: Rule = {
  id: 'waves/bake-invalid',
  description: 'A bake gate whose duration is not a Go duration ("10m", "1h30m") or not longer than zero: the executor refuses the plan.',
  severity: 'error',
  appliesTo: [K.WavePlan],
  upstream: 'docs/wave-plans.md "Gates": bake is read with Go time.ParseDuration, as every Argo Rollouts duration (argo-rollouts.md §1.4)',
  check(object, ctx) {
    for (const wave of wavesOf(object.value)) {
      for (const gate of wave.gates) {
        if (gate.kind !== 'bake') continue;
        const bake = parseBake(gate.value);
        if (bake.ok) continue;
        const path = [...gate.path, 'bake'];
        const better = typeof gate.value === 'string' ? guess(gate.value) : undefined;
        const fixes: Fix[] = better ? [{ title: `Bake for ${better}`, edits: [{ op: 'replaceValue', path, value: better }], preferred: true }] : [];
        ctx.report({ path, message: bake.message, fixes });
      }
    }
  },
};

import { describeField, FLEET_STRATEGY_HOLDERS, intOrStringFields, rolloutStrategyOf } from '../../semantics/fleet/rollout-strategy';
import type { Rule } from '../rule';

export const rule: Rule = {
  id: 'fleet/numeric-string',
  description: 'A rollout count written as a quoted number ("5"): Fleet takes it as an absolute count that is not capped by the number of clusters.',
  severity: 'info',
  appliesTo: FLEET_STRATEGY_HOLDERS,
  upstream: 'internal/cmd/controller/target/status.go limit(): strconv.Atoi(v) > 0 is returned as is, integers are capped at the count (fleet-argocd.md §2.2, §2.9 R2)',
  check(object, ctx) {
    const at = rolloutStrategyOf(object.typeId, object.value);
    if (!at) return;
    for (const f of intOrStringFields(at)) {
      if (typeof f.value !== 'string' || !/^[+-]?[0-9]+$/.test(f.value)) continue;
      const n = parseInt(f.value, 10);
      if (!(n > 0)) continue; // "0" and negatives fail the Bundle: fleet/invalid-int-or-percent
      ctx.report({
        path: f.path,
        message: `${describeField(f)}: "${f.value}" is a string: Fleet uses ${n} as an absolute count and, unlike the number ${n}, does not cap it at the number of clusters (status shows ${n} even for fewer). Write ${n} without quotes, or "${n}%" if you meant a percentage.`,
        fixes: [
          { title: `Use the number ${n}`, edits: [{ op: 'replaceValue', path: f.path, value: n }], preferred: true },
          { title: `Use "${n}%"`, edits: [{ op: 'replaceValue', path: f.path, value: `${n}%` }] },
        ],
      });
    }
  },
};

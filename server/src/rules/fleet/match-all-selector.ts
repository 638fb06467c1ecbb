import { K } from '../../engine/kinds';
import { criteriaEntries } from '../../semantics/fleet/targeting';
import type { Rule } from '../rule';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SELECTOR_KEYS = ['matchLabels', 'matchExpressions'];

function subject(key: 'clusterSelector' | 'clusterGroupSelector'): string {
  return key === 'clusterSelector' ? 'every cluster' : 'every cluster, whatever its ClusterGroups — including clusters in no group';
}

export const rule: Rule = {
  id: 'fleet/match-all-selector',
  description: 'A clusterSelector or clusterGroupSelector that matches every cluster: `{}`, or a selector whose keys Fleet drops so that it reads as `{}`.',
  severity: 'info',
  appliesTo: [K.FleetYaml, K.Bundle, K.HelmOp, K.GitRepo],
  upstream:
    'k8s.io/apimachinery LabelSelectorAsSelector ({} → Everything); matcher/clustermatcher.go (a cluster in no group is tested with no group labels); unknown keys dropped by read.go (fleet-argocd.md §1.6, §1.7 F7, §3.2)',
  check(object, ctx) {
    for (const e of criteriaEntries(object.typeId, object.value)) {
      for (const key of ['clusterSelector', 'clusterGroupSelector'] as const) {
        const raw = e.raw[key];
        if (!isRecord(raw)) continue;
        const keys = Object.keys(raw);
        const known = keys.filter((k) => SELECTOR_KEYS.includes(k));
        const empty = known.every((k) => {
          const v = raw[k];
          return v === null || v === undefined || (Array.isArray(v) ? v.length === 0 : isRecord(v) && Object.keys(v).length === 0);
        });
        if (!empty) continue;
        if (keys.length > known.length) {
          const dropped = keys.filter((k) => !SELECTOR_KEYS.includes(k));
          ctx.report({
            path: [...e.path, key],
            onKey: true,
            severity: 'warning',
            message: `A label selector has only matchLabels and matchExpressions: Fleet drops ${dropped.map((k) => `'${k}'`).join(', ')}, leaves an empty selector, and ${e.label} then matches ${subject(key)}.`,
          });
          continue;
        }
        const others = (['clusterName', 'clusterGroup', 'clusterSelector', 'clusterGroupSelector'] as const).filter((k) => k !== key && e.criteria[k] !== undefined);
        const note = others.length ? ` It adds no condition to ${others.join(' and ')}.` : '';
        ctx.report({ path: [...e.path, key], onKey: true, message: `${key}: {} matches ${subject(key)}.${note}` });
      }
    }
  },
};

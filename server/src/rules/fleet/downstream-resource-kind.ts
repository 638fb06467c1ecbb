import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import { goQuote } from '../../semantics/labels/selector';
import { closestKey } from '../../semantics/fleet/key-suggestions';
import type { Fix, Rule } from '../rule';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where downstreamResources lists live: the options and every target/customization. */
function lists(typeId: string | undefined, value: Record<string, unknown> | undefined): PathSeg[][] {
  const base: PathSeg[] = typeId === K.FleetYaml ? [] : ['spec'];
  const holder = typeId === K.FleetYaml ? value : isRecord(value?.spec) ? value.spec : undefined;
  if (!holder) return [];
  const out: PathSeg[][] = [[...base, 'downstreamResources']];
  for (const list of typeId === K.FleetYaml ? ['targets', 'targetCustomizations'] : ['targets']) {
    const entries = holder[list];
    if (Array.isArray(entries)) entries.forEach((_, i) => out.push([...base, list, i, 'downstreamResources']));
  }
  return out;
}

export const rule: Rule = {
  id: 'fleet/downstream-resource-kind',
  description: 'A downstreamResources entry whose kind is not Secret or ConfigMap: the Fleet controller fails to copy it.',
  severity: 'error',
  appliesTo: [K.FleetYaml, K.Bundle, K.HelmOp],
  upstream: 'internal/cmd/controller/reconciler/bundle_controller.go: "unsupported kind for object to copy to downstream: %q" (fleet-argocd.md §1.2, §1.7 F13)',
  check(object, ctx) {
    for (const listPath of lists(object.typeId, object.value)) {
      let list: unknown = object.value;
      for (const seg of listPath) list = typeof seg === 'number' ? (Array.isArray(list) ? list[seg] : undefined) : isRecord(list) ? list[seg] : undefined;
      if (!Array.isArray(list)) continue;
      list.forEach((entry, i) => {
        if (!isRecord(entry)) return;
        const kind = typeof entry.kind === 'string' ? entry.kind : entry.kind === undefined || entry.kind === null ? '' : String(entry.kind);
        if (['secret', 'configmap'].includes(kind.toLowerCase())) return;
        const meant = kind ? closestKey(kind.replace(/s$/i, ''), ['Secret', 'ConfigMap']) : undefined;
        const path = entry.kind === undefined ? [...listPath, i] : [...listPath, i, 'kind'];
        const fixes: Fix[] = meant && entry.kind !== undefined ? [{ title: `Use kind ${meant}`, edits: [{ op: 'replaceValue', path, value: meant }], preferred: true }] : [];
        ctx.report({
          path,
          message: `The Fleet controller fails with “unsupported kind for object to copy to downstream: ${goQuote(kind)}”: only Secret and ConfigMap can be copied to downstream clusters.`,
          fixes,
        });
      });
    }
  },
};

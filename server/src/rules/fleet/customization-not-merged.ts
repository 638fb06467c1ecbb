import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import type { Rule } from '../rule';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Options options.Merge never copies from a customization (fleet-argocd.md §1.4). */
const NOT_MERGED: ReadonlyArray<readonly string[]> = [
  ['ignore'],
  ['deleteNamespace'],
  ['deleteCRDResources'],
  ['createNamespace'],
  ['helm', 'maxHistory'],
  ['helm', 'skipSchemaValidation'],
  ['helm', 'disableDependencyUpdate'],
];

/** Options merged with OR: a customization can switch them on, never off. */
const OR_MERGED: ReadonlyArray<readonly string[]> = [
  ['keepResources'],
  ['helm', 'force'],
  ['helm', 'atomic'],
  ['helm', 'takeOwnership'],
  ['helm', 'disablePreProcess'],
  ['helm', 'waitForJobs'],
  ['helm', 'disableDNS'],
];

function get(value: unknown, path: readonly string[]): unknown {
  let cur = value;
  for (const k of path) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}

/**
 * Whether a value would change anything if it were merged. `fleet apply` writes zero values such
 * as `ignore: {}` into every Bundle target, so those are not the user's doing. createNamespace is
 * a pointer: any value differs from unset.
 */
function meaningful(key: readonly string[], v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (key[0] === 'createNamespace') return true;
  if (v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isRecord(v)) return Object.values(v).some((x) => x !== null && x !== undefined && !(Array.isArray(x) && x.length === 0));
  return true;
}

/** Customization lists of each type: fleet.yaml targets and targetCustomizations, Bundle/HelmOp spec.targets. */
function customizationLists(typeId: string | undefined): PathSeg[][] {
  if (typeId === K.FleetYaml) return [['targets'], ['targetCustomizations']];
  if (typeId === K.Bundle || typeId === K.HelmOp) return [['spec', 'targets']];
  return [];
}

export const rule: Rule = {
  id: 'fleet/customization-not-merged',
  description: 'An option in a targetCustomization that Fleet never merges into the cluster\'s options (ignore, deleteNamespace, createNamespace, helm.maxHistory, …), or a false that cannot switch off a true set at the top.',
  severity: 'warning',
  appliesTo: [K.FleetYaml, K.Bundle, K.HelmOp],
  upstream: 'internal/cmd/controller/options/calculate.go Merge (fleet-argocd.md §1.4, §1.6, §1.7 F5)',
  check(object, ctx) {
    const root = object.typeId === K.FleetYaml ? object.value : get(object.value, ['spec']);
    for (const listPath of customizationLists(object.typeId)) {
      let list: unknown = object.value;
      for (const seg of listPath) list = isRecord(list) ? list[seg as string] : undefined;
      if (!Array.isArray(list)) continue;
      list.forEach((entry, i) => {
        if (!isRecord(entry)) return;
        for (const key of NOT_MERGED) {
          if (!meaningful(key, get(entry, key))) continue;
          ctx.report({
            path: [...listPath, i, ...key],
            onKey: true,
            message: `Fleet does not merge ${key.join('.')} from a customization into the cluster's options: only the top-level value applies, so this one is ignored.`,
          });
        }
        for (const key of OR_MERGED) {
          if (get(entry, key) !== false || get(root, key) !== true) continue;
          ctx.report({
            path: [...listPath, i, ...key],
            onKey: true,
            message: `${key.join('.')} is true at the top level, and Fleet merges it with OR: a customization can switch it on but not off, so this false is ignored.`,
          });
        }
      });
    }
  },
};

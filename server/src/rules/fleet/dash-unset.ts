import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import type { Rule } from '../rule';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const KEYS = ['namespace', 'defaultNamespace', 'serviceAccount'] as const;

export const rule: Rule = {
  id: 'fleet/dash-unset',
  description: 'A customization sets namespace, defaultNamespace or serviceAccount to "-" to unset it: Fleet uses "-" literally.',
  severity: 'warning',
  appliesTo: [K.FleetYaml, K.Bundle, K.HelmOp],
  upstream: 'internal/cmd/controller/options/calculate.go Merge: a non-empty custom value wins before the "-" branch is reached (fleet-argocd.md §1.4, §1.7 F12)',
  check(object, ctx) {
    const lists: PathSeg[][] = object.typeId === K.FleetYaml ? [['targets'], ['targetCustomizations']] : [['spec', 'targets']];
    for (const listPath of lists) {
      let list: unknown = object.value;
      for (const seg of listPath) list = isRecord(list) ? list[seg as string] : undefined;
      if (!Array.isArray(list)) continue;
      list.forEach((entry, i) => {
        if (!isRecord(entry)) return;
        for (const key of KEYS) {
          if (entry[key] !== '-') continue;
          ctx.report({
            path: [...listPath, i, key],
            message: `"-" does not unset ${key}: Fleet takes any non-empty value from a customization as is, so clusters of this customization get ${key} "-" (not a valid ${key === 'serviceAccount' ? 'service account' : 'namespace'} name). Remove the top-level ${key} and set it only in the customizations that need it.`,
          });
        }
      });
    }
  },
};

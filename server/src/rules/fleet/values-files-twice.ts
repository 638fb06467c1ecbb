import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import type { Fix, Rule } from '../rule';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `./values.yaml`, `values.yaml` and `sub/../values.yaml` name the same file. */
function normalize(file: string): string {
  const out: string[] = [];
  for (const part of file.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function files(helm: unknown): string[] | undefined {
  if (!isRecord(helm) || !Array.isArray(helm.valuesFiles)) return undefined;
  return helm.valuesFiles.map((f) => (typeof f === 'string' ? f : String(f)));
}

/** Removes entry k, or the whole list (and an otherwise empty helm) when it is the only entry. */
function removal(helmPath: PathSeg[], helm: Record<string, unknown>, list: string[], k: number): Fix {
  if (list.length > 1) return { title: 'Remove the duplicate entry', edits: [{ op: 'remove', path: [...helmPath, 'valuesFiles', k] }], preferred: true };
  const onlyKey = Object.keys(helm).length === 1;
  return { title: 'Remove the duplicate entry', edits: [{ op: 'remove', path: onlyKey ? helmPath : [...helmPath, 'valuesFiles'] }], preferred: true };
}

export const rule: Rule = {
  id: 'fleet/values-files-twice',
  description: 'A values file listed again in a targetCustomization (or twice in one list): Fleet applies it a second time, on top of that customization\'s own values.',
  severity: 'warning',
  appliesTo: [K.FleetYaml],
  upstream:
    'internal/bundlereader/resources.go generateValues merges helm.values then each valuesFiles entry in order; options/calculate.go Merge deep-merges the customization over the top level (fleet-argocd.md §1.3, §1.4; seed 003)',
  check(object, ctx) {
    const value = object.value;
    if (!value) return;
    const top = files(value.helm) ?? [];
    const topSet = new Set(top.map(normalize));
    // Twice in the top-level list: harmless, but one of them is dead weight.
    top.forEach((f, k) => {
      if (top.slice(0, k).map(normalize).includes(normalize(f))) {
        ctx.report({
          path: ['helm', 'valuesFiles', k],
          severity: 'info',
          message: `${f} is already listed above; the second entry re-applies the same values.`,
          fixes: [removal(['helm'], value.helm as Record<string, unknown>, top, k)],
        });
      }
    });
    for (const list of ['targets', 'targetCustomizations']) {
      const entries = value[list];
      if (!Array.isArray(entries)) continue;
      entries.forEach((entry, i) => {
        if (!isRecord(entry) || !isRecord(entry.helm)) return;
        const own = files(entry.helm);
        if (!own) return;
        const helmPath: PathSeg[] = [list, i, 'helm'];
        const name = typeof entry.name === 'string' && entry.name ? `"${entry.name}"` : `${list}[${i}]`;
        const hasInline = isRecord(entry.helm.values) && Object.keys(entry.helm.values).length > 0;
        own.forEach((f, k) => {
          const n = normalize(f);
          const inTop = topSet.has(n);
          const earlier = own.slice(0, k).map(normalize).includes(n);
          if (!inTop && !earlier) return;
          const overridden = [...(hasInline ? [`its helm.values`] : []), ...own.slice(0, k).filter((g) => normalize(g) !== n)];
          const where = inTop ? 'the top-level helm.valuesFiles already applies it to every cluster' : 'it is already listed above in this customization';
          const effect = overridden.length
            ? `listing it again here applies it once more after ${overridden.join(' and ')}, so it undoes their overrides of the same keys`
            : 'listing it again here only applies the same values a second time';
          ctx.report({
            path: [...helmPath, 'valuesFiles', k],
            severity: overridden.length ? 'warning' : 'info',
            message: `${f} in customization ${name}: ${where}; ${effect}. List only the files that differ for these clusters.`,
            fixes: [removal(helmPath, entry.helm as Record<string, unknown>, own, k)],
          });
        });
      });
    }
  },
};

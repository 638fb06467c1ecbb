import { K } from '../../engine/kinds';
import type { PathSeg } from '../../engine/yaml-nodes';
import type { Fix, Rule } from '../rule';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const rule: Rule = {
  id: 'fleet/helm-chart-oci',
  description: 'helm.chart holds an oci:// reference: deprecated in Fleet, which wants the OCI reference in helm.repo.',
  severity: 'info',
  appliesTo: [K.FleetYaml],
  upstream: 'internal/bundlereader/resources.go: "helm.chart contains an OCI URL %q; use helm.repo instead (helm.chart for OCI URLs is deprecated)" (fleet-argocd.md §1.3, §1.7 F11)',
  check(object, ctx) {
    const value = object.value;
    if (!value) return;
    const places: PathSeg[][] = [['helm']];
    for (const list of ['targets', 'targetCustomizations']) {
      const entries = value[list];
      if (Array.isArray(entries)) entries.forEach((_, i) => places.push([list, i, 'helm']));
    }
    for (const helmPath of places) {
      let helm: unknown = value;
      for (const seg of helmPath) helm = typeof seg === 'number' ? (Array.isArray(helm) ? helm[seg] : undefined) : isRecord(helm) ? helm[seg] : undefined;
      if (!isRecord(helm) || typeof helm.chart !== 'string' || !/^oci:\/\//i.test(helm.chart)) continue;
      const repoFree = helm.repo === undefined || helm.repo === null || helm.repo === '';
      const fixes: Fix[] = repoFree ? [{ title: "Move the OCI reference to 'repo'", edits: [{ op: 'renameKey', path: [...helmPath, 'chart'], to: 'repo' }], preferred: true }] : [];
      ctx.report({
        path: [...helmPath, 'chart'],
        message: `fleet apply logs “helm.chart contains an OCI URL ${JSON.stringify(helm.chart)}; use helm.repo instead (helm.chart for OCI URLs is deprecated)”. Put the full oci:// reference in helm.repo and leave chart empty.`,
        fixes,
      });
    }
  },
};

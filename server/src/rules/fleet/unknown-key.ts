import { K } from '../../engine/kinds';
import { FLEET_YAML_SCHEMA_ID, formatPath, schemaFor } from '../../engine/schema';
import { allowedKeys, closestKey, placesOfKey } from '../../semantics/fleet/key-suggestions';
import type { Fix, Rule } from '../rule';
import { isUnknownKey, schemaIssues } from '../schema/schema-issues';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function mapAt(value: unknown, path: readonly (string | number)[]): Record<string, unknown> | undefined {
  let cur = value;
  for (const seg of path) cur = typeof seg === 'number' ? (Array.isArray(cur) ? cur[seg] : undefined) : isRecord(cur) ? cur[seg] : undefined;
  return isRecord(cur) ? cur : undefined;
}

export const rule: Rule = {
  id: 'fleet/unknown-key',
  description: 'A key Fleet does not know in fleet.yaml: fleet apply ignores it silently, so the setting never takes effect.',
  severity: 'warning',
  appliesTo: [K.FleetYaml],
  upstream: 'internal/bundlereader/read.go decodes fleet.yaml without strict field checking (fleet-argocd.md §1.6, §1.7 F3, F9)',
  check(object, ctx) {
    const schema = schemaFor(FLEET_YAML_SCHEMA_ID);
    for (const issue of schemaIssues(object)) {
      if (!isUnknownKey(issue)) continue;
      const key = String(issue.path[issue.path.length - 1]);
      const parent = issue.path.slice(0, -1);
      const where = parent.length ? formatPath(parent) : 'the top level';

      // F9: overrideTargets entries are GitTargets, which have no doNotDeploy.
      if (key === 'doNotDeploy' && parent.length === 2 && parent[0] === 'overrideTargets') {
        ctx.report({
          path: issue.path,
          onKey: true,
          message: `Fleet ignores doNotDeploy in overrideTargets: its entries only select clusters (name, clusterName, clusterSelector, clusterGroup, clusterGroupSelector). To keep clusters out, leave them out of overrideTargets, or add a targetCustomization with the same criteria and doNotDeploy: true.`,
        });
        continue;
      }

      const siblings = Object.keys(mapAt(object.value, parent) ?? {});
      const candidates = allowedKeys(schema, parent);
      const meant = closestKey(key, candidates);
      if (meant && meant !== key) {
        const taken = siblings.includes(meant);
        const fixes: Fix[] = taken ? [] : [{ title: `Rename to '${meant}'`, edits: [{ op: 'renameKey', path: issue.path, to: meant }], preferred: true }];
        ctx.report({
          path: issue.path,
          onKey: true,
          message: `Fleet ignores unknown key '${key}' at ${where}: did you mean '${meant}'?${taken ? ` ('${meant}' is already set here, so this one is ignored.)` : ''}`,
          fixes,
        });
        continue;
      }
      const elsewhere = placesOfKey(schema, key).slice(0, 2);
      const hint = elsewhere.length ? ` '${key}' is a key of ${elsewhere.map((p) => `'${p.slice(0, p.length - key.length - 1) || '<top level>'}'`).join(' and ')} — is it at the wrong level?` : '';
      ctx.report({ path: issue.path, onKey: true, message: `Fleet ignores unknown key '${key}' at ${where}: ${issue.message}.${hint}` });
    }
  },
};

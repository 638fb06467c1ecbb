import { K } from '../../engine/kinds';
import type { Rule } from '../rule';
import { isUnknownKey, schemaIssues } from '../schema/schema-issues';

export const rule: Rule = {
  id: 'fleet/unknown-key',
  description: 'A key Fleet does not know in fleet.yaml: fleet apply ignores it silently, so the setting never takes effect.',
  severity: 'warning',
  appliesTo: [K.FleetYaml],
  upstream: 'internal/bundlereader/read.go decodes fleet.yaml without strict field checking (fleet-argocd.md §1.6)',
  check(object, ctx) {
    for (const issue of schemaIssues(object)) {
      if (!isUnknownKey(issue)) continue;
      const key = issue.path[issue.path.length - 1];
      ctx.report({ path: issue.path, onKey: true, message: `Fleet ignores unknown key '${String(key)}' here: ${issue.message}` });
    }
  },
};

import { K } from '../../engine/kinds';
import type { Rule } from '../rule';
import { isUnknownKey, schemaIssues, severityOf } from '../schema/schema-issues';

export const rule: Rule = {
  id: 'fleet/invalid-value',
  description: 'A fleet.yaml value of the wrong type or outside its allowed values: fleet apply or the Bundle API rejects it.',
  severity: 'error',
  appliesTo: [K.FleetYaml],
  upstream: 'read.go bundleFromDir "failed to process bundle: reading fleet.yaml: …"; Bundle CRD enums (fleet-argocd.md §1.5)',
  check(object, ctx) {
    for (const issue of schemaIssues(object)) {
      if (isUnknownKey(issue)) continue;
      ctx.report({ path: issue.path, onKey: issue.onKey, message: issue.message, severity: severityOf(issue) });
    }
  },
};

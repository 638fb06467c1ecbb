import { K } from '../../engine/kinds';
import type { Rule } from '../rule';
import { isUnknownKey, schemaIssues, severityOf } from './schema-issues';

export const rule: Rule = {
  id: 'schema/invalid-value',
  description: 'A value of the wrong type, a missing required field or a value outside an enum: the API server rejects the object.',
  severity: 'error',
  appliesTo: ['*'],
  upstream: 'CRD OpenAPI v3 schemas in shared/crds (argo-rollouts.md §6, fleet-argocd.md §1.5 F2)',
  check(object, ctx) {
    if (object.typeId === K.FleetYaml) return;
    for (const issue of schemaIssues(object)) {
      if (isUnknownKey(issue)) continue;
      ctx.report({ path: issue.path, onKey: issue.onKey, message: issue.message, severity: severityOf(issue) });
    }
  },
};

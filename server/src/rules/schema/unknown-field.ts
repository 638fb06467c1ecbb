import { K } from '../../engine/kinds';
import type { Rule } from '../rule';
import { isUnknownKey, schemaIssues } from './schema-issues';

export const rule: Rule = {
  id: 'schema/unknown-field',
  description: 'A field the CRD does not define: the API server rejects it under strict field validation, or drops it.',
  severity: 'error',
  appliesTo: ['*'],
  upstream: 'CRD structural schemas in shared/crds; kubectl --validate=strict "strict decoding error: unknown field" (argo-rollouts.md §6)',
  check(object, ctx) {
    if (object.typeId === K.FleetYaml) return;
    for (const issue of schemaIssues(object)) {
      if (isUnknownKey(issue)) ctx.report({ path: issue.path, onKey: true, message: issue.message });
    }
  },
};

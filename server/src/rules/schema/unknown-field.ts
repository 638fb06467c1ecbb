import { K } from '../../engine/kinds';
import { schemaFor, schemaIdFor } from '../../engine/schema';
import { knownKeysAt } from '../../engine/schema/known-keys';
import { didYouMean } from '../../semantics/text/did-you-mean';
import type { Fix, Rule } from '../rule';
import { isUnknownKey, schemaIssues } from './schema-issues';

export const rule: Rule = {
  id: 'schema/unknown-field',
  description: 'A field the CRD does not define: the API server rejects it under strict field validation, or drops it.',
  severity: 'error',
  appliesTo: ['*'],
  upstream: 'CRD structural schemas in shared/crds; kubectl --validate=strict "strict decoding error: unknown field" (argo-rollouts.md §6)',
  check(object, ctx) {
    if (object.typeId === K.FleetYaml) return;
    const id = schemaIdFor(object.apiVersion, object.kind);
    const schema = id ? schemaFor(id) : undefined;
    for (const issue of schemaIssues(object)) {
      if (!isUnknownKey(issue)) continue;
      const key = String(issue.path[issue.path.length - 1]);
      const parent = issue.path.slice(0, -1);
      const known = schema ? knownKeysAt(schema, parent) : undefined;
      const suggestion = known ? didYouMean(key, known) : undefined;
      const fixes: Fix[] | undefined = suggestion ? [{ title: `Rename '${key}' to '${suggestion}'`, preferred: true, edits: [{ op: 'renameKey', path: issue.path, to: suggestion }] }] : undefined;
      ctx.report({ path: issue.path, onKey: true, message: suggestion ? `${issue.message}: did you mean '${suggestion}'?` : issue.message, fixes });
    }
  },
};

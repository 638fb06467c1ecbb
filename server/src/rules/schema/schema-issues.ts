import type { ManifestObject } from '../../engine/objects';
import type { Severity } from '../rule';
import { K } from '../../engine/kinds';
import { FLEET_YAML_SCHEMA_ID, schemaIdFor, validateWithSchema, type SchemaIssue } from '../../engine/schema';

const memo = new WeakMap<ManifestObject, SchemaIssue[]>();

/** Schema issues of an object, computed once per parse and shared by the schema rules. */
export function schemaIssues(object: ManifestObject): SchemaIssue[] {
  let issues = memo.get(object);
  if (issues) return issues;
  const id = object.typeId === K.FleetYaml ? FLEET_YAML_SCHEMA_ID : schemaIdFor(object.apiVersion, object.kind);
  issues = id && object.value ? validateWithSchema(id, object.value) : [];
  memo.set(object, issues);
  return issues;
}

export const isUnknownKey = (issue: SchemaIssue): boolean => issue.keyword === 'additionalProperties';

/**
 * `key:` with no value where the schema wants a value is dropped by the API server and read as
 * unset by the Go decoders: worth a warning, not an error. The truncation notice is information.
 */
export function severityOf(issue: SchemaIssue): Severity | undefined {
  if (issue.keyword === 'nullValue') return 'warning';
  if (issue.keyword === 'truncated') return 'info';
  return undefined;
}

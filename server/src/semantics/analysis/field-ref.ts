/**
 * Rollout analysis args with `valueFrom` (fn BuildArgumentsForRolloutAnalysisRun, validation.go
 * C24; argo-rollouts.md §1.3.1, §1.6.3): `metadata…` paths go through the Kubernetes downward-API
 * extractor (k8s.io/kubernetes pkg/fieldpath ExtractFieldPathAsString), anything else is a JSON
 * walk of the Rollout.
 */
import { APIMACHINERY_V034, labelKeyProblems } from '../labels/syntax';
import { isObj } from './spec';

/** apimachinery IsQualifiedName, reduced to pass/fail. */
export const isQualifiedName = (key: string): boolean => labelKeyProblems(key, APIMACHINERY_V034).length === 0;

/** The error ExtractFieldPathAsString returns for a `metadata…` path, or undefined when it is supported. */
export function downwardApiError(fieldPath: string): string | undefined {
  if (fieldPath.endsWith("']")) {
    const parts = fieldPath.slice(0, -2).split("['");
    if (parts.length >= 2 && parts[0] !== '') {
      const [path, ...rest] = parts;
      const subscript = rest.join("['");
      if (path === 'metadata.annotations' || path === 'metadata.labels') {
        return isQualifiedName(subscript.toLowerCase()) ? undefined : `invalid key subscript in ${fieldPath}`;
      }
      return `fieldPath ${JSON.stringify(fieldPath)} does not support subscript`;
    }
  }
  if (['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'].includes(fieldPath)) return undefined;
  return `unsupported fieldPath: ${fieldPath}`;
}

export type WalkResult = { ok: true } | { ok: false; error: string } | { ok: 'unknown' };

/**
 * extractValueFromRollout on the manifest as written: split on `.`, `[`, `]`; fails when a section
 * is missing or the path ends on an object or list. Paths into `status` depend on the live object.
 */
export function walkRollout(rollout: Record<string, unknown> | undefined, path: string): WalkResult {
  const sections = path.split(/[.[\]]+/).filter((s) => s !== '');
  if (sections[0] === 'status' || !rollout) return { ok: 'unknown' };
  let v: unknown = rollout;
  for (const section of sections) {
    if (Array.isArray(v)) {
      if (!/^[+-]?\d+$/.test(section)) return { ok: false, error: `invalid index '${section}'` };
      const i = parseInt(section, 10);
      if (i >= v.length) return { ok: false, error: `index ${i} out of range` };
      v = v[i];
    } else if (isObj(v)) {
      if (!(section in v)) return { ok: false, error: `invalid path ${path} in rollout` };
      v = v[section];
    } else {
      return { ok: false, error: `invalid path ${path} in rollout` };
    }
  }
  if (isObj(v) || Array.isArray(v)) return { ok: false, error: `path ${path} in rollout must terminate in a primitive value` };
  return { ok: true };
}

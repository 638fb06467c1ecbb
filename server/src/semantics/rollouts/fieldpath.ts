/**
 * The downward-API field paths k8s.io/kubernetes/pkg/fieldpath ExtractFieldPathAsString accepts on
 * a Rollout, which the controller uses for analysis args `valueFrom.fieldRef.fieldPath` starting
 * with `metadata` (argo-rollouts.md §1.3.1 C24).
 */
import { goQuote } from './field-error';
import { isQualifiedName } from './labels';

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']` → ['metadata.labels', 'key']. */
export function splitSubscriptedPath(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

/**
 * The error ExtractFieldPathAsString returns for this path, or undefined when it resolves.
 * Supported: metadata.name, metadata.namespace, metadata.uid, metadata.labels,
 * metadata.annotations, and metadata.labels['<key>'] / metadata.annotations['<key>'] with a
 * valid label key (annotation keys are lower-cased before the check).
 */
export function downwardApiPathError(fieldPath: string): string | undefined {
  const split = splitSubscriptedPath(fieldPath);
  if (split) {
    const [path, subscript] = split;
    if (path === 'metadata.annotations' || path === 'metadata.labels') {
      const errs = isQualifiedName(path === 'metadata.annotations' ? subscript.toLowerCase() : subscript);
      return errs.length ? `invalid key subscript in ${fieldPath}: ${errs.join(';')}` : undefined;
    }
    return `fieldPath ${goQuote(fieldPath)} does not support subscript`;
  }
  switch (fieldPath) {
    case 'metadata.annotations':
    case 'metadata.labels':
    case 'metadata.name':
    case 'metadata.namespace':
    case 'metadata.uid':
      return undefined;
  }
  return `unsupported fieldPath: ${fieldPath}`;
}

/**
 * Whether the Rollout validator rejects this fieldRef path (C24): only paths starting with
 * `metadata` are run through the downward-API extraction; others are walked in the Rollout JSON
 * at run time and never reported by validation.
 */
export function isInvalidAnalysisFieldRef(fieldPath: unknown): boolean {
  return typeof fieldPath === 'string' && fieldPath.startsWith('metadata') && downwardApiPathError(fieldPath) !== undefined;
}

/**
 * Renders a Kubernetes `field.Error` the way apimachinery v0.34 prints it (argo-rollouts.md §0.1):
 * `<path>: <Type>: <value>: <detail>`. Strings are Go-quoted; everything else is JSON.
 */
export type FieldErrorType = 'Invalid value' | 'Required value' | 'Unsupported value' | 'Duplicate value' | 'Not found' | 'Forbidden' | 'Internal error';

const VALUELESS: ReadonlySet<FieldErrorType> = new Set(['Required value', 'Forbidden', 'Internal error']);

export function goQuote(s: string): string {
  return JSON.stringify(s);
}

export function renderFieldValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

export function fieldError(path: string, type: FieldErrorType, value: unknown, detail: string): string {
  const body = VALUELESS.has(type) ? type : `${type}: ${renderFieldValue(value)}`;
  return detail ? `${path}: ${body}: ${detail}` : `${path}: ${body}`;
}

/** `spec.strategy.canary.steps[0].analysis` from ['spec','strategy','canary','steps',0,'analysis']. */
export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

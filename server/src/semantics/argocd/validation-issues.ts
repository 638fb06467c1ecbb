/**
 * The problems the ApplicationSet controller collects while it runs a RollingSync, and the text of
 * the `InvalidRolloutConfig` condition it writes from them (fleet-argocd.md §5.4; upstream
 * applicationset/progressivesync/validation_issues.go). Step indices are 0-based here and 1-based
 * in every message, as upstream.
 */

/** A Kubernetes int-or-string as it reaches the controller: a YAML integer or a YAML string. */
export type IntOrString = number | string;

export interface InvalidMatchExpression {
  stepIndex: number;
  operator: string;
}

export interface InvalidMaxUpdate {
  stepIndex: number;
  maxUpdate: IntOrString;
  /** The intstr error, for logs; not part of the condition message. */
  error: string;
}

export interface ValidationIssues {
  invalidMatchExpressions: InvalidMatchExpression[];
  /** Application name → every 0-based step that selected it, the first (kept) step first. */
  duplicateAppSelections: Map<string, number[]>;
  emptySteps: number[];
  invalidMaxUpdates: InvalidMaxUpdate[];
}

export function emptyIssues(): ValidationIssues {
  return { invalidMatchExpressions: [], duplicateAppSelections: new Map(), emptySteps: [], invalidMaxUpdates: [] };
}

export function hasIssues(v: ValidationIssues): boolean {
  return v.invalidMatchExpressions.length > 0 || v.duplicateAppSelections.size > 0 || v.emptySteps.length > 0 || v.invalidMaxUpdates.length > 0;
}

/** intstr.IntOrString.String(): the integer in decimal, or the string as written. */
export function intOrStringText(v: IntOrString): string {
  return typeof v === 'number' ? String(Math.trunc(v)) : v;
}

export const SUPPORTED_OPERATORS_NOTE = "Supported Operators are 'In' and 'NotIn'";

/** `Step 1 has invalid matchExpression operators: Exists. Supported Operators are 'In' and 'NotIn'` (one entry per recorded (step, operator)). */
export function invalidMatchExpressionMessage(issues: readonly InvalidMatchExpression[]): string {
  const steps = issues.map((i) => String(i.stepIndex + 1));
  const operators = issues.map((i) => i.operator).join(', ');
  // Upstream chooses singular/plural from the number of entries, so one step with two bad
  // operators reads "Steps 1, 1 have ...".
  if (steps.length === 1) return `Step ${steps[0]} has invalid matchExpression operators: ${operators}. ${SUPPORTED_OPERATORS_NOTE}`;
  return `Steps ${steps.join(', ')} have invalid matchExpression operators: ${operators}. ${SUPPORTED_OPERATORS_NOTE}`;
}

/** Go's sort.Strings order: byte-wise, which for JS strings is UTF-16 order except for astral characters. */
function goStringCompare(a: string, b: string): number {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ab, bb);
}

/** `Application 'foo' is selected by multiple steps: (1-2)` / `Applications 'bar', 'foo' are selected by multiple steps: [(2-3), (1-2)]`. */
export function duplicateSelectionMessage(dups: ReadonlyMap<string, readonly number[]>): string {
  const names = [...dups.keys()].sort(goStringCompare);
  const groups = names.map((n) => dups.get(n)!.map((s) => String(s + 1)).join('-'));
  if (names.length === 1) return `Application '${names[0]}' is selected by multiple steps: (${groups.join(', ')})`;
  return `Applications '${names.join("', '")}' are selected by multiple steps: [(${groups.join('), (')})]`;
}

/** `Step 1 has an invalid maxUpdate value: 2` / `Steps 1, 5 have invalid maxUpdate values: [Invalid, Another]`. */
export function invalidMaxUpdateMessage(issues: readonly InvalidMaxUpdate[]): string {
  const steps = issues.map((i) => String(i.stepIndex + 1)).join(', ');
  const values = issues.map((i) => intOrStringText(i.maxUpdate)).join(', ');
  if (issues.length === 1) return `Step ${steps} has an invalid maxUpdate value: ${values}`;
  return `Steps ${steps} have invalid maxUpdate values: [${values}]`;
}

/** `Steps [1 5] have no applications matching their criteria` (Go's %v of a []string, even for one step). */
export function emptyStepsMessage(steps: readonly number[]): string {
  return `Steps [${steps.map((s) => String(s + 1)).join(' ')}] have no applications matching their criteria`;
}

/**
 * The condition message: only the highest-priority kind of issue is reported — invalid operators,
 * then duplicate selections, then invalid maxUpdate values, then empty steps. Empty when there is none.
 */
export function conditionMessage(v: ValidationIssues): string {
  if (v.invalidMatchExpressions.length > 0) return invalidMatchExpressionMessage(v.invalidMatchExpressions);
  if (v.duplicateAppSelections.size > 0) return duplicateSelectionMessage(v.duplicateAppSelections);
  if (v.invalidMaxUpdates.length > 0) return invalidMaxUpdateMessage(v.invalidMaxUpdates);
  if (v.emptySteps.length > 0) return emptyStepsMessage(v.emptySteps);
  return '';
}

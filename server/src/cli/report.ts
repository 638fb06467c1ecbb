import type { Diagnostic } from '../check/diagnostic';

/** One diagnostic as the CLI prints it: 1-based positions, end exclusive. */
export interface Reported {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

export function toReported(file: string, d: Diagnostic): Reported {
  return {
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity === 'hint' ? 'info' : d.severity,
    code: d.code,
    message: d.message,
  };
}

export interface LintResult {
  files: number;
  diagnostics: Reported[];
  /** Per rule id, the rule's doc link and description, for SARIF. */
  rules: Map<string, { description: string; docUrl: string; severity: Reported['severity'] }>;
}

export function formatText(result: LintResult): string {
  const lines = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.message} [${d.code}]`);
  const count = (s: Reported['severity']) => result.diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')} in ${plural(result.files, 'file')}`);
  return lines.join('\n') + '\n';
}

export function formatJson(result: LintResult): string {
  return JSON.stringify({ version: 1, files: result.files, diagnostics: result.diagnostics }) + '\n';
}

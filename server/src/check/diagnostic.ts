import type { Range } from '../engine/text/line-index';
import type { Severity } from '../rules/rule';

export interface RelatedInformation {
  uri: string;
  range: Range;
  message: string;
}

export interface DiagnosticFix {
  title: string;
  preferred: boolean;
  edits: Array<{ uri: string; range: Range; newText: string }>;
}

/** A finding placed in a file: what both adapters (LSP, CLI) turn into their own format. */
export interface Diagnostic {
  range: Range;
  severity: Severity;
  /** The rule id. */
  code: string;
  message: string;
  /** Link to the rule's section of docs/rules.md. */
  docUrl: string;
  related?: RelatedInformation[];
  /** Mechanical fixes, already turned into text edits against the current text. */
  fixes?: DiagnosticFix[];
}

export function ruleAnchor(ruleId: string): string {
  return ruleId.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

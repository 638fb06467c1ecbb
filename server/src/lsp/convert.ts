import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem as LspCompletionItem,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
} from 'vscode-languageserver';
import type { Diagnostic } from '../check/diagnostic';
import type { CompletionItem } from '../features/completion';
import type { OutlineSymbol } from '../features/symbols';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: d.docUrl },
    source: 'fleet-rollouts',
    message: d.message,
  };
  if (d.related) out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  return out;
}

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  object: SymbolKind.Class,
  step: SymbolKind.Event,
  metric: SymbolKind.Function,
  partition: SymbolKind.Namespace,
  customization: SymbolKind.Struct,
  arg: SymbolKind.Variable,
  template: SymbolKind.Interface,
};

export function toLspSymbol(s: OutlineSymbol): DocumentSymbol {
  return { name: s.name, detail: s.detail, kind: SYMBOL_KIND[s.kind], range: s.range, selectionRange: s.selectionRange, children: s.children.map(toLspSymbol) };
}

const COMPLETION_KIND: Record<CompletionItem['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
};

export function toLspCompletion(c: CompletionItem): LspCompletionItem {
  const item: LspCompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    textEdit: { range: c.range, newText: c.insertText },
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
  if (c.sortText) item.sortText = c.sortText;
  return item;
}

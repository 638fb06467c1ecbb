import { Workspace } from './engine/workspace';
import type { TextEdit } from './engine/source-file';
import { checkText } from './engine/text/decode';
import type { FileNotice } from './engine/source-file';
import { Checker } from './check/checker';
import { defaultConfig, type CheckConfig } from './check/config';
import type { Diagnostic } from './check/diagnostic';
import { ALL_RULES } from './rules';
import type { Position } from './engine/text/line-index';
import type { Inventory } from './engine/inventory';
import { documentSymbols, foldingRanges } from './features/symbols';
import { hover } from './features/hover';
import { complete } from './features/completion';
import { definition, findReferences, rename } from './features/references';
import { codeLenses } from './features/code-lens';
import { semanticTokens } from './features/semantic-tokens';

/**
 * The engine as one object, free of any transport: the LSP server and the CLI both drive it.
 * Every mutation returns the files whose diagnostics may have changed.
 */
export class LanguageService {
  readonly workspace = new Workspace();
  readonly checker: Checker;

  constructor(config: CheckConfig = defaultConfig()) {
    this.checker = new Checker(this.workspace, ALL_RULES, config);
  }

  setFile(uri: string, text: string, version = 0, notice?: FileNotice): Set<string> {
    const decoded = notice ? { text, notice } : checkText(text);
    return this.checker.update(this.workspace.setFile(uri, decoded.text, version, decoded.notice));
  }

  editFile(uri: string, edits: TextEdit[], version: number): Set<string> {
    return this.checker.update(this.workspace.editFile(uri, edits, version));
  }

  removeFile(uri: string): Set<string> {
    return this.checker.update(this.workspace.removeFile(uri));
  }

  /** Frees the node trees once diagnostics are out; features and edits re-parse what they touch. */
  releaseTrees(): void {
    this.workspace.releaseTrees();
  }

  hasFile(uri: string): boolean {
    return this.workspace.file(uri) !== undefined;
  }

  diagnostics(uri: string): Diagnostic[] {
    return this.checker.diagnostics(uri);
  }

  /** Live clusters of the watched hub contexts (undefined: none watched). Returns the files to re-check. */
  setInventory(inventory: Inventory | undefined): Set<string> {
    this.workspace.inventory = inventory;
    return this.checker.inventoryChanged();
  }

  setConfig(config: CheckConfig): void {
    this.checker.config = config;
  }

  documentSymbols(uri: string) {
    return documentSymbols(this.workspace, uri);
  }

  foldingRanges(uri: string) {
    return foldingRanges(this.workspace, uri);
  }

  hover(uri: string, position: Position) {
    return hover(this.workspace, uri, position);
  }

  completion(uri: string, position: Position) {
    return complete(this.workspace, uri, position);
  }

  definition(uri: string, position: Position) {
    return definition(this.workspace, uri, position);
  }

  references(uri: string, position: Position, includeDeclaration: boolean) {
    return findReferences(this.workspace, uri, position, includeDeclaration);
  }

  rename(uri: string, position: Position, newName: string) {
    return rename(this.workspace, uri, position, newName);
  }

  codeLenses(uri: string) {
    return codeLenses(this.workspace, uri);
  }

  semanticTokens(uri: string) {
    return semanticTokens(this.workspace, uri);
  }
}

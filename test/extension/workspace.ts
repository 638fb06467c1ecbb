/** The examples/ workspace the extension tests open, and waiting on what the language server publishes. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'fleet-rollouts.fleet-rollouts';

/** Activates the extension under test (the one loaded from the development path). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

/** A file of the open examples/ folder, by its path inside it. */
export function exampleUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the examples/ folder open as the workspace');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function openExample(relative: string): Promise<vscode.TextEditor> {
  await activateExtension();
  const doc = await vscode.workspace.openTextDocument(exampleUri(relative));
  const editor = await vscode.window.showTextDocument(doc);
  // The language client pulls diagnostics only for documents shown in a tab (and drops a pull that
  // returns before the tab is known): wait for the tab, as a user's document always has one.
  const uri = doc.uri.toString();
  await waitFor(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri)), 10_000, `a tab for ${relative}`);
  return editor;
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The rule id of a diagnostic (its code is `{ value, target }` when it links to the rule's docs). */
export function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}

export function diagnosticsOf(uri: vscode.Uri, rule: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => ruleOf(d) === rule);
}

/** Position of the first occurrence of `text` in a document (at `offset` characters into it). */
export function positionOf(doc: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(text);
  assert.ok(at >= 0, `${text} not found in ${doc.uri.path}`);
  return doc.positionAt(at + offset);
}

/** Closes every editor without saving what the tests typed, so the next test starts from the files on disk. */
export async function closeAllWithoutSaving(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && doc.uri.scheme !== 'untitled') {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

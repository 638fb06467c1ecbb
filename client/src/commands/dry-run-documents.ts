/** Read-only virtual documents for the "start" diff: the live object and the server's dry-run result. */
import * as vscode from 'vscode';

export const DRY_RUN_SCHEME = 'fleet-rollouts-apply';

export class DryRunDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores `text` under a readable path (`context/namespace/name (live).yaml`) and returns its URI. */
  put(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DRY_RUN_SCHEME, path: `/${path}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# this dry run is no longer available: run "Start Rollout" again\n';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

/**
 * "Reveal in editor": from a Rollout in the tree to the workspace manifest that defines it — the
 * YAML document with `kind: Rollout` and that `metadata.name`, opened at the name.
 */
import * as vscode from 'vscode';
import { findRolloutManifests, mayDefineRollout, type ManifestMatch } from '../../model/manifests';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';
const MAX_FILES = 5000;

interface Found extends ManifestMatch {
  uri: vscode.Uri;
}

export async function findManifests(name: string, namespace: string | undefined, token?: vscode.CancellationToken): Promise<Found[]> {
  const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', EXCLUDE, MAX_FILES, token);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const found: Found[] = [];
  const decoder = new TextDecoder();
  await Promise.all(
    files.map(async (uri) => {
      try {
        // An open editor's text wins over the file (it may be unsaved).
        const text = open.get(uri.toString())?.getText() ?? decoder.decode(await vscode.workspace.fs.readFile(uri));
        if (!mayDefineRollout(text, name)) return;
        for (const m of findRolloutManifests(text, name, namespace)) found.push({ ...m, uri });
      } catch {
        // unreadable file: skip
      }
    }),
  );
  // Same namespace (or none named) first, then by path.
  return found.sort((a, b) => Number(b.namespaceMatches) - Number(a.namespaceMatches) || a.uri.path.localeCompare(b.uri.path) || a.line - b.line);
}

export async function revealRolloutManifest(target: { name: string; namespace: string; context?: string }): Promise<boolean> {
  const found = await vscode.window.withProgress({ location: { viewId: 'fleetRollouts.rollouts' } }, (_, token) => findManifests(target.name, target.namespace, token));
  const candidates = found.some((f) => f.namespaceMatches) ? found.filter((f) => f.namespaceMatches) : found;
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No manifest in this workspace defines the Rollout ${target.name} (kind: Rollout, metadata.name: ${target.name}).`);
    return false;
  }
  let pick: Found | undefined = candidates[0];
  if (candidates.length > 1) {
    const chosen = await vscode.window.showQuickPick(
      candidates.map((f) => ({ label: vscode.workspace.asRelativePath(f.uri), description: `line ${f.line + 1}${f.namespace ? ` · namespace ${f.namespace}` : ''}`, f })),
      { title: `Manifests defining the Rollout ${target.name}`, placeHolder: 'Open which one?' },
    );
    pick = chosen?.f;
  }
  if (!pick) return false;
  const pos = new vscode.Position(pick.line, pick.character);
  const editor = await vscode.window.showTextDocument(pick.uri, { selection: new vscode.Range(pos, pos.translate(0, target.name.length)), preview: false });
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

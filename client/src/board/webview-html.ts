/**
 * The page both board panels (Fleet/RollingSync and wave plans) load into their webview: the
 * bundled dist/board.js and dist/board.css and nothing else, under a CSP that allows only those and
 * a script carrying this page's nonce.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface BoardPage {
  title: string;
  /** `data-context` of the app element (the context or contexts the board reads). */
  context: string;
  /** Shown until the first model arrives. */
  loading: string;
}

export function boardHtml(webview: vscode.Webview, dist: vscode.Uri, page: BoardPage): string {
  const nonce = randomBytes(18).toString('base64url');
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`].join('; ');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'board.js')).toString();
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'board.css')).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${escapeAttr(page.title)}</title>
</head>
<body>
<div id="app" data-context="${escapeAttr(page.context)}"><p class="loading">${escapeAttr(page.loading)}</p></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

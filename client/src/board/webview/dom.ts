/** DOM helpers shared by the board's views (webview side only). */
import type { FromWebview } from '../model/protocol';

/** How a view sends a message to the extension (the webview's postMessage). */
export type Post = (msg: FromWebview) => void;

/** A new element with an optional class and text (textContent: model strings are never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** One term and its description in a detail pane's `<dl>`: text, or an element (a link, a badge). */
export function kv(dl: HTMLElement, k: string, v: string | HTMLElement): void {
  const dd = el('dd');
  if (typeof v === 'string') dd.textContent = v;
  else dd.append(v);
  dl.append(el('dt', undefined, k), dd);
}

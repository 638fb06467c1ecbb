/** Text formats both sides of the board use (model sentences and the webview's cells). No DOM, no vscode. */

/** A duration as the board shows ages: "42s", "5m", "3h", "2d". */
export function ago(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h` : `${Math.floor(h / 24)}d`;
}

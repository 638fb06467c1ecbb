/// <reference lib="dom" />
/**
 * Chart colours from the VS Code theme: canvas cannot use `var(--…)`, so the CSS variables VS Code
 * sets on the webview are read when a chart is drawn, and charts are drawn again when the theme
 * changes (VS Code rewrites those variables on <html> and the theme class on <body>).
 */
export interface ChartColors {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  blue: string;
  green: string;
  red: string;
  orange: string;
  purple: string;
  font: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function chartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const foreground = cssVar(style, '--vscode-foreground', '#cccccc');
  return {
    foreground,
    muted: cssVar(style, '--vscode-descriptionForeground', foreground),
    grid: cssVar(style, '--vscode-editorWidget-border', cssVar(style, '--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    background: cssVar(style, '--vscode-editor-background', '#1e1e1e'),
    blue: cssVar(style, '--vscode-charts-blue', '#3794ff'),
    green: cssVar(style, '--vscode-charts-green', '#89d185'),
    red: cssVar(style, '--vscode-charts-red', '#f14c4c'),
    orange: cssVar(style, '--vscode-charts-orange', '#d18616'),
    purple: cssVar(style, '--vscode-charts-purple', '#b180d7'),
    font: `${cssVar(style, '--vscode-font-size', '12px')} ${cssVar(style, '--vscode-font-family', 'sans-serif')}`,
  };
}

/** A colour with an alpha: `#rrggbb` / `#rgb` get one appended; other syntaxes are returned as they are. */
export function withAlpha(color: string, alpha: number): string {
  const hex = color.trim();
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255).toString(16).padStart(2, '0');
  if (/^#[0-9a-f]{6}$/i.test(hex)) return hex + a;
  if (/^#[0-9a-f]{3}$/i.test(hex)) return `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}${a}`;
  return hex;
}

/** Calls `redraw` (once per animation frame) whenever the theme's variables or class change. */
export function onThemeChange(redraw: () => void): () => void {
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      redraw();
    });
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  return () => observer.disconnect();
}

// What a user does and sees in the VS Code workbench, through Playwright: Quick Open, Go to Line,
// the command palette, the Problems panel, squiggles, hovers, suggestions, modal dialogs and the
// Rollouts tree. Selectors are those of VS Code 1.100 (code-server 4.100.3).
import path from 'node:path';

import { waitFor } from './harness.mjs';

export { waitFor };

/**
 * Opens a file by workspace-relative path through Quick Open: picks the row of that name in that
 * folder (several fleet.yaml exist), and tries again if the editor does not show it (a busy
 * machine can re-sort the list under the click).
 */
export async function openFile(page, relative) {
  const name = path.basename(relative);
  const folder = path.dirname(relative);
  await waitFor(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(relative, { delay: 10 });
    const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(name)}$`) }) });
    const inFolder = folder === '.' ? row.first() : row.filter({ hasText: folder }).first();
    try {
      await inFolder.waitFor({ timeout: 15000 });
      await inFolder.click();
      await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor({ timeout: 10000 });
      return folder === '.' || (await page.locator('.part.editor .breadcrumbs-control').first().innerText()).includes(path.basename(folder));
    } catch {
      return false;
    }
  }, 60000, `${relative} to open in the editor`);
  await page.waitForTimeout(300);
}

/** Moves the cursor with Go to Line (1-based line and column). */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

/** Runs a command from the command palette (F1) by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title, { delay: 5 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title.replace(/"/g, '\\"')}"]`, { timeout: 15000 });
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
}

/** Picks the row of an open quick pick whose label is `label` (typed to filter first). */
export async function pickQuickItem(page, label, { filter = label } = {}) {
  await page.waitForSelector('.quick-input-widget .quick-input-list .monaco-list-row', { state: 'visible', timeout: 30000 });
  await page.keyboard.type(filter, { delay: 5 });
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) }).first();
  await row.waitFor({ timeout: 15000 });
  await row.click();
}

export async function showProblems(page) {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { timeout: 15000 });
}

/**
 * Rows of the Problems panel: { file, folder, message, code, line } (file: its name, folder: the
 * folder VS Code shows beside it). Only direct rows (the sticky header
 * repeats the file row); level-1 rows are files, level-2 rows their problems (level 3: related information).
 */
export async function problems(page) {
  return page.$$eval('.markers-panel .monaco-list-rows > .monaco-list-row', (rows) => {
    const out = [];
    let file = '';
    let folder = '';
    for (const r of rows) {
      if (r.getAttribute('aria-level') === '1') {
        file = r.querySelector('.label-name')?.textContent ?? r.getAttribute('aria-label') ?? '';
        folder = r.querySelector('.label-description')?.textContent ?? '';
      } else if (r.getAttribute('aria-level') === '2') out.push({ file, folder, message: r.querySelector('.marker-message')?.textContent ?? '', code: r.querySelector('.marker-code')?.textContent ?? '', line: r.querySelector('.marker-line')?.textContent ?? '' });
    }
    return out;
  });
}

/** Problems of one workspace-relative file (its row shows the name, and its folder as description). */
export async function problemsOf(page, relative) {
  const dir = path.dirname(relative);
  return (await problems(page)).filter((p) => p.file === path.basename(relative) && (dir === '.' || p.folder.endsWith(dir)));
}

/** Squiggles of one severity (error, warning, info) drawn in the visible editor. */
export async function squiggles(page, severity = 'error') {
  return page.locator(`.part.editor .editor-instance .monaco-editor .view-overlays .squiggly-${severity}`).count();
}

/** Shows the hover at a position with the keyboard (Ctrl+K Ctrl+I) and returns its text, or '' if none shows. */
export async function hoverAt(page, line, column) {
  await page.keyboard.press('Escape');
  await goTo(page, line, column);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
  try {
    await hover.waitFor({ state: 'visible', timeout: 8000 });
  } catch {
    return '';
  }
  await page.waitForTimeout(300);
  return (await hover.innerText()).trim();
}

/**
 * Opens the suggest widget (Ctrl+Space) and returns the labels it lists once one of them contains
 * `expected` (or whatever it lists after `ms`). Typing may already have opened it with quick
 * suggestions, where Ctrl+Space would toggle the details instead: it is closed first, and opened
 * again if it closes while the language server answers.
 */
export async function suggestions(page, expected, ms = 20000) {
  const read = () => page.$$eval('.suggest-widget.visible .monaco-list-row', (rows) => rows.map((r) => r.querySelector('.label-name')?.textContent ?? r.getAttribute('aria-label') ?? ''));
  await page.keyboard.press('Escape');
  const end = Date.now() + ms;
  let labels = [];
  while (Date.now() < end) {
    if (!(await page.locator('.suggest-widget.visible').isVisible())) await page.keyboard.press('Control+Space');
    await page.waitForTimeout(500);
    labels = await read();
    if (labels.some((l) => l.includes(expected))) return labels;
  }
  return labels;
}

/** Waits for a modal dialog and returns its whole text (message and detail). */
export async function dialogText(page) {
  await page.waitForSelector('.monaco-dialog-box', { timeout: 20000 });
  await page.waitForTimeout(300);
  return (await page.locator('.monaco-dialog-box').innerText()).replace(/\n+/g, ' | ');
}

export async function pressDialogButton(page, label) {
  await page.locator('.monaco-dialog-box .monaco-button', { hasText: new RegExp(`^${escapeRe(label)}$`) }).click();
  await page.waitForSelector('.monaco-dialog-box', { state: 'detached', timeout: 10000 });
}

const TREE = '[id="workbench.view.extension.fleetRollouts"]';

/** Opens the Fleet Rollouts view from the activity bar. */
export async function showRolloutsView(page) {
  await page.click('.activitybar .action-item a[aria-label^="Fleet Rollouts"]', { timeout: 60000 });
  await page.waitForSelector(`${TREE} .monaco-list-row`, { timeout: 60000 });
}

/** Rows of the Rollouts tree: { label, description, level }. */
export async function treeRows(page) {
  return page.$$eval(`${TREE} .monaco-list-row`, (els) =>
    els.map((r) => ({ label: r.querySelector('.label-name')?.textContent ?? '', description: r.querySelector('.label-description')?.textContent ?? '', level: Number(r.getAttribute('aria-level')) })),
  );
}

export function treeRow(page, label) {
  return page.locator(`${TREE} .monaco-list-row`, { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) }).first();
}

/** The tree as text, one row a line, for failure messages. */
export const treeText = (rows) => rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}  ${r.description}`).join('\n');

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

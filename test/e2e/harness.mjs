// Runs a real VS Code (code-server 4.100.3) with the packaged extension and drives it with Debian's
// Chromium through playwright-core. Used by the end-to-end tests and the README screenshots.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export function codeServerDir() {
  return execFileSync('bash', [path.join(repoRoot, 'scripts', 'e2e', 'setup-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on a free port with fresh user data and extensions folders, the VSIX
 * installed, and `folder` open. `settings` go to the user settings.
 */
export async function startCodeServer({ folder: source, vsix, settings = {}, env = {}, outDir, copy = true, port: wantedPort }) {
  const cs = codeServerDir();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-e2e-'));
  // Tests work on a copy: the editor saves what a test types, and the repository's files must not change.
  const folder = copy ? path.join(base, path.basename(source)) : source;
  if (copy) fs.cpSync(source, folder, { recursive: true });
  const userData = path.join(base, 'user-data');
  const extensions = path.join(base, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.tips.enabled': false,
      'editor.minimap.enabled': false,
      'window.commandCenter': false,
      'git.openRepositoryInParentFolders': 'never',
      'git.enabled': false,
      ...settings,
    }, null, 2),
  );
  const baseEnv = { ...process.env, VSCODE_CLI: '1', EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(base, 'config'), XDG_DATA_HOME: path.join(base, 'data'), ...env };
  const entry = path.join(cs, 'out', 'node', 'entry.js');
  for (const v of [vsix].flat().filter(Boolean)) execFileSync(process.execPath, [entry, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', v], { env: baseEnv, stdio: 'pipe' });
  const port = wantedPort ?? (await freePort());
  const log = fs.openSync(path.join(outDir ?? base, 'code-server.log'), 'a');
  const proc = spawn(process.execPath, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions, folder], { env: baseEnv, stdio: ['ignore', log, log], detached: true });
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  await waitFor(async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.ok;
    } catch {
      return false;
    }
  }, 60000, 'code-server to listen');
  return {
    url,
    port,
    userData,
    folder,
    stop: () => {
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      setTimeout(() => {
        try {
          process.kill(-proc.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 2000).unref();
    },
  };
}

export async function waitFor(cond, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The extension host is up once its log says eager extensions are activated. */
export async function waitForExtensionHost(userData, ms = 60000) {
  await waitFor(() => findFile(path.join(userData, 'logs'), 'remoteexthost.log')?.includes?.('Eager extensions activated') ?? false, ms, 'the extension host');
}

function findFile(dir, name) {
  if (!fs.existsSync(dir)) return undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(p, name);
      if (found !== undefined) return found;
    } else if (entry.name === name) return fs.readFileSync(p, 'utf8');
  }
  return undefined;
}

export async function openBrowser({ width = 1400, height = 900, colorScheme = 'dark' } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width, height }, colorScheme });
  const page = context.pages()[0] ?? (await context.newPage());
  return { browser: context, page };
}

/** Opens a file by workspace-relative path through Quick Open. */
export async function openFile(page, relative) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(relative, { delay: 10 });
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${path.basename(relative)}"]`, { timeout: 20000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${path.basename(relative)}"]`, { timeout: 20000 });
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

export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title, { delay: 5 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/** Rows of the Problems panel: [file, message, code]. */
export async function problems(page) {
  return page.$$eval('.markers-panel .monaco-list-rows > .monaco-list-row[aria-level="2"]', (rows) =>
    rows.map((r) => ({ message: r.querySelector('.marker-message')?.textContent ?? '', code: r.querySelector('.marker-code')?.textContent ?? '', line: r.querySelector('.marker-line')?.textContent ?? '' })),
  );
}

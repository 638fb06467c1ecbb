// Runs a real VS Code (code-server 4.100.3) with the packaged extension and drives it with Debian's
// Chromium through playwright-core. Used by the end-to-end suite (test/e2e/journeys), `npm start`
// (scripts/start.mjs) and the board performance script (board-smoke.mjs).
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

/** Debian's Chromium (installed by scripts/e2e/setup-code-server.sh), or CHROMIUM_PATH. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'chromium');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return '/usr/bin/chromium';
}

export function codeServerDir() {
  return execFileSync('bash', [path.join(repoRoot, 'scripts', 'e2e', 'setup-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
}

/** Fails at once when a fixed port is taken: code-server would exit, and another server would answer for it. */
async function ensurePortFree(port) {
  await new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', (err) => reject(new Error(`port ${port} is in use (${err.code}): choose another with FLEET_ROLLOUTS_E2E_PORT or PORT`)));
    s.listen(port, '127.0.0.1', () => s.close(resolve));
  });
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
 * Starts code-server on `port` (default a free one) with fresh user data and extensions folders,
 * the VSIX(es) installed, and a copy of `folder` open (`prepare(copy)` may change it first).
 * `settings` go to the user settings.
 */
export async function startCodeServer({ folder: source, vsix, settings = {}, env = {}, outDir, copy = true, port: wantedPort, prepare }) {
  const cs = codeServerDir();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'fr-e2e-'));
  // Tests work on a copy: the editor saves what a test types, and the repository's files must not change.
  const folder = copy ? path.join(base, path.basename(source)) : source;
  if (copy) fs.cpSync(source, folder, { recursive: true });
  await prepare?.(folder);
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
  if (wantedPort) await ensurePortFree(wantedPort);
  const port = wantedPort ?? (await freePort());
  const log = fs.openSync(path.join(outDir ?? base, 'code-server.log'), 'a');
  const proc = spawn(process.execPath, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions, folder], { env: baseEnv, stdio: ['ignore', log, log], detached: true });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  await waitFor(async () => {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode} before listening on port ${port} (log: ${path.join(outDir ?? base, 'code-server.log')})`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return res.ok;
    } catch {
      return false;
    }
  }, 60000, 'code-server to listen');
  if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode} (log: ${path.join(outDir ?? base, 'code-server.log')})`);
  const signal = (sig) => {
    try {
      process.kill(-proc.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    url,
    port,
    userData,
    extensions,
    folder,
    /** The folder the packaged extension was installed into (its development path for extension tests). */
    installedExtension: (id) => fs.readdirSync(extensions).map((n) => path.join(extensions, n)).find((p) => path.basename(p).startsWith(`${id}-`) && fs.statSync(p).isDirectory()),
    /**
     * Stops code-server and its extension host; resolves once the process group is gone. With an
     * outDir the VS Code logs (extension host, the extension's output channels) are kept there and
     * the temporary user data, extensions and workspace copy are removed.
     */
    stop: async () => {
      signal('SIGTERM');
      const kill = setTimeout(() => signal('SIGKILL'), 3000);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      clearTimeout(kill);
      signal('SIGKILL');
      if (outDir && copy) {
        const logs = path.join(userData, 'logs');
        if (fs.existsSync(logs)) fs.cpSync(logs, path.join(outDir, 'vscode-logs'), { recursive: true });
        fs.rmSync(base, { recursive: true, force: true });
      }
    },
  };
}

/** Loads the workbench and waits for the extension host (file search needs it). */
export async function openWorkbench(page, cs, url = cs.url) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await waitForExtensionHost(cs.userData, 120000);
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
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS, viewport: { width, height }, colorScheme });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = context.close.bind(context);
  // The profile is ours alone: remove it with the browser.
  context.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { browser: context, page };
}

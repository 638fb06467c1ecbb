// A user journey of the end-to-end suite, as node:test tests: one code-server with the packaged
// extension and one Chromium per journey, then numbered steps that each save a screenshot
// (out/e2e/<journey>/NN-<step>.png, NN-<step>-FAILED.png when the step fails). Steps depend on
// the ones before: after a failure the later steps fail at once, naming the step that broke.
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openBrowser, openWorkbench, repoRoot, startCodeServer } from './harness.mjs';

export const VSIX = path.join(repoRoot, 'dist', 'fleet-rollouts.vsix');
export const EXTENSION_ID = 'fleet-rollouts.fleet-rollouts';

/** Where a journey's screenshots, logs and results go. */
export const journeyDir = (name) => path.join(repoRoot, 'out', 'e2e', name);

/** The sandbox environment of scripts/cluster/with-cluster.sh; the suite never runs without it. */
export function sandbox() {
  const missing = ['KUBECONFIG', 'FLEETSIM_STATE'].filter((v) => !process.env[v]);
  if (missing.length) throw new Error(`${missing.join(' and ')} not set: run the end-to-end suite with \`npm run test:e2e\` (scripts/e2e/run.sh), which starts the sandbox clusters`);
  return { kubeconfig: process.env.KUBECONFIG, state: JSON.parse(fs.readFileSync(process.env.FLEETSIM_STATE, 'utf8')) };
}

const slug = (title) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/**
 * Declares a journey. Options: `contexts` (fleetRollouts.contexts), `settings`, `vsix` (default the
 * packaged extension), `prepare(folder)` to change the workspace copy before VS Code opens it,
 * `url(cs)` to open another URL than the workspace, `portOffset` (added to FLEET_ROLLOUTS_E2E_PORT
 * when set, so each journey has its own fixed port), `viewport`, `extensionHostReady` (default true).
 * Returns `step(title, fn, { timeout })`; fn gets `{ page, cs, out, shot(what), docsShot(name) }`.
 */
export function journey(name, options = {}) {
  const out = journeyDir(name);
  const ctx = { page: undefined, cs: undefined, browser: undefined, out };
  let number = 0;
  let broken;

  before(async () => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const { kubeconfig } = sandbox();
    const base = Number(process.env.FLEET_ROLLOUTS_E2E_PORT);
    ctx.cs = await startCodeServer({
      folder: path.join(repoRoot, 'examples'),
      vsix: options.vsix ?? VSIX,
      outDir: out,
      port: base ? base + (options.portOffset ?? 0) : undefined,
      env: { KUBECONFIG: kubeconfig, ...options.env },
      settings: { 'fleetRollouts.contexts': options.contexts ?? [], 'workbench.colorTheme': 'Default Dark Modern', ...options.settings },
      prepare: options.prepare,
    });
    const { browser, page } = await openBrowser(options.viewport ?? { width: 1500, height: 950 });
    Object.assign(ctx, { browser, page });
    const url = options.url ? options.url(ctx.cs) : ctx.cs.url;
    if (options.extensionHostReady === false) await page.goto(url);
    else await openWorkbench(page, ctx.cs, url);
  }, { timeout: 240_000 });

  after(async () => {
    await ctx.browser?.close().catch(() => {});
    await ctx.cs?.stop();
  });

  const shot = (file) => ctx.page.screenshot({ path: path.join(out, file) });
  // The README's screenshots are taken by the suite: docs/screenshots/<name>.png, refreshed on every run.
  const docsShot = (name) => ctx.page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshots', `${name}.png`) });

  return function step(title, fn, { timeout = 120_000 } = {}) {
    const nn = String(++number).padStart(2, '0');
    test(`${name} ${nn}: ${title}`, { timeout: timeout + 30_000 }, async () => {
      if (broken) throw new Error(`not run: step ${broken} failed first`);
      if (!ctx.page) throw new Error(`not run: VS Code did not start (see ${out}/code-server.log)`);
      let timer;
      try {
        // Our own deadline, shorter than node:test's, so a step that hangs still gets its screenshot.
        const deadline = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`step did not finish within ${timeout / 1000} s`)), timeout);
        });
        // Extra screenshots inside a step (a dialog before it is answered): NN-<step>-<what>.png.
        const stepShot = (what) => shot(`${nn}-${slug(title)}-${slug(what)}.png`);
        await Promise.race([fn({ ...ctx, shot: stepShot, docsShot }), deadline]);
        await shot(`${nn}-${slug(title)}.png`);
      } catch (err) {
        broken = `${nn} "${title}"`;
        await shot(`${nn}-${slug(title)}-FAILED.png`).catch(() => {});
        // The message names the journey, the step and the screenshot; the stack (which node:test prints) too.
        const message = `${name} step ${nn} "${title}": ${err?.message ?? err}\n  screenshot: ${path.relative(repoRoot, path.join(out, `${nn}-${slug(title)}-FAILED.png`))}`;
        const frames = String(err?.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).join('\n');
        const failure = new Error(message, { cause: err });
        failure.stack = `Error: ${message}\n${frames}`;
        throw failure;
      } finally {
        clearTimeout(timer);
      }
    });
  };
}

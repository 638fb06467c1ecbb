// A first look at the extension in a real VS Code: diagnostics in the Problems panel, hover on a
// template reference, completion of templateName. Saves screenshots under test-results/e2e/.
import fs from 'node:fs';
import path from 'node:path';
import { goTo, openBrowser, openFile, problems, repoRoot, startCodeServer, waitFor, waitForExtensionHost } from './harness.mjs';

const out = path.join(repoRoot, 'test-results', 'e2e');
fs.mkdirSync(out, { recursive: true });
const vsix = path.join(repoRoot, 'dist', 'fleet-rollouts.vsix');
const cs = await startCodeServer({ folder: path.join(repoRoot, 'examples'), vsix, outDir: out });
process.on('exit', () => cs.stop());
const { browser, page } = await openBrowser();
const shot = (name) => page.screenshot({ path: path.join(out, `${name}.png`) });
try {
  const t0 = Date.now();
  await page.goto(cs.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await waitForExtensionHost(cs.userData);
  console.log(`workbench + extension host ready in ${Date.now() - t0} ms`);
  await openFile(page, 'fleet/checkout/rollout.yaml');
  await page.keyboard.press('Control+Shift+M');
  await waitFor(async () => (await problems(page)).some((p) => p.code.includes('rollouts/analysis-arg-missing')), 30000, 'the arg-missing problem');
  console.log(JSON.stringify(await problems(page), null, 1));
  await shot('problems');
  const text = fs.readFileSync(path.join(repoRoot, 'examples', 'fleet', 'checkout', 'rollout.yaml'), 'utf8').split('\n');
  const refLine = text.findIndex((l) => l.includes('templateName: http-success-rate')) + 1;
  const refCol = text[refLine - 1].indexOf('http-success-rate') + 1;
  await goTo(page, refLine, refCol + 3);
  await page.waitForTimeout(800);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await page.waitForSelector('.monaco-hover:not(.hidden) .monaco-hover-content:has-text("AnalysisTemplate")', { timeout: 15000 });
  await page.waitForTimeout(800);
  await shot('hover-template');
  await page.keyboard.press('Escape');
  await goTo(page, refLine, refCol);
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+Space');
  await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 15000 });
  await page.waitForTimeout(500);
  await shot('completion-template');
  console.log('labels', await page.$$eval('.suggest-widget.visible .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label'))));
} catch (err) {
  await shot('failure');
  throw err;
} finally {
  await browser.close();
  cs.stop();
}

import path from 'node:path';
import { openBrowser, repoRoot, runCommand, startCodeServer, waitForExtensionHost } from './harness.mjs';
const cs = await startCodeServer({ folder: path.join(repoRoot, 'examples'), vsix: path.join(repoRoot, 'dist', 'fleet-rollouts.vsix') });
const { browser, page } = await openBrowser();
try {
  await page.goto(cs.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await waitForExtensionHost(cs.userData);
  await runCommand(page, 'Welcome: Open Walkthrough');
  await page.waitForTimeout(1500);
  await page.keyboard.type('Fleet Rollouts', { delay: 10 });
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(3000);
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'e2e', 'walkthrough.png') });
} finally {
  await browser.close();
  cs.stop();
}

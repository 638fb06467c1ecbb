import { chromium } from 'playwright-core';
import fs from 'node:fs';
const svg = fs.readFileSync('client/media/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({ path: 'client/media/icon.png', omitBackground: true, clip: { x: 0, y: 0, width: 256, height: 256 } });
await browser.close();

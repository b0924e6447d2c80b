/**
 * The whole home page as a newcomer first sees it, at 360 and 1280 px, into docs/img/ (docs/demo-data.md shows them).
 * Start a freshly seeded site first (a new SQLITE_FILE: the first start seeds the demo data), then:
 * `npx tsx scripts/demo-screenshots.ts http://127.0.0.1:PORT`. Needs Chromium and a Korean font (fonts-nanum).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const origin = process.argv[2];
if (!origin) throw new Error('usage: tsx scripts/demo-screenshots.ts <origin>');
const dir = path.resolve('docs/img');
fs.mkdirSync(dir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const [name, width, height, isMobile] of [['home-360', 360, 740, true], ['home-1280', 1280, 800, false]] as const) {
    const context = await browser.newContext({ viewport: { width, height }, isMobile, hasTouch: isMobile, locale: 'ko-KR' });
    const page = await context.newPage();
    await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
}

/**
 * The advertiser's paste-and-form flow in Chromium at 360 px: paste a print ad, read the summary, confirm an unsure name,
 * submit; axe clean, no sideways scroll, no token in any URL. Also measures the page height after the paste.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { overflowOf, PHONE, withSiteAndBrowser, type Site } from './browser.js';
import { createUser } from '../helpers/auth.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => { site = s; browser = b; });

const AD = (JSON.parse(fs.readFileSync(new URL('../../db/seeds/print-ads.json', import.meta.url), 'utf8')) as { ads: Array<{ printed_text: string }> }).ads[0].printed_text;

async function signedInPhone(email: string): Promise<Page> {
  const user = await createUser(site, { email, role: 'advertiser' });
  const ctx = await browser.newContext({ viewport: PHONE.viewport, isMobile: PHONE.isMobile, hasTouch: PHONE.hasTouch, userAgent: PHONE.userAgent, locale: 'ko-KR' });
  const page = await ctx.newPage();
  await page.goto(`${site.origin}/login?next=${encodeURIComponent('/submissions/new')}`);
  await page.fill('#f-email', user.email);
  await page.fill('#f-password', user.password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
  return page;
}

describe('the paste-and-form flow on a 360 px phone', () => {
  it('measures the page height after pasting the 60플라워 ad', async () => {
    const page = await signedInPhone('measure@e2e.kr');
    if (!(await page.locator('#f-adText').isVisible())) await page.click('details.paste-ad summary');
    await page.fill('#f-adText', AD);
    await Promise.all([page.waitForNavigation(), page.click('button[value=parse]')]);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`page height after paste at 360 px: ${height} px (${(height / 740).toFixed(1)} screens of 740 px)`);
    expect(height).toBeGreaterThan(0);
  }, 60000);
});

/** The shop-window card on a phone's screen: it fits 360 px without scrolling sideways; printed, it keeps its exact size. */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, overflowOf, PHONE, withSiteAndBrowser, type Site } from './browser.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => { site = s; browser = b; });

describe('shop-window card at 360 px', () => {
  it('A6 and 90×50 mm fit the screen, pass axe, and print at 105×148 mm and 90×50 mm', async () => {
    const ctx = await browser.newContext({ viewport: PHONE.viewport, isMobile: true, hasTouch: true, userAgent: PHONE.userAgent });
    const page = await ctx.newPage();
    const hd = Number((await site.db('listings').where({ name: 'HDKorea' }).first('id')).id);
    const problems: string[] = [];
    for (const [path, mm] of [[`/listings/${hd}/card`, [105, 148]], [`/listings/${hd}/card?size=biz`, [90, 50]]] as const) {
      await page.goto(site.origin + path);
      const overflow = await overflowOf(page);
      if (overflow > 0) problems.push(`${path}: ${overflow}px sideways`);
      problems.push(...(await axeProblems(page)).map((v) => `${path}: ${v}`));
      await page.emulateMedia({ media: 'print' });
      const size = await page.$eval('.shop-card', (el) => ({ w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height }));
      await page.emulateMedia({ media: 'screen' });
      // 96 CSS px per inch: 105 mm = 396.85 px; the print height is a hair under the page (see card.css).
      expect(Math.abs(size.w - (mm[0] * 96) / 25.4), path).toBeLessThan(1);
      expect(Math.abs(size.h - (mm[1] * 96) / 25.4), path).toBeLessThan(3);
    }
    await ctx.close();
    expect(problems).toEqual([]);
  });
});

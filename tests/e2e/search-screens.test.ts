/**
 * Search as a resident sees it, at 360 and 1280 px, on the demo data: the print advertisers come first for their own
 * words, each card shows its first priced offer (or the offer a price word matched), axe-clean and without sideways
 * scroll. The screens are written to docs/img for docs/search.md.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, overflowOf, SIZES, withSiteAndBrowser, type Site } from './browser.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const SCREENS = [
  { q: '화환', first: '60플라워', offer: '축하화환 3단 60,000원', file: 'search-wreath' },
  { q: '근조화환 6만원', first: '60플라워', offer: '근조화환 3단 60,000원', file: 'search-price' },
  { q: 'DJI', first: 'HDKorea', offer: null, file: 'search-dji' },
] as const;

describe('search results on a phone and a desktop', () => {
  for (const size of SIZES) {
    const width = size.viewport.width;
    it(`at ${width} px: the advertiser first, the price on its card, axe clean, no sideways scroll`, async () => {
      const ctx = await browser.newContext({ ...size, locale: 'ko-KR' });
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const s of SCREENS) {
        const path = `/search?q=${encodeURIComponent(s.q)}`;
        await page.goto(site.origin + path);
        const first = page.locator('.cards .card').first();
        expect(await first.locator('h3').innerText(), s.q).toBe(s.first);
        const offer = first.locator('.offer');
        if (s.offer) expect((await offer.innerText()).replace(/\s+/g, ' ').trim(), s.q).toBe(s.offer);
        else expect(await offer.count(), s.q).toBe(0);
        const overflow = await overflowOf(page);
        if (overflow > 0) problems.push(`${path}: ${overflow}px sideways`);
        problems.push(...(await axeProblems(page)).map((v) => `${path}: ${v}`));
        await page.screenshot({ path: `docs/img/${s.file}-${width}.png` });
      }
      await ctx.close();
      expect(problems).toEqual([]);
    });
  }
});

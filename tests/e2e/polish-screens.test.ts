/**
 * The screens changed by the third polish round at 360 px, each axe-clean and without sideways scroll, written to
 * docs/img for docs/residents.md: the folded near-me box, an empty category, a listing's reviews, the shop-window card.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, overflowOf, PHONE, withSiteAndBrowser, type Site } from './browser.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => { site = s; browser = b; });

describe('polished screens at 360 px', () => {
  it('near-me folded, an empty category, reviews and the card: axe clean, no sideways scroll', async () => {
    const flowers = await site.db('categories').where({ slug: 'flowers' }).first('parent_id');
    await site
      .db('categories')
      .insert({
        slug: 'e2e-empty',
        name_ko: '열쇠·도장',
        name_en: 'Keys and seals',
        parent_id: flowers.parent_id,
        sort_order: 998,
        created_at: new Date(),
      });
    const hd = Number((await site.db('listings').where({ name: 'HDKorea' }).first('id')).id);
    const flower = Number((await site.db('listings').where({ name: '60플라워' }).first('id')).id);
    const ctx = await browser.newContext({
      viewport: PHONE.viewport,
      isMobile: true,
      hasTouch: true,
      userAgent: PHONE.userAgent,
      locale: 'ko-KR',
    });
    const page = await ctx.newPage();
    const problems: string[] = [];
    const screens: Array<[string, string]> = [
      [`/categories/flowers?sort=near&area=${encodeURIComponent('서구')}`, 'near-folded-360.png'],
      ['/categories/e2e-empty', 'empty-category-360.png'],
      [`/listings/${flower}/reviews`, 'reviews-360.png'],
      [`/listings/${hd}/card`, 'card-360.png'],
    ];
    for (const [path, file] of screens) {
      await page.goto(site.origin + path);
      const overflow = await overflowOf(page);
      if (overflow > 0) problems.push(`${path}: ${overflow}px sideways`);
      problems.push(...(await axeProblems(page)).map((v) => `${path}: ${v}`));
      await page.screenshot({ path: `docs/img/${file}` });
    }
    // The folded box is one line: the first card starts on the first screen.
    await page.goto(`${site.origin}/categories/flowers?sort=near&area=${encodeURIComponent('서구')}`);
    const firstCard = await page.$eval('.cards .card', (el) => el.getBoundingClientRect().top);
    expect(firstCard).toBeLessThan(740);
    await ctx.close();
    expect(problems).toEqual([]);
  });
});

/**
 * A search page at 360 px with a featured 광고 slot: labelled, axe clean, no sideways scroll; a tap on it counts a visit for the placement.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, PHONE, withSiteAndBrowser, type Site } from './browser.js';
import { createUser } from '../helpers/auth.js';
import { insertOrder } from '../../src/components/ads/ads.repository.js';
import { findProduct } from '../../src/components/ads/ratecard.repository.js';
import { insertPlacement } from '../../src/components/ads/placements.repository.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => { site = s; browser = b; });

describe('featured slot at 360 px', () => {
  it('/search?q=드론 shows the labelled 광고 slot above the results; axe clean; tapping it counts a visit', async () => {
    const listingId = Number((await site.db('listings').where({ name: 'HDKorea' }).first('id')).id);
    const owner = await createUser(site, { email: 'slot@shop.kr' });
    const product = (await findProduct(site.db, Number((await site.db('ad_products').where({ code: 'featured-search' }).first('id')).id)))!;
    const now = site.clock.now();
    const placementId = await site.db.transaction(async (trx) => {
      const orderId = await insertOrder(
        trx,
        {
          advertiserId: owner.id,
          enteredBy: null,
          productId: product.id,
          product: {
            id: product.id,
            code: product.code,
            nameKo: product.nameKo,
            nameEn: product.nameEn,
            rule: product.rule,
            discounts: product.discounts,
          },
          listingId,
          copy: 'HDKorea 드론',
          options: { target: '드론' },
          customerName: '에이치디',
          state: 'scheduled',
          supply: 70000,
          vat: 7000,
          total: 77000,
          billing: 'postpay',
          depositor: '에이치디',
          taxInvoice: false,
          taxBusinessNo: null,
          firstDeadline: null,
        },
        [],
        now,
      );
      await insertPlacement(
        trx,
        { orderId, listingId, placement: 'search', target: '드론', startsAt: now, endsAt: new Date(now.getTime() + 7 * 86_400_000) },
        now,
      );
      return Number((await trx('ad_placements').where({ order_id: orderId }).first('id')).id);
    });

    const ctx = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'ko-KR',
      userAgent: PHONE.userAgent,
    });
    const page = await ctx.newPage();
    await page.goto(`${site.origin}/search?q=${encodeURIComponent('드론')}`);
    const region = page.getByRole('region', { name: /광고/ });
    await expect(region.isVisible()).resolves.toBe(true);
    expect(await region.locator('.ad-slot').count()).toBeLessThanOrEqual(2);
    expect(await region.locator('.ad-badge').first().innerText()).toBe('광고');
    expect(await region.locator('h3 a').first().innerText()).toBe('HDKorea');
    // Above the results.
    const slotTop = (await region.boundingBox())!.y;
    const resultsTop = (await page.locator('h2:has-text("검색 결과") + ul.cards, h2:has-text("검색 결과") ~ ul.cards').first().boundingBox())!.y;
    expect(slotTop).toBeLessThan(resultsTop);
    const problems: string[] = [];
    await checkPage(page, 'search with a slot', problems);
    expect(problems).toEqual([]);

    await Promise.all([page.waitForNavigation(), region.locator('h3 a').first().click()]);
    expect(page.url()).toContain(`?ad=${placementId}`);
    let visits = 0;
    for (let i = 0; i < 40 && visits === 0; i++) {
      await page.waitForTimeout(100);
      await site.services.stats.flush();
      visits = Number((await site.db('ad_placement_daily').where({ placement_id: placementId }).first('visits'))?.visits ?? 0);
    }
    expect(visits).toBe(1);
    await ctx.close();
  }, 60000);
});

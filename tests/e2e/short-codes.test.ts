/**
 * A printed short code in Chromium at 360 px: /p/CODE lands on the listing with the code taken out of the address
 * bar and kept for the tab only; a tap on the phone number sends it with the call beacon, and the visit and the
 * call count to the code. The order page's QR decodes to the short URL; the 404, order and insights pages pass axe.
 */
import jsQR from 'jsqr';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, logInAt, PHONE, withSiteAndBrowser, type Site } from './browser.js';
import { createUser } from '../helpers/auth.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => { site = s; browser = b; });

async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const png = await page.locator(selector).first().screenshot();
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' })
    .extend({ top: 24, bottom: 24, left: 24, right: 24, background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

describe('a printed short code at 360 px', () => {
  it('scan → listing page (fragment gone, code kept for the tab) → call tap carries the code; both counted; pages pass axe', async () => {
    const owner = await createUser(site, { email: 'codes-e2e@example.kr' });
    const listing = await site.db('listings').where({ name: 'HDKorea' }).first('id', 'slug');
    await site.db('listings').where({ id: listing.id }).update({ owner_id: owner.id });
    const lineId = Number((await site.db('ad_products').where({ code: 'line' }).first('id')).id);
    const orderId = await site.services.ads.createOrder(
      {
        productId: lineId, copy: '드론 촬영\n062-522-2000', runs: ['2026-11-26'], options: { classification: '업체 안내' }, customerName: 'HD코리아',
        listingId: listing.id, taxBusinessNo: null,
      },
      { userId: owner.id, staff: false, advertiserId: owner.id },
    );
    // Scheduling by the full flow is covered over HTTP; here the order is set scheduled and given its codes directly.
    await site.db('ad_orders').where({ id: orderId }).update({ state: 'scheduled' });
    await site.services.codes.ensureOrderCodes(site.db, orderId);
    const code = String((await site.db('short_codes').where({ order_id: orderId }).first('code')).code);

    const ctx = await browser.newContext({ viewport: PHONE.viewport, isMobile: true, hasTouch: true, userAgent: PHONE.userAgent });
    const page = await ctx.newPage();
    const problems: string[] = [];
    await page.goto(`${site.origin}/p/${code.toLowerCase()}`);
    expect(decodeURI(page.url())).toBe(`${site.origin}/listings/${listing.id}-${listing.slug}`);
    expect(await page.evaluate((id) => sessionStorage.getItem(`golmok.via.${id}`), listing.id)).toBe(code);
    expect(await page.evaluate(() => Object.keys(localStorage).length + document.cookie.length)).toBe(0);
    await checkPage(page, 'listing via code', problems);

    // The dialler must not open in the test: the tap's default is cancelled before calls.js sees the (bubbling) click.
    await page.evaluate(() => document.addEventListener('click', (e) => {
      if ((e.target as Element).closest('a[href^="tel:"]')) e.preventDefault();
    }, true));
    const [beacon] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith(`/listings/${listing.id}/calls`)),
      page.click('a[href^="tel:"][data-phone-id]'),
    ]);
    expect(new URLSearchParams(beacon.postData() ?? '').get('via')).toBe(code);
    await expect.poll(async () => {
      await site.services.stats.flush();
      const id = Number((await site.db('short_codes').where({ code }).first('id')).id);
      const row = await site.db('code_daily_stats').where({ code_id: id }).first();
      return row ? [Number(row.visits), Number(row.calls)] : null;
    }).toEqual([1, 1]);

    const missing = await page.goto(`${site.origin}/p/ZZZZZZ`);
    expect(missing?.status()).toBe(404);
    expect(await page.textContent('main')).toContain('없는 광고 코드입니다');
    await checkPage(page, '404 code', problems);
    await ctx.close();

    const own = await browser.newContext({ viewport: PHONE.viewport, isMobile: true, hasTouch: true, userAgent: PHONE.userAgent });
    const signedIn = await logInAt(own, site.origin, owner.email);
    await signedIn.goto(`${site.origin}/ads/orders/${orderId}`);
    // The printed QR carries the site's public address (PUBLIC_URL; in tests the default), in upper case for a denser code.
    expect(await decodeQr(signedIn, '.code-qr')).toMatch(new RegExp(`^HTTPS?://[A-Z0-9.:-]+/P/${code}$`));
    await checkPage(signedIn, 'order page with codes', problems);
    await signedIn.goto(`${site.origin}/my/listings/${listing.id}/insights`);
    expect(await signedIn.textContent('main')).toContain('11월 26일자 신문 → 방문 1, 전화 1');
    await checkPage(signedIn, 'insights with codes', problems);
    await own.close();
    expect(problems).toEqual([]);
  });
});

/**
 * The ad desk in Chromium at 1280 px: paste an ad page → preview → correct in place → import (axe on each page);
 * the shop-window card printed to PDF (page count per size, batch cards) and its QR code decoded.
 */
import jsQR from 'jsqr';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, overflowOf, startSite, withSiteAndBrowser } from './browser.js';
import { PASSWORD } from '../helpers/auth.js';
import { createStaff, totpCode } from '../helpers/staff.js';

type Site = Awaited<ReturnType<typeof startSite>>;
let site: Site;
let browser: Browser;

const AD_PAGE = [
  '무등 세탁소\n운동화 세탁 5천원\n이불 세탁 1만5천원\n광주 동구 충장로 45\nTel. 062-224-1234',
  '━━━━━━━━━━',
  '양림 꽃방\n축하화환 3단 7만원\nTel. 010-4321-8765',
  '----------',
  '알 수 없는 글 한 줄',
].join('\n');

withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

async function decodeQr(page: Page): Promise<string | null> {
  const png = await page.locator('.qr-code').first().screenshot();
  const { data, info } = await sharp(png)
    .flatten({ background: '#ffffff' })
    .extend({ top: 24, bottom: 24, left: 24, right: 24, background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

describe('ad desk in the browser', () => {
  let batchPath = '';
  let deskSecret = '';

  it('paste → preview (unsure and error cells marked) → correct in place and drop a row → import, at 1280 px with no serious axe violation', async () => {
    const desk = await createStaff(site, 'desk', 'desk@e2e.kr');
    deskSecret = desk.secret;
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${site.origin}/login`);
    await page.fill('#f-email', desk.email);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
    await page.goto(`${site.origin}/desk`);
    site.clock.advance(30_000);
    await page.fill('#f-code', totpCode(desk.secret, site.clock.now()));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/account/2fa/verify"] button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/desk');
    const problems: string[] = [];
    const check = async (label: string) => {
      const v = await axeProblems(page);
      if (v.length) problems.push(`${label}: ${v.join(' | ')}`);
      if ((await overflowOf(page)) > 0) problems.push(`${label}: overflow`);
    };
    await check('/desk');

    await page.fill('#desk-text', AD_PAGE);
    await Promise.all([page.waitForNavigation(), page.click('form.desk-form button[type=submit] >> nth=0')]);
    expect(new URL(page.url()).pathname).toMatch(/^\/desk\/imports\/\d+$/);
    await expect(page.locator('.desk-summary').textContent()).resolves.toContain('모두 3행');
    expect(await page.locator('.desk-row').count()).toBe(3);
    expect(await page.locator('.cell-unsure').count()).toBeGreaterThan(0);
    expect(await page.locator('.cell-error').count()).toBeGreaterThan(0);
    await check('preview');

    await page.selectOption('#r0-category', 'moving-cleaning');
    await page.selectOption('#r1-category', 'flowers');
    await page.check('input[name="r2_drop"]');
    await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
    await expect(page.locator('.flash').textContent()).resolves.toContain('고친 내용을 저장했습니다');
    expect(await page.locator('.cell-error').count()).toBe(0);
    await Promise.all([page.waitForNavigation(), page.click('button[value="import"]')]);
    batchPath = new URL(page.url()).pathname;
    expect(batchPath).toMatch(/^\/desk\/batches\/\d+$/);
    await check('batch');
    // The desk's own imports (the two print-ad demo listings carry origin print_ad too).
    const deskUser = await site.db('users').where({ email: 'desk@e2e.kr' }).first('id');
    const names = (await site.db('listings').where({ origin: 'print_ad', owner_id: deskUser.id }).orderBy('id').select('name')).map(
      (r) => r.name,
    );
    expect(names).toEqual(['무등 세탁소', '양림 꽃방']);
    // the same pages on a phone: no sideways scroll (the preview table scrolls inside its own box)
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/desk', batchPath]) {
      await page.goto(site.origin + path);
      await check(`${path} at 360 px`);
    }
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('the shop-window card prints to one A6 and one 90×50 mm page; its QR is the card\'s short URL, leading to the listing', async () => {
    const listing = await site.db('listings').where({ name: '무등 세탁소' }).first();
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (const [size, mm] of [['a6', [105, 148]], ['biz', [90, 50]]] as const) {
      const page = await ctx.newPage();
      await page.goto(`${site.origin}/listings/${listing.id}/card?size=${size}`);
      expect(await axeProblems(page)).toEqual([]);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      expect(pdfPages(pdf), size).toBe(1);
      const box = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
      expect(box, size).not.toBeNull();
      expect([Math.round((Number(box![1]) / 72) * 25.4), Math.round((Number(box![2]) / 72) * 25.4)], size).toEqual(mm);
      await page.emulateMedia({ media: 'print' });
      const code = String((await site.db('short_codes').where({ card_listing_id: listing.id }).first('code')).code);
      const scanned = await decodeQr(page);
      expect(scanned, size).toBe(`${site.origin.toUpperCase()}/P/${code}`);
      // Following it counts a visit for the card and lands on the page with the card's marker (the fragment taken out).
      await page.emulateMedia({ media: 'screen' });
      await page.goto(scanned!);
      expect(decodeURI(page.url()), size).toBe(`${site.origin}/listings/${listing.id}-${listing.slug}?src=card`);
      await page.close();
    }
    await ctx.close();
  });

  it('the desk prints the cards of a whole batch as one PDF, one page per listing', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const desk = await site.db('users').where({ email: 'desk@e2e.kr' }).first();
    expect(desk).toBeTruthy();
    // the batch page's link, opened in the desk's own session
    const cookiesPage = await ctx.newPage();
    await cookiesPage.goto(`${site.origin}/login`);
    await cookiesPage.fill('#f-email', 'desk@e2e.kr');
    await cookiesPage.fill('#f-password', PASSWORD);
    await Promise.all([cookiesPage.waitForNavigation(), cookiesPage.click('form[action="/login"] button[type=submit]')]);
    await cookiesPage.goto(`${site.origin}${batchPath}/cards?size=a6`);
    // The stored secret is sealed (encrypted at rest): the one createStaff returned is the authenticator's.
    const secret = deskSecret;
    site.clock.advance(30_000);
    await cookiesPage.fill('#f-code', totpCode(secret, site.clock.now()));
    await Promise.all([cookiesPage.waitForNavigation(), cookiesPage.click('form[action="/account/2fa/verify"] button[type=submit]')]);
    expect(new URL(cookiesPage.url()).pathname).toBe(`${batchPath}/cards`);
    expect(pdfPages(await cookiesPage.pdf({ preferCSSPageSize: true, printBackground: true }))).toBe(2);
    await ctx.close();
  });
});

/**
 * Residents' journeys in Chromium (issue 12): on a phone (360×740) and a desktop (1280×800), with and without JavaScript.
 * (1) home → search 화환 → call 60플라워 from its result card (tel: in E.164, the beacon counted) → its page → copy the account;
 * (2) browse 서구 → 드론·카메라 → HDKorea → both branches with their own numbers and open lines → the Kakao map link.
 * The phone run also writes the README's screenshots (public/img/screenshots/).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overflowOf, PHONE, SIZES, startSite, withSiteAndBrowser } from './browser.js';

type Site = Awaited<ReturnType<typeof startSite>>;
let site: Site;
let browser: Browser;


withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

async function callsOf(name: string): Promise<number> {
  // Counters wait in memory until a flush (every few seconds in a running server; here on demand).
  await site.services.stats.flush();
  const id = Number((await site.db('listings').where({ name }).first('id')).id);
  const row = await site.db('listing_daily_stats').where({ listing_id: id }).sum({ n: 'calls' }).first();
  return Number(row?.n ?? 0);
}

/** Clicks a tel: link the way a phone would, recording where it went instead of opening a dialler. */
async function dial(page: Page, selector: string): Promise<string> {
  await page.evaluate(() => {
    // After the page's own handlers (calls.js listens on document): remember the target and keep the tab.
    window.addEventListener('click', (e) => {
      const a = (e.target as Element).closest('a[href^="tel:"]');
      if (a) { (window as unknown as { dialled: string }).dialled = a.getAttribute('href')!; e.preventDefault(); }
    }, { once: true });
  });
  await page.click(selector);
  return page.evaluate(() => (window as unknown as { dialled: string }).dialled);
}

async function searchFromHome(page: Page, word: string): Promise<void> {
  await page.goto(`${site.origin}/`);
  await page.fill('#q', word);
  await Promise.all([page.waitForNavigation(), page.press('#q', 'Enter')]);
}

describe.each(SIZES)('journeys on a $name', (size) => {
  let ctx: BrowserContext;
  beforeAll(async () => {
    ctx = await browser.newContext({
      viewport: size.viewport,
      isMobile: size.isMobile,
      hasTouch: size.hasTouch,
      userAgent: size.userAgent,
      locale: 'ko-KR',
      deviceScaleFactor: 1,
    });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  });
  afterAll(async () => ctx?.close());

  it('(1) home → search 화환 → call 60플라워 from its card (counted) → its page → copy the account', async () => {
    const page = await ctx.newPage();
    await searchFromHome(page, '화환');
    expect(page.url()).toContain('/search?q=');
    const card = page.locator('li.card', { has: page.locator('h3 a', { hasText: '60플라워' }) });
    const call = card.locator('a.card-call');
    expect(await call.getAttribute('href')).toBe('tel:+821099840151');
    const before = await callsOf('60플라워');
    expect(await dial(page, 'li.card:has(h3 a:text("60플라워")) a.card-call')).toBe('tel:+821099840151');
    await expect.poll(() => callsOf('60플라워'), { timeout: 5000 }).toBe(before + 1);
    expect((await call.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await Promise.all([page.waitForNavigation(), card.locator('h3 a').click()]);
    expect(decodeURIComponent(page.url())).toContain('/listings/');
    expect(await page.locator('nav.action-bar a.action-call').getAttribute('href')).toBe('tel:+821099840151');
    const copy = page.locator('.account button.copy');
    await expect.poll(() => copy.isVisible()).toBe(true);
    await copy.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('302-0316-649511');
    expect(await page.textContent('.copy-status')).toBe('복사했습니다');
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    // The QR code is for the desktop (and print) layout only.
    expect(await page.locator('.share .qr').isVisible()).toBe(size.name === 'desktop');
    await page.close();
  });

  it('(2) browse 서구 → 드론·카메라 → HDKorea → two branches with their own numbers and open lines → the Kakao map link', async () => {
    const page = await ctx.newPage();
    await page.goto(`${site.origin}/`);
    await Promise.all([page.waitForNavigation(), page.click('a.chip:has-text("서구")')]);
    expect(decodeURIComponent(page.url())).toContain('/districts/서구');
    await Promise.all([page.waitForNavigation(), page.click('a.chip:has-text("드론·카메라")')]);
    expect(page.url()).toContain('category=drones-cameras');
    await Promise.all([page.waitForNavigation(), page.click('li.card h3 a:text-is("HDKorea")')]);
    const branches = page.locator('section.branch');
    expect(await branches.count()).toBe(2);
    const expected = [['임동점', 'tel:+82625222000', '광주광역시 북구 금남로 24'], ['금호월드점', 'tel:+82623508397', '광주광역시 서구 군분2로 54']];
    for (const [i, [name, tel, address]] of expected.entries()) {
      const b = branches.nth(i);
      expect(await b.locator('h3').textContent()).toBe(name);
      expect(await b.locator('a.phone').getAttribute('href')).toBe(tel);
      expect(await b.locator('.open-line').textContent()).toContain('영업시간 정보 없음'); // the print ad states no hours
      expect(await b.locator('a:has-text("카카오맵")').getAttribute('href')).toBe(
        `https://map.kakao.com/link/search/${encodeURIComponent(address)}`,
      );
    }
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    if (size.name === 'phone') {
      // The README's screenshots: real pages on a phone.
      const dir = path.resolve('public/img/screenshots');
      fs.mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, 'listing-phone.png') });
      await page.goto(`${site.origin}/`);
      await page.screenshot({ path: path.join(dir, 'home-phone.png') });
    }
    await page.close();
  });
});

describe('(4) journeys 1 and 2 without JavaScript', () => {
  let ctx: BrowserContext;
  beforeAll(async () => {
    ctx = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
      isMobile: true,
      userAgent: PHONE.userAgent,
      locale: 'ko-KR',
    });
  });
  afterAll(async () => ctx?.close());

  it("search → the card's tel: link → the listing page: the account is readable, the JS-only buttons are hidden, 공유 is a link", async () => {
    const page = await ctx.newPage();
    await searchFromHome(page, '화환');
    const card = page.locator('li.card', { has: page.locator('h3 a', { hasText: '60플라워' }) });
    expect(await card.locator('a.card-call').getAttribute('href')).toBe('tel:+821099840151');
    await Promise.all([page.waitForNavigation(), card.locator('h3 a').click()]);
    expect(await page.textContent('.account')).toContain('302-0316-649511');
    for (const b of await page.locator('button.copy').all()) expect(await b.isVisible()).toBe(false);
    expect(await page.locator('a.share-link').getAttribute('href')).toBe('#share');
    await page.close();
  });

  it('districts → category → HDKorea with both branches and the Kakao link', async () => {
    const page = await ctx.newPage();
    await page.goto(`${site.origin}/`);
    await Promise.all([page.waitForNavigation(), page.click('a.chip:has-text("서구")')]);
    await Promise.all([page.waitForNavigation(), page.click('a.chip:has-text("드론·카메라")')]);
    await Promise.all([page.waitForNavigation(), page.click('li.card h3 a:text-is("HDKorea")')]);
    expect(await page.locator('section.branch a.phone').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      'tel:+82625222000',
      'tel:+82623508397',
    ]);
    expect(await page.locator('section.branch a:has-text("카카오맵")').first().getAttribute('href')).toContain(
      'https://map.kakao.com/link/search/',
    );
    await page.close();
  });
});

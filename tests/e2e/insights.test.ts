/**
 * The insights page, "my listings" with sparklines and a reminder link's page at 360 px; the listing page's beacons from a real browser.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, launch, logInPage, overflowOf, PHONE, startSite } from './browser.js';
import { createUser } from '../helpers/auth.js';

type Site = Awaited<ReturnType<typeof startSite>>;
let site: Site;
let browser: Browser;
let ctx: BrowserContext;
let hd: number;

beforeAll(async () => {
  site = await startSite();
  browser = await launch();
  hd = Number((await site.db('listings').where({ name: 'HDKorea' }).first('id')).id);
  const owner = await createUser(site, { email: 'insights@shop.kr' });
  await site.db('listings').where({ id: hd }).update({ owner_id: owner.id });
  // Ninety days of figures, the searches that showed it, calls on both numbers.
  const days = Array.from({ length: 90 }, (_, i) => new Date(Date.UTC(2026, 7, 27 + i)).toISOString().slice(0, 10));
  await site
    .db('listing_daily_stats')
    .insert(
      days.map((day, i) => ({
        listing_id: hd,
        day,
        views: 20 + (i % 7) * 9,
        calls: i % 5,
        map_taps: i % 3,
        vcard_downloads: i % 2,
        shares: i % 4 === 0 ? 1 : 0,
        qr_scans: i % 6 === 0 ? 2 : 0,
      })),
    );
  await site.db('listing_phone_daily_calls').insert([
    { listing_id: hd, day: days[89], e164: '+82625222000', calls: 7 },
    { listing_id: hd, day: days[88], e164: '+82623508397', calls: 2 },
  ]);
  await site.db('search_query_daily').insert([
    { listing_id: hd, day: days[89], query: '드론 촬영 교육 광주 북구 아주 긴 검색어 한 줄', impressions: 12, clicks: 3 },
    { listing_id: hd, day: days[89], query: 'dji', impressions: 1, clicks: 0 },
  ]);
  ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'ko-KR',
    userAgent: PHONE.userAgent,
  });
  const page = await ctx.newPage();
  await logInPage(page, site.origin, owner.email);
  await page.close();
}, 120000);
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('insights at 360 px', () => {
  it('the insights page (7, 30, 90 days, Korean and English), my listings and a reminder page: no sideways scroll, no serious axe violation, no console error', async () => {
    const problems: string[] = [];
    for (const path of [
      `/my/listings/${hd}/insights`,
      `/my/listings/${hd}/insights?days=7`,
      `/my/listings/${hd}/insights?days=90`,
      `/my/listings/${hd}/insights?days=30&lang=en`,
      '/my/listings?lang=ko',
      '/reminders/1.1.x',
    ]) {
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !/404 \(Not Found\)/.test(m.text())) errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(site.origin + path, { waitUntil: 'load' });
      const violations = await axeProblems(page);
      const overflow = await overflowOf(page);
      if (violations.length) problems.push(`${path}: ${violations.join(' | ')}`);
      if (overflow > 0) problems.push(`${path}: ${overflow}px horizontal overflow`);
      if (errors.length) problems.push(`${path}: ${errors.join(' | ')}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('the chart fits the screen and has a text alternative; the table scrolls inside itself', async () => {
    const page = await ctx.newPage();
    await page.goto(`${site.origin}/my/listings/${hd}/insights?days=90`);
    const box = await page.locator('.insight-chart svg').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(360);
    expect(await page.locator('.insight-chart svg rect[data-day]').count()).toBe(90);
    expect(await page.locator('#chart-desc').textContent()).toMatch(/최근 90일 동안 조회 [\d,]+회, 전화 [\d,]+회/);
    expect(await page.locator('.queries-table').textContent()).toContain('기타');
    await page.close();
  });
});

describe('beacons from the listing page', () => {
  it('a visit through the QR code counts a scan; opening a search result counts a click for its query', async () => {
    const page = await ctx.newPage();
    await page.goto(`${site.origin}/listings/${hd}`);
    // The QR code holds the canonical URL plus ?src=qr (a redirect from an old slug does not keep the marker).
    await page.goto(`${page.url()}?src=qr`, { waitUntil: 'load' });
    // dji 드론: HDKorea's own brand leads the page (드론 alone ranks demo shops that name drones in stronger fields first).
    await page.goto(`${site.origin}/search?q=${encodeURIComponent('dji 드론')}`, { waitUntil: 'load' });
    await Promise.all([page.waitForNavigation(), page.click('main a[href^="/listings/"]:has-text("HDKorea")')]);
    await page.waitForTimeout(300);
    const today = new Date(site.clock.now().getTime() + 9 * 3600_000).toISOString().slice(0, 10);
    await expect.poll(async () => {
      await site.services.stats.flush();
      return Number((await site.db('listing_daily_stats').where({ listing_id: hd, day: today }).first())?.qr_scans ?? 0);
    }).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => {
      await site.services.stats.flush();
      return Number((await site.db('search_query_daily').where({ listing_id: hd, day: today, query: 'dji 드론' }).first())?.clicks ?? 0);
    }).toBe(1);
    await page.close();
  });
});

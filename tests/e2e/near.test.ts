/**
 * "Near me" in a real browser at 360 px: a search sorted by distance from a mocked geolocation (asked only when the
 * button is pressed), the 동네 list when the position is refused, and the listing form's map pin. axe-clean.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, overflowOf, withSiteAndBrowser, type Site } from './browser.js';
import { createUser, PASSWORD } from '../helpers/auth.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => { site = s; browser = b; });

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'ko-KR' };
const HERE = { latitude: 35.16012, longitude: 126.85134 };

function watch(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** The distances printed on the cards, in km. */
async function distances(page: Page): Promise<number[]> {
  const texts = await page.$$eval('.cards .card .distance', (els) => els.map((e) => e.textContent ?? ''));
  return texts.map((s) => {
    const m = /([\d.]+) (k?m)/.exec(s);
    return m ? Number(m[1]) / (m[2] === 'm' ? 1000 : 1) : NaN;
  });
}

describe('near me at 360 px', () => {
  it('sorting a search by distance with the device position: asked on the button, rounded in the URL, nearest first, axe-clean', async () => {
    const ctx = await browser.newContext({ ...PHONE, geolocation: HERE, permissions: ['geolocation'] });
    const page = await ctx.newPage();
    const errors = watch(page);
    await page.goto(`${site.origin}/search?q=${encodeURIComponent('화환')}`);
    // Nothing asked yet: the position is in no URL until the visitor presses the button.
    expect(page.url()).not.toContain('lat=');
    await page.click('#near > summary');
    await Promise.all([page.waitForURL(/sort=near/), page.click('[data-near-locate]')]);
    const url = new URL(page.url());
    expect([url.searchParams.get('lat'), url.searchParams.get('lng')]).toEqual(['35.160', '126.851']);
    const d = await distances(page);
    expect(d.length).toBeGreaterThan(1);
    expect(d.every((x) => Number.isFinite(x))).toBe(true);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    expect(await page.textContent('.sorts [aria-current="true"]')).toBe('가까운 순');
    expect(await axeProblems(page)).toEqual([]);
    expect(await overflowOf(page)).toBe(0);
    // The next page keeps the position and goes on from farther away.
    const next = await page.$('a[rel="next"]');
    if (next) {
      await Promise.all([page.waitForURL(/page=2/), next.click()]);
      expect(page.url()).toContain('lat=35.160');
      expect(Math.min(...(await distances(page)))).toBeGreaterThanOrEqual(d[d.length - 1]);
    }
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60000);

  it('position refused: the 동네 list takes over, and the category page sorts from the chosen 동 within 3 km', async () => {
    const ctx = await browser.newContext({ ...PHONE });
    const page = await ctx.newPage();
    const errors = watch(page);
    await page.goto(`${site.origin}/categories/flowers`);
    await page.click('#near > summary');
    await page.click('[data-near-locate]');
    await page.waitForFunction(() => document.querySelector('[data-near-status]')?.textContent?.includes('동네를 고르세요'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('near-area');
    await page.selectOption('#near-area', '북구 용봉동');
    await page.selectOption('#near-radius', '3');
    await Promise.all([page.waitForURL(/area=/), page.click('.near-form button[type=submit]')]);
    const d = await distances(page);
    expect(d.length).toBeGreaterThan(0);
    expect(d.every((x) => x <= 3)).toBe(true);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    expect(await axeProblems(page)).toEqual([]);
    expect(await overflowOf(page)).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60000);

  it('the listing form: 지도에서 위치 고르기 loads Leaflet from this site, a tap puts the pin and fills both fields', async () => {
    const user = await createUser(site, { email: 'near-e2e@shop.kr' });
    const ctx = await browser.newContext({ ...PHONE });
    const page = await ctx.newPage();
    const errors = watch(page);
    const tiles: string[] = [];
    // No network in tests: the tile host answers with a blank tile.
    await page.route('https://tile.openstreetmap.org/**', (route) => {
      tiles.push(route.request().url());
      return route.fulfill({
        status: 200,
        contentType: 'image/png',
        body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
      });
    });
    await page.goto(`${site.origin}/login`);
    await page.fill('#f-email', user.email);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
    await page.goto(`${site.origin}/submissions/new`);
    expect(await axeProblems(page)).toEqual([]);
    await page.click('[data-map-open]');
    await page.waitForSelector('.leaflet-container');
    await page.waitForFunction(() => document.querySelectorAll('.leaflet-tile-loaded').length > 0);
    const box = (await page.$('[data-map]'))!;
    const b = (await box.boundingBox())!;
    await page.mouse.click(b.x + b.width / 2 + 30, b.y + b.height / 2 - 20);
    const lat = Number(await page.inputValue('#f-branches-0-lat'));
    const lng = Number(await page.inputValue('#f-branches-0-lng'));
    expect(lat).toBeGreaterThan(35);
    expect(lat).toBeLessThan(35.4);
    expect(lng).toBeGreaterThan(126.6);
    expect(lng).toBeLessThan(127.1);
    expect(await page.$('.leaflet-marker-icon')).not.toBeNull();
    expect(tiles.length).toBeGreaterThan(0);
    expect(await axeProblems(page)).toEqual([]);
    expect(await overflowOf(page)).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60000);
});

/**
 * Saved shops (저장) in Chromium at 360 px: a visitor saves two shops, reloads and finds them at /saved (kept in this
 * browser only), writes a note; logging in merges them into the account; without JavaScript 저장 leads through
 * sign-in to one button. axe-core on /saved in both languages, signed out and signed in.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, logInPage, overflowOf, withSiteAndBrowser, type Site } from './browser.js';
import { createUser, PASSWORD } from '../helpers/auth.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const PHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  locale: 'ko-KR',
  userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
};

async function problemsOf(page: Page, name: string): Promise<string[]> {
  const out = (await axeProblems(page)).map((v) => `${name}: ${v}`);
  const overflow = await overflowOf(page);
  if (overflow > 0) out.push(`${name}: ${overflow}px overflow`);
  return out;
}

describe('saved shops with JavaScript, at 360 px', () => {
  let ctx: BrowserContext;
  const errors: string[] = [];
  beforeAll(async () => {
    ctx = await browser.newContext(PHONE);
  });
  afterAll(async () => ctx?.close());

  it('a visitor saves two shops from the home page, reloads, and sees both at /saved with a note kept in the browser; axe clean in both languages', async () => {
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${site.origin}/`);
    const cards = page.locator('ul.cards li.card');
    const names = [await cards.nth(0).locator('h3 a').textContent(), await cards.nth(1).locator('h3 a').textContent()];
    for (const i of [0, 1]) {
      const button = cards.nth(i).locator('.save-toggle[role="button"]');
      await button.click();
      expect(await button.getAttribute('aria-pressed')).toBe('true');
    }
    await page.reload();
    for (const i of [0, 1]) expect(await cards.nth(i).locator('.save-toggle[role="button"]').getAttribute('aria-pressed')).toBe('true');
    expect(await cards.nth(2).locator('.save-toggle[role="button"]').getAttribute('aria-pressed')).toBe('false');

    await page.goto(`${site.origin}/saved`);
    const items = page.locator('#saved-local li[data-saved-id]');
    await items.nth(1).waitFor();
    expect(await items.count()).toBe(2);
    const shown = await items.locator('h2').allTextContents();
    expect(shown.map((s) => s.trim()).sort()).toEqual([...names].map((n) => n!.trim()).sort());
    expect(await items.first().locator('a.card-call').getAttribute('href')).toMatch(/^tel:/);
    await items.first().locator('textarea').fill('금요일에 다시 전화');
    await page.reload();
    await page.locator('#saved-local li[data-saved-id]').nth(1).waitFor();
    expect(await page.locator('#saved-local textarea').first().inputValue()).toBe('금요일에 다시 전화');
    const problems = await problemsOf(page, '/saved');
    await page.goto(`${site.origin}/saved?lang=en`);
    await page.locator('#saved-local li[data-saved-id]').nth(1).waitFor();
    problems.push(...(await problemsOf(page, '/saved?lang=en')));
    await page.goto(`${site.origin}/?lang=ko`);
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("logging in merges the browser's list (with its note) into the account and forgets it here; the signed-in /saved is axe clean", async () => {
    const user = await createUser(site, { email: 'saver@example.kr' });
    const page = await ctx.newPage();
    await logInPage(page, site.origin, user.email);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('golmok.saved')), { timeout: 10000 }).toBeNull();
    const rows = await site.db('saved_listings').where({ user_id: user.id });
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.note)).toContain('금요일에 다시 전화');
    await page.goto(`${site.origin}/saved`);
    expect(await page.locator('.saved-list li.saved-item').count()).toBe(2);
    const problems = await problemsOf(page, '/saved signed in');
    await page.goto(`${site.origin}/saved?lang=en`);
    problems.push(...(await problemsOf(page, '/saved?lang=en signed in')));
    await page.goto(`${site.origin}/?lang=ko`);
    // Signed in, a card's 저장 is a form sent in place: it flips without leaving the page.
    const card = page.locator('ul.cards li.card').nth(3);
    await card.locator('button.save-toggle').click();
    await expect.poll(() => card.locator('button.save-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(page.url()).toBe(`${site.origin}/?lang=ko`);
    expect(
      await site
        .db('saved_listings')
        .where({ user_id: user.id })
        .count({ n: '*' })
        .first()
        .then((r) => Number(r?.n)),
    ).toBe(3);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('a visitor\'s 저장 is enhanced in place', () => {
  it("saved.js replaces no node and changes no card's size (the page is not laid out again after it is shown); the toggle answers Space", async () => {
    const cardHeights = (page: Page) =>
      page.locator('ul.cards li.card').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
    const plain = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const before = await plain.newPage();
    await before.goto(`${site.origin}/?lang=ko`);
    const withoutJs = await cardHeights(before);
    await plain.close();

    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { removedToggles: number };
      w.removedToggles = 0;
      new MutationObserver((records) =>
        records.forEach((r) =>
          r.removedNodes.forEach((n) => {
            if (n instanceof Element && (n.matches('.save-toggle') || n.querySelector('.save-toggle'))) w.removedToggles += 1;
          }),
        ),
      ).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${site.origin}/?lang=ko`);
    const toggle = page.locator('ul.cards li.card').first().locator('.save-toggle');
    await expect.poll(() => toggle.getAttribute('role')).toBe('button');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => (window as unknown as { removedToggles: number }).removedToggles)).toBe(0);
    expect(withoutJs.length).toBeGreaterThan(3);
    expect(await cardHeights(page)).toEqual(withoutJs);

    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const id = Number(await toggle.getAttribute('data-save-id'));
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('golmok.saved') || '[]').map((x: { id: number }) => x.id))).toEqual([
      id,
    ]);
    expect(page.url()).toBe(`${site.origin}/?lang=ko`);
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await ctx.close();
  });
});

describe('saved shops without JavaScript', () => {
  let ctx: BrowserContext;
  beforeAll(async () => {
    ctx = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  });
  afterAll(async () => ctx?.close());

  it('저장 on a listing leads to sign-in, then one button saves it and returns to the listing', async () => {
    const user = await createUser(site, { email: 'nojs@example.kr' });
    const hd = Number((await site.db('listings').where({ name: 'HDKorea' }).first('id')).id);
    const page = await ctx.newPage();
    await page.goto(`${site.origin}/listings/${hd}`);
    await Promise.all([page.waitForNavigation(), page.click('.action-bar a.save-toggle')]);
    expect(page.url()).toContain('/login?next=');
    await page.fill('#f-email', user.email);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
    expect(page.url()).toBe(`${site.origin}/listings/${hd}/save`);
    await Promise.all([page.waitForNavigation(), page.click('main form[action="/saved"] button[type=submit]')]);
    expect(page.url()).toContain(`/listings/${hd}-`);
    expect(await page.locator('.action-bar button.save-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await site.db('saved_listings').where({ user_id: user.id, listing_id: hd }).first()).toBeTruthy();
    await page.close();
  });
});

/**
 * Journey 3 of issue 12 in Chromium, on a phone (360×740) and a desktop (1280×800): an advertiser signs up (the ALTCHA
 * proof of work really solved in the browser, with a low POW_MAX_NUMBER), confirms the e-mail, pastes the 60플라워
 * print ad, the form fills, adds a photo, saves a draft, previews it, submits it; a moderator passes the second factor
 * (TOTP) and approves it; a visitor finds it by search.
 */
import fs from 'node:fs';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { overflowOf, SIZES, startSite, withSiteAndBrowser } from './browser.js';
import { linkFromMail } from '../helpers/auth.js';
import { createStaff, totpCode } from '../helpers/staff.js';

type Site = Awaited<ReturnType<typeof startSite>>;
let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => { site = s; browser = b; }, { POW_ENABLED: 'true', POW_MAX_NUMBER: '2000' });

const AD = (
  JSON.parse(fs.readFileSync(new URL('../../src/demo/print-ads.json', import.meta.url), 'utf8')) as { ads: Array<{ printed_text: string }> }
).ads[0].printed_text;
const PASSWORD = 'a long enough password 60';

/** Focuses a field of the form (the widget solves on focus) and waits until the solution is in the form's data. */
async function proveWork(page: Page, form: string, field: string): Promise<void> {
  await page.waitForFunction(() => customElements.get('altcha-widget') !== undefined, undefined, { timeout: 10000 });
  await page.focus(`${form} ${field}`);
  await page.waitForFunction((f) => Boolean(new FormData(document.querySelector(f) as HTMLFormElement).get('altcha')), form, {
    timeout: 30000,
  });
}

async function submitAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

describe.each(SIZES)('journey 3 on a $name', (size) => {
  it('sign up → paste the print ad → photo → draft → preview → submit → a moderator with 2FA approves → found by search', async () => {
    const email = `flower-${size.name}@e2e.kr`;
    const ctx: BrowserContext = await browser.newContext({
      viewport: size.viewport,
      isMobile: size.isMobile,
      hasTouch: size.hasTouch,
      userAgent: size.userAgent,
      locale: 'ko-KR',
    });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // A visitor's way in: 광고 등록 → the login page offers sign-up.
    await page.goto(`${site.origin}/`);
    await submitAndWait(page, 'header a:has-text("광고 등록")');
    expect(new URL(page.url()).pathname).toBe('/login');
    await submitAndWait(page, 'main a:has-text("회원가입")');
    await page.fill('#f-email', email);
    await page.fill('#f-password', PASSWORD);
    await proveWork(page, 'form[action="/signup"]', '#f-email');
    await submitAndWait(page, 'form[action="/signup"] button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/signup/sent');
    await page.goto(site.origin + linkFromMail(site, email));
    await submitAndWait(page, 'main form button[type=submit]');
    await page.goto(`${site.origin}/login?next=${encodeURIComponent('/submissions/new')}`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', PASSWORD);
    await submitAndWait(page, 'form[action="/login"] button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/submissions/new');

    // The print ad fills the form.
    // A new form opens with the paste box (issue 25); after the paste, a summary of what was read.
    if (!(await page.locator('#f-adText').isVisible())) await page.click('details.paste-ad summary');
    await page.fill('#f-adText', AD);
    await submitAndWait(page, 'details.paste-ad button[value=parse]');
    expect(await page.inputValue('#f-name')).toBe('60플라워');
    expect(await page.inputValue('#f-phones-0-number')).toContain('010-9984-0151');
    expect(await page.inputValue('#f-offers-0-name')).toBe('축하화환 3단');
    expect(await page.inputValue('#f-accounts-0-number')).toBe('302-0316-649511');
    expect(await page.inputValue('#f-categoryIds')).not.toBe('');
    expect(await page.locator('.read-summary').isVisible()).toBe(true);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);

    // A photo, then a draft.
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c2185b' } }).jpeg().toBuffer();
    await page.setInputFiles('#f-newphotos', { name: '화환.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await proveWork(page, 'form.listing-form', '#f-newphotos');
    await submitAndWait(page, '#f-save button[value=draft]');
    expect(new URL(page.url()).pathname).toBe('/my/listings');
    expect(await page.textContent('.flash')).toContain('임시저장했습니다');
    const mine = page.locator('li.my-listing', { has: page.locator('h2 a', { hasText: '60플라워' }) });
    const listingUrl = new URL((await mine.locator('h2 a').getAttribute('href'))!, site.origin).pathname;
    const id = Number(listingUrl.match(/^\/listings\/(\d+)/)![1]);

    // The preview shows the draft with its photo, marked as not public.
    await submitAndWait(page, 'li.my-listing:has(h2 a:text-is("60플라워")) a:has-text("미리보기")');
    expect(await page.locator('main .banner[role=status]').textContent()).toContain('임시저장');
    expect(await page.locator('main img[src^="/media/"], main img[src^="/uploads/"]').count()).toBeGreaterThan(0);
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);

    // Submit for review from the edit form (the photo is kept; a fresh proof of work).
    await page.goto(`${site.origin}/submissions/${id}/edit`);
    expect(await page.locator('ul.kept-photos img').count()).toBe(1);
    await proveWork(page, 'form.listing-form', '#f-name');
    await submitAndWait(page, '#f-save button[value=submit]');
    expect(await page.textContent('.flash')).toContain('검토를 요청했습니다');
    expect((await site.db('listings').where({ id }).first('status')).status).toBe('pending');

    // A moderator signs in with the second factor and approves.
    const mod = await createStaff(site, 'moderator', `mod-${size.name}@e2e.kr`);
    const modCtx = await browser.newContext({
      viewport: size.viewport,
      isMobile: size.isMobile,
      hasTouch: size.hasTouch,
      userAgent: size.userAgent,
      locale: 'ko-KR',
    });
    const modPage = await modCtx.newPage();
    await modPage.goto(`${site.origin}/login?next=%2Fmod`);
    await modPage.fill('#f-email', mod.email);
    await modPage.fill('#f-password', mod.password);
    await submitAndWait(modPage, 'form[action="/login"] button[type=submit]');
    expect(new URL(modPage.url()).pathname).toBe('/account/2fa');
    site.clock.advance(30_000);
    await modPage.fill('#f-code', totpCode(mod.secret, site.clock.now()));
    await submitAndWait(modPage, 'form[action="/account/2fa/verify"] button[type=submit]');
    expect(new URL(modPage.url()).pathname).toBe('/mod');
    await submitAndWait(modPage, `main a[href="/mod/listings/${id}"]`);
    await submitAndWait(modPage, 'form.decision:has(input[value=approve]) button[type=submit]');
    expect((await site.db('listings').where({ id }).first('status')).status).toBe('published');
    await modCtx.close();

    // A visitor finds it.
    const visitor = await browser.newContext({
      viewport: size.viewport,
      isMobile: size.isMobile,
      hasTouch: size.hasTouch,
      userAgent: size.userAgent,
      locale: 'ko-KR',
    });
    const v = await visitor.newPage();
    await v.goto(`${site.origin}/`);
    await v.fill('#q', '근조화환');
    await Promise.all([v.waitForNavigation(), v.press('#q', 'Enter')]);
    const card = v.locator(`li.card:has(h3 a[href^="/listings/${id}-"])`);
    expect(await card.count()).toBe(1);
    expect(await card.locator('a.card-call').getAttribute('href')).toBe('tel:+821099840151');
    await visitor.close();
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

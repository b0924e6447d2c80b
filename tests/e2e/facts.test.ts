/**
 * Facts in Chromium at 360 px: a resident reports a listing in one tap, the page says it is being checked, a desk
 * clerk checks it from the queue and the page shows the check; an owner sets a closure. axe in Korean and English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, logInAt, withSiteAndBrowser, type Site } from './browser.js';
import { createUser } from '../helpers/auth.js';
import { createStaff, totpCode } from '../helpers/staff.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
}, { FACT_REPORT_THRESHOLD: '1' });

const phone = () => browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'ko-KR' });

const logIn = (ctx: BrowserContext, email: string): Promise<Page> => logInAt(ctx, site.origin, email);
const check = checkPage;

describe('facts at 360 px', () => {
  it('a resident reports in one tap; a desk clerk checks it from the queue; the listing shows the check; axe clean', async () => {
    const listing = await site.db('listings').where({ name: '60플라워' }).first('id', 'slug');
    const path = `/listings/${listing.id}-${listing.slug}`;
    const problems: string[] = [];

    const anon = await phone();
    const resident = await anon.newPage();
    await resident.goto(site.origin + path);
    await check(resident, 'listing', problems);
    await Promise.all([resident.waitForNavigation(), resident.click('a[href$="/facts"]')]);
    await check(resident, 'report form', problems);
    await resident.fill('#f-note', '전화하면 없는 번호라고 나와요');
    await Promise.all([resident.waitForNavigation(), resident.click('button[name=reason][value=no_answer]')]);
    expect(await resident.textContent('h1')).toContain('알려 주셔서 고맙습니다');
    await check(resident, 'report thanks', problems);
    await resident.goto(`${site.origin}/listings/${listing.id}/facts?lang=en`);
    await check(resident, 'report form (en)', problems);
    await resident.goto(`${site.origin}${path}?lang=ko`);
    expect(await resident.textContent('.facts-reviewing')).toContain('정보를 확인하고 있습니다');
    await anon.close();

    const clerk = await createStaff(site, 'desk');
    const ctx = await phone();
    const page = await logIn(ctx, clerk.email);
    site.clock.advance(30_000);
    await page.goto(`${site.origin}/account/2fa`);
    await page.fill('#f-code', totpCode(clerk.secret, site.clock.now()));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/account/2fa/verify"] button[type=submit]')]);
    await page.goto(`${site.origin}/checks`);
    await check(page, 'queue', problems);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/checks/${listing.id}"]`)]);
    expect(await page.textContent('main')).toContain('전화하면 없는 번호라고 나와요');
    await check(page, 'check form', problems);
    await page.check('input[name=method][value=called]');
    await page.check('input[name=outcome][value=open]');
    await Promise.all([page.waitForNavigation(), page.click('form[action^="/checks/"] button[type=submit]')]);
    expect(await page.textContent('.flash')).toContain('확인을 기록했습니다');
    await check(page, 'queue after', problems);
    for (const p of ['/checks?lang=en', `/checks/${listing.id}?lang=en`]) {
      await page.goto(site.origin + p);
      await check(page, p, problems);
    }
    await ctx.close();

    const again = await phone();
    const visitor = await again.newPage();
    await visitor.goto(site.origin + path);
    const day = new Date(site.clock.now().getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    expect(await visitor.textContent('.facts-checked')).toBe(`정보 확인 ${day} · 전화 확인`);
    expect(await visitor.$('.facts-reviewing')).toBeNull();
    await again.close();
    expect(problems).toEqual([]);
  }, 240_000);

  it('an owner sets a closure on 내 광고\'s page; the form and the listing notice pass axe at 360 px', async () => {
    const owner = await createUser(site, { email: 'closure-owner@e2e.kr' });
    const listing = await site.db('listings').where({ name: 'HDKorea' }).first('id', 'slug');
    await site.db('listings').where({ id: listing.id }).update({ owner_id: owner.id });
    const problems: string[] = [];
    const ctx = await phone();
    const page = await logIn(ctx, owner.email);
    await page.goto(`${site.origin}/my/listings/${listing.id}/facts`);
    await check(page, 'facts manage', problems);
    const from = new Date(site.clock.now().getTime() + 9 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#f-startsOn', from);
    await page.fill('#f-endsOn', from);
    await page.selectOption('#f-reason', 'vacation');
    await Promise.all([
      page.waitForNavigation(),
      page.click(`form[action="/my/listings/${listing.id}/facts/special-days"] button[type=submit]`),
    ]);
    expect(await page.textContent('.flash')).toContain('저장했습니다');
    expect(await page.textContent('.facts-list')).toContain('휴무 · 휴가');
    await check(page, 'facts manage after', problems);
    await page.goto(`${site.origin}/my/listings/${listing.id}/facts?lang=en`);
    await check(page, 'facts manage (en)', problems);
    await page.goto(`${site.origin}/listings/${listing.id}-${listing.slug}?lang=ko`);
    expect(await page.textContent('.facts-notices')).toContain('휴무 · 휴가');
    await check(page, 'listing with a closure notice', problems);
    await ctx.close();
    expect(problems).toEqual([]);
  }, 240_000);
});

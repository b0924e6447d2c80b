/**
 * Reviews in Chromium at 360 px: writing one without JavaScript-only controls, the section, the forms and the moderators' queue; axe in
 * both languages; X6.
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
});

const P = '<script>alert(1)</script>"><svg onload=alert(2)><img src=x onerror=alert(3)>';
const phone = () => browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'ko-KR' });

const logIn = (ctx: BrowserContext, email: string): Promise<Page> => logInAt(ctx, site.origin, email);
const check = checkPage;

describe('reviews at 360 px', () => {
  it('a resident writes a review with keywords and a text; the section, the forms and the queue pass axe in Korean and English; payloads stay inert', async () => {
    const listing = await site.db('listings').where({ name: '60플라워' }).first('id', 'slug', 'owner_id');
    const path = `/listings/${listing.id}-${listing.slug}`;
    const resident = await createUser(site, { email: 'resident@e2e.kr' });
    const other = await createUser(site, { email: 'other@e2e.kr' });
    site.clock.advance(25 * 3_600_000);
    // Someone else's review with markup in it, already answered by the owner.
    const now = site.clock.now();
    const [row] = await site
      .db('reviews')
      .insert({ listing_id: listing.id, user_id: other.id, body: `꽃이 예뻐요 ${P}`, status: 'visible', created_at: now, updated_at: now })
      .returning('id');
    const otherId = Number(typeof row === 'object' ? row.id : row);
    const kind = Number((await site.db('review_keywords').where({ code: 'kind' }).first('id')).id);
    await site.db('review_keyword_picks').insert({ review_id: otherId, keyword_id: kind, listing_id: listing.id });
    await site.db('review_replies').insert({
      review_id: otherId,
      listing_id: listing.id,
      user_id: listing.owner_id,
      body: `감사합니다 ${P}`,
      status: 'visible',
      created_at: now,
      updated_at: now,
    });

    const ctx = await phone();
    const page = await logIn(ctx, resident.email);
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    const problems: string[] = [];
    await page.goto(`${site.origin}/listings/${listing.id}/reviews/new`);
    await check(page, 'review form', problems);
    await page.check('input[name=keywords] >> nth=0');
    await page.check('text=꽃이 싱싱해요');
    await page.fill('#f-body', '주문한 꽃다발이 사진보다 예뻤어요');
    await Promise.all([page.waitForNavigation(), page.click('form.review-form button[type=submit]')]);
    expect(decodeURI(new URL(page.url()).pathname)).toBe(decodeURI(path));
    expect(await page.textContent('#reviews .flash')).toContain('리뷰를 올렸습니다');
    expect(await page.textContent('#reviews')).toContain('주문한 꽃다발이 사진보다 예뻤어요');
    expect(await page.textContent('.review-bars')).toMatch(/친절해요\s*2명/);
    await check(page, 'listing with reviews (signed in)', problems);
    const mine = Number((await site.db('reviews').where({ user_id: resident.id }).first('id')).id);
    for (const p of [
      `/reviews/${mine}/delete`,
      `/listings/${listing.id}/reviews/new`,
      `/listings/${listing.id}/reviews/new?lang=en`,
      `/reviews/${mine}/delete?lang=en`,
    ]) {
      await page.goto(site.origin + p);
      await check(page, p, problems);
    }
    await ctx.close();

    const anon = await phone();
    const visitor = await anon.newPage();
    visitor.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    for (const p of [
      path,
      `${path}?lang=en`,
      `/reviews/${otherId}/report`,
      `/reviews/${otherId}/report?target=reply&lang=en`,
      `/listings/${listing.id}/reviews`,
      `/listings/${listing.id}/reviews?lang=en`,
    ]) {
      await visitor.goto(site.origin + p);
      await check(visitor, `visitor ${p}`, problems);
    }
    await anon.close();

    const owner = await createUser(site, { email: 'shop-owner@e2e.kr' });
    await site.db('listings').where({ id: listing.id }).update({ owner_id: owner.id });
    const ownerCtx = await phone();
    const ownerPage = await logIn(ownerCtx, owner.email);
    for (const p of [`/reviews/${otherId}/reply`, `/reviews/${otherId}/reply?lang=en`]) {
      await ownerPage.goto(site.origin + p);
      await check(ownerPage, p, problems);
    }
    await ownerCtx.close();

    await site
      .db('reviews')
      .where({ id: mine })
      .update({ status: 'held', flags: `banned_word: 대출 ${P}` });
    // The author still sees their held review on the listing page, marked as such (nobody else does).
    const authorCtx = await phone();
    const author = await logIn(authorCtx, resident.email);
    for (const p of [path, `${path}?lang=en`]) {
      await author.goto(site.origin + p);
      expect(await author.textContent('#reviews .review-own')).toMatch(/검토 중|Under review/);
      await check(author, `author's held review ${p}`, problems);
    }
    await authorCtx.close();
    const mod = await createStaff(site, 'moderator', 'mod-reviews@e2e.kr');
    const modCtx = await phone();
    const modPage = await logIn(modCtx, mod.email);
    modPage.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await modPage.goto(`${site.origin}/mod/reviews`);
    site.clock.advance(30_000);
    await modPage.fill('#f-code', totpCode(mod.secret, site.clock.now()));
    await Promise.all([modPage.waitForNavigation(), modPage.click('form[action="/account/2fa/verify"] button[type=submit]')]);
    for (const p of ['/mod/reviews', '/mod/reviews?lang=en']) {
      await modPage.goto(site.origin + p);
      await check(modPage, p, problems);
    }
    expect(await modPage.textContent('main')).toContain('banned_word');
    await modCtx.close();
    expect(problems).toEqual([]);
    expect(dialogs).toBe(0);
  }, 300000);
});

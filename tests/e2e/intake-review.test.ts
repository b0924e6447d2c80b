/**
 * The moderator approving from the full review page at 360 px, and the desk's paste → fix → partial import at 360 and
 * 1280 px: each page axe-clean with no sideways scroll; the preview's save bar covers nothing; screenshots for the docs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, logInPage, overflowOf, startSite, withSiteAndBrowser } from './browser.js';
import { createUser } from '../helpers/auth.js';
import { createStaff, totpCode } from '../helpers/staff.js';
import { draftOf } from '../helpers/drafts.js';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const IMG = path.resolve('docs/img');
// A hang guard, not a speed limit: each journey takes about 40 s with eight sessions sharing two cores.
const HANG_GUARD = 240_000;

/** Signs in, lands where the role's work is, passes the second factor there. */
async function signIn(page: Page, staff: { email: string; secret: string }, landing: string): Promise<void> {
  await logInPage(page, site.origin, staff.email);
  expect(new URL(page.url()).pathname).toBe('/account/2fa');
  site.clock.advance(30_000);
  await page.fill('#f-code', totpCode(staff.secret, site.clock.now()));
  await Promise.all([page.waitForNavigation(), page.click('form[action="/account/2fa/verify"] button[type=submit]')]);
  expect(new URL(page.url()).pathname).toBe(landing);
}

async function problemsOf(page: Page, label: string): Promise<string[]> {
  const out = (await axeProblems(page)).map((v) => `${label}: ${v}`);
  const overflow = await overflowOf(page);
  if (overflow > 0) out.push(`${label}: ${overflow}px overflow`);
  return out;
}

describe('intake screens in the browser', () => {
  it('a moderator lands on the queue, opens the full review page at 360 px and approves from the keyboard', async () => {
    const owner = await createUser(site, { email: 'garam@e2e.kr' });
    const id = await site.services.submissions.createListing(
      owner.id,
      await draftOf(site, {
        name: '가람 꽃집',
        description: '축하·근조 화환을 광주 전역에 당일 배송합니다.',
        phones: [{ number: '010-2345-6701' }],
        branches: [{ name: '본점', address: '광주 북구 금남로 24', phones: [{ number: '062-522-3001' }] }],
        offers: [
          { name: '축하화환 3단', price: '6만원' },
          { name: '꽃바구니', price: '35000' },
        ],
        accounts: [{ bank: '농협', holder: '김가람', number: '302-0316-649512' }],
      }),
      [],
      true,
    );
    const mod = await createStaff(site, 'moderator', 'mod@e2e.kr');
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await signIn(page, mod, '/mod');
    const problems = await problemsOf(page, '/mod');
    expect(await page.locator('[data-testid="queue-counts"]').textContent()).toMatch(/새 광고 \d+건/);
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/mod/listings/${id}"]`)]);
    problems.push(...(await problemsOf(page, 'review')));
    // the public rendering, the advertiser and the decisions are all on the one page
    await expect(page.locator('.preview-frame h1').textContent()).resolves.toContain('가람 꽃집');
    await expect(page.locator('.preview-frame .offers').textContent()).resolves.toContain('6만원');
    await expect(page.locator('#advertiser-title + ul').textContent()).resolves.toContain('garam@e2e.kr');
    fs.mkdirSync(IMG, { recursive: true });
    await page.screenshot({ path: path.join(IMG, 'moderation-review-360.png'), fullPage: true });
    // removing is held back by its confirm box (a browser without our JavaScript refuses the unchecked form)
    await page.click('button[data-decision="remove"]');
    expect(new URL(page.url()).pathname).toBe(`/mod/listings/${id}`);
    expect(await page.locator('input[name="confirm"]').first().evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    // keyboard: focus 승인 and press Enter
    await page.locator('button[data-decision="approve"]').focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/mod');
    await expect(page.locator('.flash').textContent()).resolves.toContain('승인했습니다');
    expect((await site.db('listings').where({ id }).first('status')).status).toBe('published');
    expect(problems).toEqual([]);
    await ctx.close();
  }, HANG_GUARD);

  it.each([
    [360, 740],
    [1280, 900],
  ])(
    'the desk pastes a page, fixes a row and imports only the ready rows at %i px',
    async (width, height) => {
      const n = String(width).padStart(4, '0');
      const adPage = [
        `무등 세탁소\n운동화 세탁 5천원\n이불 세탁 1만5천원\n광주 동구 충장로 45\nTel. 062-224-${n}`,
        '━━━━━━━━━━',
        `양림 꽃방\n축하화환 3단 7만원\n근조화환 3단 8만원\n광주 남구 양림로 12\nTel. 010-4321-${n}\n농협 이양림 302-0316-6495${n.slice(2)}`,
        '----------',
        '알 수 없는 글 한 줄',
      ].join('\n');
      const desk = await createStaff(site, 'desk', `desk${width}@e2e.kr`);
      const ctx = await browser.newContext(
        width < 1024 ? { viewport: { width, height }, isMobile: true, hasTouch: true } : { viewport: { width, height } },
      );
      const page = await ctx.newPage();
      await signIn(page, desk, '/desk');
      await page.fill('#desk-text', adPage);
      await Promise.all([page.waitForNavigation(), page.click('form.desk-form button[type=submit] >> nth=0')]);
      expect(new URL(page.url()).pathname).toMatch(/^\/desk\/imports\/\d+$/);
      const previewUrl = page.url();
      const problems = await problemsOf(page, `preview ${width}`);
      expect(await page.locator('.desk-row').count()).toBe(3);
      // structured sub-rows, never import syntax
      expect(await page.inputValue('#r1-o0-name')).toBe('축하화환 3단');
      for (const v of await page
        .locator('.desk-table input[type=text]')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
        expect(v).not.toMatch(/[|;]/);
      if (width >= 1024) {
        // a table at desk width: rows side by side, no cell narrower than its content
        expect(await page.locator('.desk-table thead').isVisible()).toBe(true);
        const squeezed = await page
          .locator('.desk-table td, .desk-table th')
          .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
        expect(squeezed).toBe(0);
      } else {
        // one card per ad: each row as wide as the page
        const boxes = await page.locator('.desk-row').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
        for (const w of boxes) expect(w).toBeGreaterThan(width - 60);
      }
      // the sticky save bar covers nothing once the page is scrolled to its end
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const [lastBottom, barTop] = await page.evaluate(() => [
        document.querySelector('.desk-table')!.getBoundingClientRect().bottom,
        document.querySelector('.desk-actions')!.getBoundingClientRect().top,
      ]);
      expect(lastBottom).toBeLessThanOrEqual(barTop);
      // the window as the desk sees it, save bar included (a full-page capture would float the sticky bar mid-page)
      await page.evaluate(() =>
        window.scrollTo(0, document.querySelector('.desk-summary')!.getBoundingClientRect().top + window.scrollY - 8),
      );
      await page.screenshot({ path: path.join(IMG, `desk-preview-${width}.png`) });

      // fix: give the laundry a category; the third ad stays broken
      await page.selectOption('#r0-category', 'moving-cleaning');
      await Promise.all([page.waitForNavigation(), page.click('button[value="save"]')]);
      await expect(page.locator('.desk-summary').textContent()).resolves.toContain('올릴 수 있음 2 · 오류 1');
      problems.push(...(await problemsOf(page, `saved ${width}`)));
      await Promise.all([page.waitForNavigation(), page.click('button[value="import_ready"]')]);
      expect(new URL(page.url()).pathname).toMatch(/^\/desk\/batches\/\d+$/);
      await expect(page.locator('.banner[role=status]').textContent()).resolves.toContain(
        '오류가 있는 1행은 가져오지 않고 남겨 두었습니다',
      );
      problems.push(...(await problemsOf(page, `batch ${width}`)));
      const owner = await site.db('users').where({ email: desk.email }).first('id');
      const made = await site.db('listings').where({ owner_id: owner.id }).orderBy('id').select('name', 'kind');
      expect(made.map((l) => l.name)).toEqual(['무등 세탁소', '양림 꽃방']);
      // the kept row waits in the same batch
      await page.goto(previewUrl);
      await expect(page.locator('.desk-summary').textContent()).resolves.toContain('모두 1행');
      expect(problems).toEqual([]);
      await ctx.close();
    },
    HANG_GUARD,
  );
});

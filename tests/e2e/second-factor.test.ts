/**
 * The second factor in a real browser at 360 px: enrolment, the recovery codes shown once, the prompt with its recovery form, and the
 * management page; axe on each.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, overflowOf, startSite, withSiteAndBrowser } from './browser.js';
import { createUser, PASSWORD } from '../helpers/auth.js';
import { totpCode } from '../helpers/staff.js';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

describe('second factor at 360 px', () => {
  it('enrol, keep the codes, sign in again with a recovery code, see how many are left: no axe problem, no overflow', async () => {
    const mod = await createUser(site, { email: 'codes@e2e.kr', role: 'moderator' });
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const problems: string[] = [];
    const check = async (page: Page, label: string) => {
      const v = await axeProblems(page);
      if (v.length) problems.push(`${label}: ${v.join(' | ')}`);
      if ((await overflowOf(page)) > 0) problems.push(`${label}: overflow`);
    };
    const logIn = async () => {
      const page = await ctx.newPage();
      await page.goto(`${site.origin}/login?next=%2Fmod`);
      await page.fill('#f-email', mod.email);
      await page.fill('#f-password', PASSWORD);
      await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
      return page;
    };

    const page = await logIn();
    await page.goto(`${site.origin}/account/2fa`);
    const secret = (await page.locator('code').first().textContent())!.trim();
    site.clock.advance(30_000);
    await page.fill('#f-code', totpCode(secret, site.clock.now()));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/account/2fa/enrol"] button[type=submit]')]);
    const codes = (await page.locator('ol.recovery-codes code').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    await check(page, 'recovery codes');

    await ctx.clearCookies();
    const again = await logIn();
    await again.goto(`${site.origin}/account/2fa`);
    await again.click('main details summary'); // not the header's menu
    await check(again, 'prompt with the recovery form open');
    await again.fill('#f-recovery', codes[0]);
    await Promise.all([again.waitForNavigation(), again.click('form[action="/account/2fa/recovery"] button[type=submit]')]);
    expect(new URL(again.url()).pathname).toBe('/account/2fa');
    expect(await again.textContent('body')).toContain('남은 복구 코드: 9개');
    await check(again, 'management page');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

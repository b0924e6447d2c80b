/** Browser checks of the moderation, admin and report pages (axe, 360 px, X6), and the ALTCHA widget solving in Chromium under our CSP. */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, logInAt, overflowOf, startSite, withSiteAndBrowser } from './browser.js';
import { createUser } from '../helpers/auth.js';
import { createStaff, totpCode } from '../helpers/staff.js';
import { draftOf } from '../helpers/drafts.js';

type Site = Awaited<ReturnType<typeof startSite>>;
let site: Site;
let browser: Browser;

withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

describe('moderation and admin pages at 360 px', () => {
  it('an admin passes the second factor in the browser; every staff page has no serious axe violation, no overflow, and X6 payloads stay inert', async () => {
    const owner = await createUser(site, { email: 'owner@e2e.kr' });
    const P = '<script>alert(1)</script>"><svg onload=alert(2)><img src=x onerror=alert(3)>';
    const pending = await site.services.submissions.createListing(
      owner.id,
      await draftOf(site, { name: `검토${P}`.slice(0, 100), description: `대출 ${P}` }),
      [],
      true,
    );
    const live = await site.services.submissions.createListing(owner.id, await draftOf(site, { name: '수정될 가게' }), [], true);
    const admin = await createStaff(site, 'admin', 'admin@e2e.kr');
    await site.services.moderation.decideListing(admin.id, live, { action: 'approve' });
    await site.services.submissions.updateListing(
      live,
      { userId: owner.id, role: 'advertiser' },
      await draftOf(site, { name: `수정된 가게${P}`.slice(0, 100) }),
      [],
      true,
    );
    await site.services.reports.file(live, { reason: 'closed', note: P }, { userId: null, visitorHash: 'e2e' });

    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await logInAt(ctx, site.origin, admin.email);
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.goto(`${site.origin}/mod`);
    expect(new URL(page.url()).pathname).toBe('/account/2fa');
    const problems: string[] = [];
    const check = async (path: string) => {
      const v = await axeProblems(page);
      const overflow = await overflowOf(page);
      if (v.length) problems.push(`${path}: ${v.join(' | ')}`);
      if (overflow > 0) problems.push(`${path}: ${overflow}px overflow`);
    };
    await check('/account/2fa');
    site.clock.advance(30_000);
    await page.fill('#f-code', totpCode(admin.secret, site.clock.now()));
    await Promise.all([page.waitForNavigation(), page.click('form[action="/account/2fa/verify"] button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/mod');
    for (const path of [
      '/mod',
      `/mod/listings/${pending}`,
      `/mod/listings/${live}`,
      '/mod/reports',
      '/mod/audit',
      '/admin/users',
      '/admin/categories',
      '/admin/banned',
    ]) {
      await page.goto(site.origin + path);
      await check(path);
    }
    expect(dialogs).toBe(0);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('the enrolment page, the report form and the owner\'s reports page pass too', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const mod = await createUser(site, { email: 'newmod@e2e.kr', role: 'moderator' });
    const page = await logInAt(ctx, site.origin, mod.email);
    const problems: string[] = [];
    const hd = Number((await site.db('listings').where({ name: 'HDKorea' }).first('id')).id);
    for (const path of ['/account/2fa', `/listings/${hd}/report`, '/my/reports']) {
      await page.goto(site.origin + path);
      const v = await axeProblems(page);
      if (v.length) problems.push(`${path}: ${v.join(' | ')}`);
      if ((await overflowOf(page)) > 0) problems.push(`${path}: overflow`);
    }
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

describe('ALTCHA in a real browser', () => {
  it('the widget solves the proof of work under our CSP and the sign-up goes through; no console or CSP error', async () => {
    const pow = await startSite({ POW_ENABLED: 'true', POW_MAX_NUMBER: '2000' });
    try {
      const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'ko-KR' });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${pow.origin}/signup`);
      await page.waitForFunction(() => customElements.get('altcha-widget') !== undefined, undefined, { timeout: 10000 });
      // Its strings are ours, in the page's language (altcha 3 reads them from $altcha.i18n): Korean here, English below.
      const widgetText = () => page.locator('altcha-widget').evaluate((el) => (el.shadowRoot ?? el).textContent ?? '');
      await expect.poll(widgetText, { timeout: 10000 }).toContain('로봇이 아닙니다');
      expect(await widgetText()).not.toMatch(/Protected by|Verifying|not a robot/);
      await page.screenshot({ path: 'public/img/screenshots/altcha-ko.png', clip: (await page.locator('altcha-widget').boundingBox())! });
      await page.fill('#f-email', 'browser@e2e.kr');
      await page.fill('#f-password', 'a fine long password 42');
      await page.waitForFunction(() => customElements.get('altcha-widget') !== undefined, undefined, { timeout: 10000 });
      await page.click('#f-email');
      // The widget is a form-associated element: its solution is in the form's data, not in a visible input.
      await page.waitForFunction(
        () => Boolean(new FormData(document.querySelector('form[action="/signup"]') as HTMLFormElement).get('altcha')),
        undefined,
        { timeout: 30000 },
      );
      expect(await axeProblems(page)).toEqual([]);
      await Promise.all([page.waitForNavigation(), page.click('form[action="/signup"] button[type=submit]')]);
      expect(new URL(page.url()).pathname).toBe('/signup/sent');
      expect(await pow.db('users').where({ email: 'browser@e2e.kr' }).first()).toBeTruthy();
      expect(errors).toEqual([]);
      await page.goto(`${pow.origin}/signup?lang=en`);
      await expect.poll(widgetText, { timeout: 10000 }).toContain('I am not a robot');
      expect(await widgetText()).not.toMatch(/로봇|Protected by/);
      await ctx.close();
    } finally {
      await pow.stop();
    }
  });
});

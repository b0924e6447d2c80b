import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, launch, overflowOf, startSite } from './browser.js';
import { createUser, PASSWORD } from '../helpers/auth.js';

type Site = Awaited<ReturnType<typeof startSite>>;
let site: Site;
let browser: Browser;
let mobile: BrowserContext;
const pagesToCheck: Array<[string, string]> = [];

const axe = axeProblems;

beforeAll(async () => {
  site = await startSite();
  browser = await launch();
  // A phone's user agent: HeadlessChrome is (rightly) treated as a bot by the call counter.
  mobile = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'ko-KR',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
  });
  const hd = Number((await site.db('listings').where({ name: 'HDKorea' }).first('id')).id);
  const flower = Number((await site.db('listings').where({ name: '60플라워' }).first('id')).id);
  pagesToCheck.push(
    ['home', '/'],
    ['listing HDKorea', `/listings/${hd}`],
    ['listing 60플라워', `/listings/${flower}`],
    ['category', '/categories/flowers'],
    ['district', `/districts/${encodeURIComponent('북구')}`],
    ['search', `/search?q=${encodeURIComponent('화환')}`],
    ['no results', `/search?q=${encodeURIComponent('없는가게이름')}`],
    ['login', '/login'],
    ['signup', '/signup'],
    ['password reset', '/password-reset'],
    ['404', '/no-such-page'],
    ['district with category', `/districts/${encodeURIComponent('서구')}?category=drones-cameras`],
    ['empty filter', `/search?q=${encodeURIComponent('화환')}&open=now&district=${encodeURIComponent('광산구')}`],
    ['page past the end', `/search?q=${encodeURIComponent('화환')}&page=99`],
    ['report', `/listings/${hd}/report`],
    ['reviews page', `/listings/${flower}/reviews`],
  );
  // Every page type in both languages.
  for (const [name, path] of [...pagesToCheck]) pagesToCheck.push([`${name} (en)`, `${path}${path.includes('?') ? '&' : '?'}lang=en`]);
}, 120000);
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('every page type at 360 px: no serious or critical axe violation, no sideways scroll, no console or CSP error', () => {
  it('public pages', async () => {
    const problems: string[] = [];
    for (const [name, path] of pagesToCheck) {
      const page = await mobile.newPage();
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' && !/404 \(Not Found\)/.test(m.text())) errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(site.origin + path, { waitUntil: 'load' });
      const violations = await axe(page);
      const overflow = await overflowOf(page);
      if (violations.length) problems.push(`${name}: ${violations.join(' | ')}`);
      if (overflow > 0) problems.push(`${name}: ${overflow}px horizontal overflow`);
      if (errors.length) problems.push(`${name}: ${errors.join(' | ')}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 240000);

  it('signed-in pages: my account, the listing form, my listings', async () => {
    const user = await createUser(site, { email: 'e2e@shop.kr' });
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(`${site.origin}/login`);
    await page.fill('#f-email', user.email);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
    expect(page.url()).toBe(`${site.origin}/my/listings`); // an advertiser lands on 내 광고
    const problems: string[] = [];
    const hd = Number((await site.db('listings').where({ name: 'HDKorea' }).first('id')).id);
    for (const path of [
      '/account',
      '/submissions/new',
      '/my/listings',
      '/account/password',
      `/listings/${hd}/save`,
      '/?lang=en',
      '/submissions/new?lang=en',
      '/my/listings?lang=en',
      '/account?lang=en',
    ]) {
      await page.goto(site.origin + path);
      // Signed in, the header holds on one line at 360 px: the logo and every menu item share one row.
      const rows = await page.$$eval('.site-header .brand, .site-nav > a, .nav-menu summary', (els) => [
        ...new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))),
      ]);
      if (rows.length !== 1) problems.push(`${path}: header on ${rows.length} rows`);
      const v = await axe(page);
      const overflow = await overflowOf(page);
      if (v.length) problems.push(`${path}: ${v.join(' | ')}`);
      if (overflow > 0) problems.push(`${path}: ${overflow}px overflow`);
    }
    await ctx.close();
    expect(problems).toEqual([]);
  });
});

describe('on a phone', () => {
  it('every phone number is a tap target at least 44 px high with an E.164 tel: link', async () => {
    const page = await mobile.newPage();
    await page.goto(site.origin + pagesToCheck[1][1]);
    const phones = await page.$$eval('a.phone', (as) =>
      as.map((a) => ({ href: a.getAttribute('href'), h: a.getBoundingClientRect().height })),
    );
    expect(phones.map((p) => p.href)).toEqual(['tel:+82625222000', 'tel:+82623508397']);
    for (const p of phones) expect(p.h).toBeGreaterThanOrEqual(44);
    await page.close();
  });

  it('a branch\'s map links and its copy button line up at 360 px, in both languages', async () => {
    for (const lang of ['ko', 'en']) {
      const page = await mobile.newPage();
      await page.goto(`${site.origin}${pagesToCheck[1][1]}?lang=${lang}`);
      const rows = await page.$$eval('.branch .links', (ps) => ps.map((p) => [...p.querySelectorAll('a, button')].map((e) => {
        const r = e.getBoundingClientRect();
        return { left: Math.round(r.left), right: Math.round(r.right), top: Math.round(r.top), h: Math.round(r.height) };
      })));
      expect(rows.length).toBe(2);
      for (const [kakao, naver, copy] of rows) {
        expect(kakao.top).toBe(naver.top);
        // The copy button (revealed by JS) spans the row the two map links make, on one line.
        expect([copy.left, copy.right]).toEqual([kakao.left, naver.right]);
        expect(copy.h).toBeLessThanOrEqual(kakao.h);
      }
      await page.close();
    }
  });

  it("the action bar's labels sit inside their buttons with room to spare, and the share heading names no QR code the phone hides, in both languages", async () => {
    for (const lang of ['ko', 'en']) {
      const page = await mobile.newPage();
      await page.goto(`${site.origin}${pagesToCheck[1][1]}?lang=${lang}`);
      const gaps = await page.$$eval('.action-bar .action', (as) =>
        as.map((a) => {
          const box = a.getBoundingClientRect();
          const label = a.querySelector('span')!;
          const range = document.createRange();
          range.selectNodeContents(label);
          const text = range.getBoundingClientRect();
          return { label: label.textContent, left: Math.round(text.left - box.left), right: Math.round(box.right - text.right) };
        }),
      );
      expect(gaps.length).toBe(4);
      for (const g of gaps) expect(Math.min(g.left, g.right), `${lang} ${g.label}`).toBeGreaterThanOrEqual(8);
      expect(await page.locator('.share .qr').isVisible()).toBe(false);
      expect(await page.locator('#share-title').innerText()).not.toMatch(/QR/);
      await page.close();
    }
  });

  it('without JavaScript the listing page still shows tel: links and the search form works', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(site.origin + pagesToCheck[2][1]);
    expect(await page.getAttribute('a.phone', 'href')).toBe('tel:+821099840151');
    await page.goto(site.origin);
    // DJI: HDKorea's own brand, so it leads the page (드론 on the demo data ranks shops that name drones in stronger fields first).
    await page.fill('#q', 'DJI');
    await Promise.all([page.waitForNavigation(), page.press('#q', 'Enter')]);
    expect(await page.textContent('main')).toContain('HDKorea');
    await ctx.close();
  });

  it('tapping a number sends a call beacon that is counted', async () => {
    const page = await mobile.newPage();
    await page.route('tel:*', (route) => route.abort());
    await page.goto(site.origin + pagesToCheck[1][1]);
    await page.evaluate(() => {
      document.querySelectorAll('a.phone').forEach((a) => a.addEventListener('click', (e) => e.preventDefault()));
    });
    await page.click('a.phone >> nth=0');
    await page.waitForTimeout(300);
    const hd = Number((await site.db('listings').where({ name: 'HDKorea' }).first('id')).id);
    await expect
      .poll(async () => {
        await site.services.stats.flush();
        return Number((await site.db('listing_daily_stats').where({ listing_id: hd }).first())?.calls ?? 0);
      })
      .toBeGreaterThanOrEqual(1);
    await page.close();
  });
});

describe('X6: a listing seeded with script payloads in every field', () => {
  it('opens no dialog on any page that shows it', async () => {
    const P = '<script>alert(1)</script>"><svg onload=alert(2)><img src=x onerror=alert(3)>';
    const id = await site.services.listings.createListing({
      kind: 'business',
      status: 'published',
      name: `XSS${P}`.slice(0, 100),
      tagline: P,
      description: `드론 ${P}`,
      categoryIds: [Number((await site.db('categories').where({ slug: 'drones-cameras' }).first('id')).id)],
      publishedAt: site.clock.now(),
      phones: [],
      offers: [{ name: `드론 ${P}`.slice(0, 100), priceKrw: 1 }],
      paymentAccounts: [],
      branches: [
        { name: '<b>x</b>', sido: '광주광역시', sigungu: '북구', roadName: '금남로', buildingNo: '1', detail: P, hours: [], phones: [] },
      ],
    });
    const page = await mobile.newPage();
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    for (const path of [
      `/listings/${id}`,
      '/',
      '/categories/drones-cameras',
      `/search?q=${encodeURIComponent('드론')}`,
      `/search?q=${encodeURIComponent('XSS')}`,
    ]) {
      await page.goto(site.origin + path, { waitUntil: 'load' });
    }
    expect(dialogs).toBe(0);
    await page.close();
  });
});

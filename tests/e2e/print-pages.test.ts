/**
 * The desk's classified-pages preview in Chromium at 360 and 1280 px: the edition's pages as pictures and readable
 * columns, a display ad placed through the form, an ad moved, a page locked; axe clean and no sideways scroll.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, logInAt, SIZES, withSiteAndBrowser, type Site } from './browser.js';
import { createUser } from '../helpers/auth.js';
import { createStaff, totpCode } from '../helpers/staff.js';
import { insertPrintOrder } from '../helpers/print-orders.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const EDITION = '2026-11-26';
const TYPED = ['구인', '부동산', '월세', '중고', '학원'];

describe('the desk\'s classified-pages preview', () => {
  it('shows the pages, places a display ad, moves an ad and locks a page, at 360 and 1280 px', async () => {
    const advertiser = await createUser(site, { email: 'print-ads@e2e.kr' });
    for (let i = 0; i < 40; i += 1) {
      await insertPrintOrder(site, {
        advertiserId: advertiser.id, runs: [EDITION], classification: TYPED[i % TYPED.length], box: i % 6 === 0, bold: i % 9 === 0,
        copy: `${TYPED[i % TYPED.length]} 광고 ${i + 1} 양림동 깨끗한 곳 조건 협의\n문의 010-6${String(100 + i)}-${String(3000 + i)}`,
      });
    }
    const display = await insertPrintOrder(site, {
      advertiserId: advertiser.id,
      runs: [EDITION],
      display: { columns: 2, cm: 5 },
      copy: '광주 최고 치킨\n062-973-5555',
    });
    const desk = await createStaff(site, 'desk', 'print-desk@e2e.kr');
    const problems: string[] = [];
    for (const size of SIZES) {
      const ctx = await browser.newContext({
        viewport: size.viewport,
        isMobile: size.isMobile,
        hasTouch: size.hasTouch,
        userAgent: size.userAgent,
        locale: 'ko-KR',
      });
      const page = await logInAt(ctx, site.origin, desk.email);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${site.origin}/desk/ads/print/${EDITION}`);
      if (page.url().includes('/account/2fa')) {
        site.clock.advance(30_000);
        await page.fill('#f-code', totpCode(desk.secret, site.clock.now()));
        await Promise.all([page.waitForNavigation(), page.click('form[action="/account/2fa/verify"] button[type=submit]')]);
        await page.goto(`${site.origin}/desk/ads/print/${EDITION}`);
      }
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(`${EDITION} 광고면 조판`);
      await expect(page.getByRole('img', { name: '1면 미리보기' }).isVisible()).resolves.toBe(true);
      await checkPage(page, `${size.name} preview`, problems);
      if (size.name === 'phone') {
        const form = page.getByRole('form', { name: `주문 ${display} 배치` });
        await form.getByLabel('위에서 (cm)').fill('3');
        await Promise.all([page.waitForNavigation(), form.getByRole('button', { name: '배치' }).click()]);
        await expect(page.getByRole('status').textContent()).resolves.toContain('박스광고를 배치했습니다');
        const down = page.getByRole('button', { name: /아래로$/ }).first();
        await Promise.all([page.waitForNavigation(), down.click()]);
        await expect(page.getByRole('status').textContent()).resolves.toContain('순서를 바꿨습니다');
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '1면 고정', exact: true }).click()]);
        await expect(page.getByRole('heading', { name: '1면 (고정됨)' }).isVisible()).resolves.toBe(true);
        await checkPage(page, 'phone after actions', problems);
      }
      expect(errors).toEqual([]);
      await ctx.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);
});

/**
 * Ad orders in Chromium at 360 px: an advertiser orders a line ad for two editions (the copy counted as typed), the
 * desk sends a proof, the advertiser approves it and sees the payment instructions; the desk uploads a CP949 bank
 * statement and the order is paid. axe-core (no serious or critical violation) and no sideways scroll on every page.
 */
import iconv from 'iconv-lite';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeProblems, logInPage, overflowOf, withSiteAndBrowser, type Site } from './browser.js';
import { createUser } from '../helpers/auth.js';
import { createStaff, totpCode } from '../helpers/staff.js';

let site: Site;
let browser: Browser;
withSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'ko-KR' };

describe('ad orders in the browser at 360 px', () => {
  it('order a line ad for two editions, approve the proof, see how to pay; the desk matches the statement', async () => {
    const problems: string[] = [];
    const check = async (page: Page, label: string) => {
      for (const v of await axeProblems(page)) problems.push(`${label}: ${v}`);
      if ((await overflowOf(page)) > 0) problems.push(`${label}: overflow`);
    };
    const advertiser = await createUser(site, { email: 'orders@e2e.kr' });
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await logInPage(page, site.origin, advertiser.email);

    await page.goto(`${site.origin}/ads/orders/new`);
    await check(page, 'choose product');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '줄광고 (생활정보)' }).click()]);
    await page.fill('#f-copy', '양림동 원룸 월세 보증금 500 월 35 풀옵션 010-2345-6789');
    await expect.poll(() => page.locator('#ad-count').textContent()).toContain('3줄 / 최대 12줄');
    await page.locator('input[name="runs"][value="2026-11-26"]').check();
    await page.locator('input[name="runs"][value="2026-11-27"]').check();
    await page.fill('#f-customer_name', '홍길동');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '가격 계산' }).click()]);
    expect(await page.locator('[data-price="total"]').textContent()).toContain('원');
    await check(page, 'order form with price');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '주문서 저장' }).click()]);
    const orderUrl = page.url();
    const id = Number(/\/ads\/orders\/(\d+)/.exec(orderUrl)![1]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '주문 제출' }).click()]);
    expect(await page.locator('[data-state]').textContent()).toBe('접수됨');
    await check(page, 'order submitted');

    // The desk, past its second factor, sends the proof.
    const desk = await createStaff(site, 'desk', 'ads-desk@e2e.kr');
    const deskCtx = await browser.newContext(PHONE);
    const deskPage = await deskCtx.newPage();
    await logInPage(deskPage, site.origin, desk.email);
    await deskPage.goto(`${site.origin}/desk/ads/orders/${id}`);
    site.clock.advance(30_000);
    await deskPage.fill('#f-code', totpCode(desk.secret, site.clock.now()));
    await Promise.all([deskPage.waitForNavigation(), deskPage.click('form[action="/account/2fa/verify"] button[type=submit]')]);
    await deskPage.goto(`${site.origin}/desk/ads/orders/${id}`);
    await check(deskPage, 'desk order');
    await Promise.all([deskPage.waitForNavigation(), deskPage.getByRole('button', { name: '교정지 보내기' }).click()]);

    await page.goto(orderUrl);
    expect(await page.getByRole('link', { name: '지면 교정지 PDF' }).getAttribute('href')).toBe(`/ads/orders/${id}/proofs/1.pdf`);
    await check(page, 'proof to approve');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '교정지 승인' }).click()]);
    const pay = page.locator('section.ad-pay');
    await pay.waitFor();
    const payText = (await pay.textContent()) ?? '';
    expect(payText).toContain(site.config.ads.bank.account);
    expect(payText).toContain(`홍길동${id}`);
    await check(page, 'payment instructions');

    // The desk uploads the bank's export (CP949) and the order is paid and scheduled.
    const total = Number((await site.db('ad_orders').where({ id }).first('total')).total);
    const csv = iconv.encode(`거래일시,적요,기재내용,찾으신금액,맡기신금액,거래후잔액,메모\r\n2026.11.24 13:00:00,타행이체,홍길동${id},,${total},"1,000,000",\r\n`, 'cp949');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-stmt-')), '거래내역.csv');
    fs.writeFileSync(file, csv);
    await deskPage.goto(`${site.origin}/desk/ads/payments`);
    await check(deskPage, 'desk payments');
    await deskPage.setInputFiles('#f-statement', file);
    await Promise.all([deskPage.waitForNavigation(), deskPage.getByRole('button', { name: '올리고 대조하기' }).click()]);
    expect(await deskPage.locator('.flash').textContent()).toContain('자동 입금 처리 1건');
    await page.goto(orderUrl);
    expect(await page.locator('[data-state]').textContent()).toBe('게재 예정');
    await deskPage.goto(`${site.origin}/desk/ads`);
    await check(deskPage, 'desk dashboard');

    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    await deskCtx.close();
    await ctx.close();
  }, 240_000);
});

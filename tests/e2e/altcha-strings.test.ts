/**
 * The ALTCHA widget as a person sees it in Chromium (issue 12, item 4): its text in every state it can show — idle,
 * verifying, verified, error, expired — and its footer, in Korean on Korean pages and in English on English pages,
 * never a word of the other language, not even before our strings are registered (every text the widget ever held is
 * recorded from the first paint). The widget renders into its light DOM (altcha 3); its label, footer and error
 * popover are read from there. The error state comes from a failing challenge request, the expired state from a
 * challenge whose expiry is moved to a few seconds ahead.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, PHONE, startSite } from './browser.js';

let site: Awaited<ReturnType<typeof startSite>>;
let browser: Browser;
beforeAll(async () => {
  site = await startSite({ POW_ENABLED: 'true', POW_MAX_NUMBER: '2000' });
  browser = await launch();
}, 120000);
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

const EXPECTED = {
  ko: {
    idle: '로봇이 아닙니다',
    verifying: '확인 중',
    verified: '확인 완료',
    error: '확인에 실패했습니다',
    expired: '확인이 만료되었습니다',
    footer: '스팸 방지: ALTCHA',
    foreign: /[A-Za-z]{2,}/,
  },
  en: {
    idle: 'I am not a robot',
    verifying: 'Checking',
    verified: 'Verified',
    error: 'The check failed',
    expired: 'The check expired',
    footer: 'Anti-spam: ALTCHA',
    foreign: /[가-힣]/,
  },
} as const;

/**
 * Reports every text the widget holds (label, footer, popover, accessible names) from the moment it is created, on
 * every page. Tooltips are read in each settled state instead (a tooltip needs a second's hover to show).
 */
function recordWidgetText(): void {
  const report = (window as unknown as { altchaSaw: (text: string) => void }).altchaSaw;
  const note = (): void => {
    document.querySelectorAll('altcha-widget').forEach((w) => {
      const root = w.shadowRoot ?? w;
      report(root.textContent ?? '');
      root
        .querySelectorAll('[aria-label], [placeholder]')
        .forEach((el) => ['aria-label', 'placeholder'].forEach((a) => el.hasAttribute(a) && report(el.getAttribute(a)!)));
    });
  };
  new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

const widgetText = (page: Page): Promise<string> =>
  page.locator('altcha-widget').evaluate((el) => ((el.shadowRoot ?? el).textContent ?? '').replace(/\s+/g, ' ').trim());
const tooltips = (page: Page): Promise<string[]> =>
  page
    .locator('altcha-widget')
    .evaluate((el) => [...(el.shadowRoot ?? el).querySelectorAll('[title]')].map((e) => e.getAttribute('title')!));
const state = (page: Page): Promise<string | null> => page.locator('altcha-widget .altcha').getAttribute('data-state');

async function openSignup(page: Page, lang: string): Promise<void> {
  await page.goto(`${site.origin}/signup?lang=${lang}`);
  await page.waitForFunction(() => customElements.get('altcha-widget') !== undefined, undefined, { timeout: 10000 });
}

describe.each(['ko', 'en'] as const)('the ALTCHA widget on %s pages', (lang) => {
  it('speaks the page\'s language in every state and in its footer, from its first paint on', async () => {
    const want = EXPECTED[lang];
    const ctx = await browser.newContext({ ...PHONE, deviceScaleFactor: 1, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
    const seen: string[] = [];
    await ctx.exposeBinding('altchaSaw', (_source, text: string) => { seen.push(text); });
    await ctx.addInitScript(recordWidgetText);
    const page = await ctx.newPage();
    const shown: Record<string, string> = {};
    const capture = async (name: string, wanted: string) => {
      await expect.poll(() => widgetText(page), { timeout: 15000 }).toContain(wanted);
      shown[name] = `${await widgetText(page)} ${(await tooltips(page)).join(' ')}`;
      expect(shown[name], name).toContain(want.footer);
    };

    // idle, then verifying (the challenge request held back), then verified
    let release = (): void => undefined;
    await page.route('**/pow/challenge', async (route: Route) => {
      await new Promise<void>((r) => {
        release = r;
      });
      await route.continue();
    });
    await openSignup(page, lang);
    await capture('idle', want.idle);
    await page.focus('#f-email');
    await expect.poll(() => state(page)).toBe('verifying');
    await capture('verifying', want.verifying);
    release();
    await expect.poll(() => state(page), { timeout: 30000 }).toBe('verified');
    await capture('verified', want.verified);
    await page.unroute('**/pow/challenge');

    // error: the challenge cannot be fetched
    await page.route('**/pow/challenge', (route: Route) => route.fulfill({ status: 500, body: 'down' }));
    await openSignup(page, lang);
    await page.focus('#f-email');
    await expect.poll(() => state(page), { timeout: 15000 }).toBe('error');
    await capture('error', want.error);
    await page.unroute('**/pow/challenge');

    // expired: a challenge that runs out two seconds after it is solved
    await page.route('**/pow/challenge', async (route: Route) => {
      const res = await route.fetch();
      const challenge = await res.json();
      challenge.parameters.expiresAt = Math.floor(Date.now() / 1000) + 3;
      await route.fulfill({ response: res, json: challenge });
    });
    await openSignup(page, lang);
    await page.focus('#f-email');
    await expect.poll(() => state(page), { timeout: 30000 }).toBe('expired');
    await capture('expired', want.expired);
    await page.unroute('**/pow/challenge');

    expect(seen.length).toBeGreaterThan(0);
    // The product's name is the one word both languages share.
    const foreign = (text: string) => want.foreign.test(text.replace(/altcha/gi, ''));
    expect(seen.filter(foreign)).toEqual([]);
    for (const [name, text] of Object.entries(shown)) expect(foreign(text), `${name}: ${text}`).toBe(false);
    await ctx.close();
  });
});

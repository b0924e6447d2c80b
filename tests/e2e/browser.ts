/** A seeded app on a real port and a headless Chromium (Debian's package) for browser tests. */
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { PASSWORD } from '../helpers/auth.js';

export async function startSite(env: Record<string, string> = {}): Promise<TestApp & { origin: string; stop(): Promise<void> }> {
  const t = await createTestApp({ seed: true, env: { RATE_LIMIT_ENABLED: 'false', ...env } });
  const server: Server = await new Promise((resolve) => {
    const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { ...t, origin, stop: async () => { await new Promise((r) => server.close(r)); await t.close(); } };
}

export type Site = Awaited<ReturnType<typeof startSite>>;

/**
 * For a test file: starts the seeded site and Chromium before its tests and stops both after them; `use` receives
 * them once they are up (`withSiteAndBrowser((s, b) => { site = s; browser = b; })`).
 */
export function withSiteAndBrowser(use: (site: Site, browser: Browser) => void, env: Record<string, string> = {}): void {
  let site: Site | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await startSite(env);
    browser = await launch();
    use(site, browser);
  }, 120000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });
}

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';
const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
/** The two screens the journeys run on (issue 12): a 360 px phone and a 1280 px desktop. */
export const SIZES = [
  { name: 'phone', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, userAgent: PHONE_UA },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, userAgent: DESKTOP_UA },
] as const;
export const PHONE = SIZES[0];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH');
  return found;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const AXE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations of the page, as "rule: selectors" lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE); // evaluate is not subject to the page's CSP; a script tag would be (and should be)
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (
          ctx: Document,
          opts: unknown,
        ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>;
      };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  });
}

/**
 * Pixels the page scrolls sideways (0 when it fits the viewport). Measured against the root's clientWidth, not
 * window.innerWidth: in a mobile context Chromium widens the layout viewport to fit overflowing content, so innerWidth
 * grows with the overflow and the difference hides it.
 */
export const overflowOf = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Signs `email` (password: the test helpers' PASSWORD) in through the login form, in `page`. */
export async function logInPage(page: Page, origin: string, email: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
}

/** The same in a new page of `ctx`. */
export async function logInAt(ctx: BrowserContext, origin: string, email: string): Promise<Page> {
  const page = await ctx.newPage();
  await logInPage(page, origin, email);
  return page;
}

/** Adds the page's serious axe violations and its sideways overflow, if any, to `problems` under `name`. */
export async function checkPage(page: Page, name: string, problems: string[]): Promise<void> {
  const v = await axeProblems(page);
  const overflow = await overflowOf(page);
  if (v.length) problems.push(`${name}: ${v.join(' | ')}`);
  if (overflow > 0) problems.push(`${name}: ${overflow}px overflow`);
}

/**
 * `npm run test:lighthouse`: Lighthouse 12 (mobile: its default config, emulated phone and simulated slow 4G) on the
 * home page, a category, a district, the search results and a listing page of a seeded site served on a local port
 * by Debian's Chromium (or CHROMIUM_PATH). Each page is loaded once to warm up, then audited RUNS times (default 3) and
 * each category's median is kept (Lighthouse's own advice against run-to-run noise; on a busy machine the simulated
 * throttling multiplies whatever CPU the page got). Prints a Markdown table (for the README) and fails when performance,
 * accessibility, best practices or SEO is below 95 — except SEO on the search results, which are noindex on purpose.
 */
import os from 'node:os';
import type { Server } from 'node:http';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { createTestApp, listingIdByName } from '../tests/helpers/test-app.js';
import { chromiumPath } from '../tests/e2e/browser.js';

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];
const GATE = 95;
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

async function main(): Promise<number> {
  process.env.NODE_ENV ??= 'test';
  const site = await createTestApp({ seed: true, env: { RATE_LIMIT_ENABLED: 'false' } });
  const server: Server = await new Promise((resolve) => { const s = site.app.listen(0, '127.0.0.1', () => resolve(s)); });
  const origin = `http://localhost:${(server.address() as { port: number }).port}`;
  const hd = await listingIdByName(site, 'HDKorea');
  const pages: Array<{ name: string; path: string; noindex?: boolean }> = [
    { name: 'home', path: '/' },
    { name: 'category', path: '/categories/flowers' },
    { name: 'district', path: `/districts/${encodeURIComponent('북구')}` },
    { name: 'search results', path: `/search?q=${encodeURIComponent('화환')}`, noindex: true },
    { name: 'listing', path: `/listings/${hd}-hdkorea` },
  ];
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath(), chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const rows: string[] = ['| page | performance | accessibility | best practices | SEO |', '|---|---|---|---|---|'];
  const failures: string[] = [];
  try {
    for (const p of pages) {
      const url = origin + p.path;
      await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }); // warm-up
      const runs: Lhr[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
        if (!r) throw new Error(`no Lighthouse result for ${p.path}`);
        if (r.lhr.runtimeError) console.error(`${p.name}: ${r.lhr.runtimeError.code} ${r.lhr.runtimeError.message}`);
        runs.push(r.lhr);
      }
      const scores = CATEGORIES.map((c) => median(runs.map((lhr) => Math.round((lhr.categories[c]?.score ?? 0) * 100))));
      const result = { lhr: runs[runs.length - 1] };
      rows.push(`| ${p.name} | ${scores.map((s, i) => (p.noindex && CATEGORIES[i] === 'seo' ? `${s} (noindex, not gated)` : String(s))).join(' | ')} |`);
      CATEGORIES.forEach((c, i) => {
        if (scores[i] >= GATE || (p.noindex && c === 'seo')) return;
        const failed = Object.values(result.lhr.audits).filter((a) => a.score !== null && a.score < 1 && result.lhr.categories[c].auditRefs.some((r) => r.id === a.id && r.weight > 0));
        failures.push(`${p.name} ${c} ${scores[i]}: ${failed.map((a) => `${a.id} (${a.displayValue ?? a.score})`).join(', ')}`);
      });
    }
  } finally {
    await chrome.kill();
    await new Promise((r) => server.close(r));
    await site.close();
  }
  console.log(`Lighthouse 12 (mobile), median of ${RUNS} runs per page, gate ${GATE}; load average at the end ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores:\n\n${rows.join('\n')}\n`);
  if (failures.length) console.log(`Below ${GATE}:\n${failures.map((f) => `- ${f}`).join('\n')}`);
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });

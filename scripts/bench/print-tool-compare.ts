/**
 * `tsx scripts/bench/print-tool-compare.ts [--runs 5]`: the same edition (scripts/bench/print-fixtures.ts) typeset two
 * ways — Golmok's layout engine drawn with pdfkit, and an HTML/CSS page (CSS columns, keep-all, phones in nowrap
 * spans) printed to PDF by Debian's Chromium through playwright-core — with the median time of each, the pages and the
 * PDF size. CSS columns cannot flow text around a box placed at a column and height, so the Chromium version sets the
 * display ads in the flow: it does less work than pdfkit's, and is still the slower one (docs/print-pages.md).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { classificationList, classify } from '../../src/components/ads/print-layout/classifications.js';
import { groupAds, type LayoutAd } from '../../src/components/ads/print-layout/layout.js';
import { phonesIn } from '../../src/components/ads/print-layout/line-break.js';
import { runPrintJob, type PrintJob } from '../../src/components/ads/print-layout/print-job.js';
import { loadConfig } from '../../src/config/index.js';
import { benchAds } from './print-fixtures.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } }, strict: false });
const runs = Math.max(1, Number(values.runs) || 5);
const config = loadConfig({ NODE_ENV: 'test' }).ads;
const list = classificationList(config.print.classifications);
const fixtures = benchAds();
const ads: LayoutAd[] = fixtures.map((a, i) => ({
  orderId: i + 1,
  kind: a.display ? 'display' : 'line',
  classification: classify(list, a.classification).code,
  copy: a.copy,
  bold: a.bold,
  box: a.box,
  orderedAt: new Date(Date.UTC(2026, 11, 1) + i * 60_000).toISOString(),
  ...(a.display ? { columns: a.display.columns, cm: a.display.cm } : {}),
}));
const g = config.print;
const geometry = {
  pageWidthMm: g.pageWidthMm,
  pageHeightMm: g.pageHeightMm,
  columns: g.columns,
  gutterMm: g.gutterMm,
  marginMm: g.marginMm,
  bodyPt: g.bodyPt,
  headingPt: g.headingPt,
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pagesOf = (pdf: Buffer) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' }))![1]);

async function timed(fn: () => Promise<Buffer>): Promise<{ ms: number[]; pdf: Buffer }> {
  let pdf = await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    pdf = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, pdf };
}

const job: PrintJob = {
  output: 'pdf',
  ads,
  geometry,
  classifications: config.print.classifications,
  manualOrder: [],
  locks: [],
  fontFile: config.fontFile,
  boldFontFile: config.print.boldFontFile,
  placements: fixtures.flatMap((a, i) =>
    a.display ? [{ orderId: i + 1, page: a.display.page, column: a.display.column, topMm: a.display.topMm }] : [],
  ),
  origin: 'https://golmok.kr',
  title: 'bench',
  folio: 'bench',
  cropMarks: false,
};
const kit = await timed(async () => Buffer.from((await runPrintJob(job)).pdf!));

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const copyHtml = (copy: string) => {
  let html = esc(copy);
  for (const p of phonesIn(copy)) html = html.replace(esc(p), `<span class="tel">${esc(p)}</span>`);
  return html;
};
const groups = groupAds(ads.filter((a) => a.kind === 'line'), list);
const html = `<!doctype html><html lang="ko"><meta charset="utf-8"><style>
@page { size: ${g.pageWidthMm}mm ${g.pageHeightMm}mm; margin: ${g.marginMm}mm; }
body { margin: 0; font-family: 'NanumGothic'; font-size: ${g.bodyPt}pt; line-height: 1.3; column-count: ${g.columns}; column-gap: ${g.gutterMm}mm; column-fill: auto; }
h2 { font-size: ${g.headingPt}pt; background: #000; color: #fff; margin: 0; padding: 2pt 3pt; break-after: avoid; }
p { margin: 0 0 5pt; white-space: pre-wrap; word-break: keep-all; overflow-wrap: anywhere; break-inside: avoid; }
p.box { border: 0.5pt solid #000; padding: 2.5pt; } p.bold { font-weight: 700; } .tel { white-space: nowrap; }
div.display { border: 0.8pt solid #000; font-weight: 700; font-size: ${g.bodyPt * 1.4}pt; height: 50mm; break-inside: avoid; margin-bottom: 5pt; padding: 5pt; white-space: pre-wrap; }
</style><body>${ads
  .filter((a) => a.kind === 'display')
  .map((a) => `<div class="display">${copyHtml(a.copy)}</div>`)
  .join('')}
${groups.map(({ group, ads: gs }) => `<h2>${esc(group.ko)}</h2>${gs.map((a) => `<p class="${a.box ? 'box' : ''} ${a.bold ? 'bold' : ''}">${copyHtml(a.copy)}</p>`).join('')}`).join('')}</body></html>`;
const started = performance.now();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const launchMs = performance.now() - started;
try {
  const page = await browser.newPage();
  const chrome = await timed(async () => {
    await page.setContent(html, { waitUntil: 'load' });
    return page.pdf({ preferCSSPageSize: true, printBackground: true });
  });
  const fonts = execFileSync('pdffonts', ['-'], { input: chrome.pdf, encoding: 'utf8' }).split('\n').filter((l) => /Nanum/.test(l)).length;
  console.log(
    `pdfkit (layout engine + PDF, in process): median ${Math.round(median(kit.ms))} ms, ${pagesOf(kit.pdf)} pages, ${Math.round(kit.pdf.length / 1024)} KB`,
  );
  console.log(
    `chromium print-to-PDF (CSS columns, no flow around display ads): median ${Math.round(median(chrome.ms))} ms (+ ${Math.round(launchMs)} ms to start the browser), ` +
      `${pagesOf(chrome.pdf)} pages, ${Math.round(chrome.pdf.length / 1024)} KB, ${fonts} Nanum fonts embedded`,
  );
  if (process.env.PRINT_COMPARE_OUT) fs.writeFileSync(process.env.PRINT_COMPARE_OUT, chrome.pdf);
} finally {
  await browser.close();
}

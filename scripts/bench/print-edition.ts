/**
 * `tsx scripts/bench/print-edition.ts [--runs 5]`: an edition of 500 line ads and 20 placed display ads, generated
 * into a temp SQLite database, built as the desk's PDF download builds it (run list from the database, layout and
 * PDF in the print worker thread). Prints the median and each run's time, the page count and the PDF size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config/index.js';
import { createKnex, migrateLatest } from '../../src/db/index.js';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/core/logger.js';
import { insertOrder } from '../../src/components/ads/ads.repository.js';
import { setPlacement } from '../../src/components/ads/print.repository.js';
import { benchAds } from './print-fixtures.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } }, strict: false });
const runs = Math.max(1, Number(values.runs) || 5);
const EDITION = '2026-12-17';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-print-bench-'));
const config = loadConfig(
  {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'false',
    UPLOADS_DIR: path.join(dir, 'uploads'),
    OUTBOX_DIR: path.join(dir, 'outbox'),
    PASSWORD_HASH_COST: '1024',
    SQLITE_FILE: path.join(dir, 'bench.sqlite'),
  },
  dir,
);
const db = createKnex(config.db);
await migrateLatest(db);
const { services, close } = createApp({ config, db, logger: createLogger('silent') });
try {
  const advertiserId = await services.accounts.createUser({
    email: 'print-bench@example.kr',
    password: 'bench password long enough',
    role: 'advertiser',
  });
  const products = await services.ads.products({ activeOnly: false });
  const snap = (code: string) => {
    const p = products.find((x) => x.code === code)!;
    return {
      productId: p.id,
      product: { id: p.id, code: p.code, nameKo: p.nameKo, nameEn: p.nameEn, rule: p.rule, discounts: p.discounts },
    };
  };
  const now = new Date('2026-12-10T00:00:00Z');
  const order = (i: number, copy: string, options: Record<string, unknown>, code: string) =>
    insertOrder(
      db,
      {
        advertiserId,
        enteredBy: null,
        ...snap(code),
        listingId: null,
        copy,
        options,
        customerName: `광고주${i}`,
        state: 'scheduled',
        supply: 10000,
        vat: 1000,
        total: 11000,
        billing: 'bank_transfer',
        depositor: `광고주${i}`,
        taxInvoice: false,
        taxBusinessNo: null,
        firstDeadline: null,
      },
      [EDITION],
      new Date(now.getTime() + i * 60_000),
    );
  for (const [i, ad] of benchAds().entries()) {
    const id = await order(
      i,
      ad.copy,
      {
        classification: ad.classification,
        bold: ad.bold,
        box: ad.box,
        ...(ad.display ? { columns: ad.display.columns, cm: ad.display.cm } : {}),
      },
      ad.display ? 'display' : 'line',
    );
    if (ad.display)
      await setPlacement(db, EDITION, { orderId: id, page: ad.display.page, column: ad.display.column, topMm: ad.display.topMm }, now);
  }
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < runs + 1; r += 1) {
    const t0 = performance.now();
    const pdf = await services.print.pdf(EDITION, false);
    // The first run starts the worker thread and loads the fonts: a warm-up, not counted.
    if (r > 0) times.push(performance.now() - t0);
    bytes = pdf.length;
  }
  const { layout } = await services.print.preview(EDITION);
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`print edition: 500 line ads + 20 display ads → ${layout.pages.length} pages, PDF ${Math.round(bytes / 1024)} KB`);
  console.log(
    `median build (run list + layout + PDF, worker thread): ${Math.round(median)} ms over ${runs} runs [${times.map((t) => Math.round(t)).join(', ')}]`,
  );
  console.log(`per page: ${Math.round(median / layout.pages.length)} ms`);
} finally {
  await close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

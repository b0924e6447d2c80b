/**
 * The paper's ad business as services: orders (advertisers), the desk's side and the rate card (admins), bank statements
 * parsed in a worker thread of their own, and the classified print pages laid out in another. Built by createServices.
 */
import type { Knex } from 'knex';
import type { Config } from './config/index.js';
import {
  createAdDocuments,
  createAdsService,
  createDeskReports,
  createPaymentsService,
  createPrintPool,
  createPrintService,
  createStatementParser,
} from './components/ads/index.js';

type AdsDeps = Parameters<typeof createAdsService>[0];

export function createAdBusiness(
  config: Readonly<Config>,
  db: Knex,
  deps: Pick<AdsDeps, 'clock' | 'mailer' | 'logger' | 'siteUrl' | 'ownListings' | 'categories' | 'extendPaidPeriod' | 'printCodes'> & {
    /** The short code printed beside each ad (tests give fixed ones). */
    codeFor: Parameters<typeof createPrintService>[0]['codeFor'];
    /** Told of each statement parse's outcome and duration (metrics). */
    onJob: (outcome: 'ok' | 'failed' | 'timeout', ms: number) => void;
  },
) {
  const { clock, mailer, logger, siteUrl } = deps;
  const ads = createAdsService({
    db,
    clock,
    mailer,
    logger,
    config: config.ads,
    siteUrl,
    ownListings: deps.ownListings,
    categories: deps.categories,
    extendPaidPeriod: deps.extendPaidPeriod,
    printCodes: deps.printCodes,
  });
  // Bank statements (CSV or XLSX) are parsed in a worker thread of their own, started on demand, under DESK_MAX_ROWS.
  const statements = createStatementParser({
    timeoutMs: config.bulk.timeoutMs, maxQueue: config.bulk.maxQueue, onJob: deps.onJob,
  });
  const adPayments = createPaymentsService({ db, clock, ads, maxLines: config.desk.maxRows, parse: statements.parse });
  // The classified pages: layout and PDF of an edition run in their own worker thread (never on the event loop).
  const printPool = createPrintPool({
    workerUrl: new URL('./components/ads/print-layout/print.worker.js', import.meta.url), size: 1,
    timeoutMs: Math.max(config.bulk.timeoutMs, 60_000), maxQueue: config.bulk.maxQueue,
  });
  const print = createPrintService({
    db,
    clock,
    ads,
    config: config.ads,
    siteUrl,
    run: printPool.run,
    codeFor: deps.codeFor,
  });
  const adDocuments = createAdDocuments({ ads, config: config.ads });
  const deskReports = createDeskReports({ db });
  const close = async () => {
    await statements.close();
    await printPool.pool.close();
  };
  return { ads, adPayments, print, adDocuments, deskReports, close };
}

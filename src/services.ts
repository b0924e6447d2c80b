/**
 * The service graph: every component's services built from config and a database, without Express. The server
 * (app.ts adds HTTP on top), the CLI, the tests and the benches all start here; background timers start in boot.ts.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { createReadKnex, drainPool } from './db/index.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createMailer } from './lib/mailer.js';
import { repeatOnHit } from './lib/repeat-on-hit.js';
import { createLogger } from './core/logger.js';
import './core/messages.js';
import { createBrowseService, createFeedsService, createListingsService } from './components/listings/index.js';
import { createPublicApi, createSearchIndexer, createSearchService } from './components/search/index.js';
import { createAccountsService, createSecondFactor } from './components/accounts/index.js';
import {
  createAdminService,
  createModerationService,
  createReportsService,
  createSpamCheckHook,
  createTrustPolicy,
} from './components/moderation/index.js';
import { createInsightsService, createStatsService } from './components/stats/index.js';
import { createFreshnessService, createReminderLinks } from './components/freshness/index.js';
import { createJobRunner } from './components/jobs/index.js';
import {
  createAdTextService,
  createKakaoGeocoder,
  createListingFormService,
  createSubmissionsService,
  type Geocoder,
} from './components/submissions/index.js';
import { createLocalStorage, createMediaService } from './components/media/index.js';
import { createBulkParser, createCardService, createDeskService } from './components/desk/index.js';
import { createClaimsService } from './components/claims/index.js';
import { createSavedService } from './components/saved/index.js';
import { createFactChecksService, createFactsService, createHolidayReminders } from './components/facts/index.js';
import { createReviewModerationService, createReviewsService } from './components/reviews/index.js';
import { createFeaturedSlots, createPlacements, type CodeLookup } from './components/ads/index.js';
import { createAdBusiness } from './ad-business.js';
import { createCodesService } from './components/codes/index.js';
import type { HumanVerdict as HumanCheck } from './core/human-check.js';

export interface ServiceOptions {
  /** Read-only connections for page reads; by default a SQLite read pool (createReadKnex), else `db`. */
  readDb?: Knex;
  /** Silent unless given. */
  logger?: Logger;
  clock?: Clock;
  /** Branch coordinates from an address (tests inject a fake); by default Kakao's when KAKAO_REST_API_KEY is set. */
  geocode?: Geocoder;
  /** The short code printed with an ad in an edition (/p/CODE and its QR); by default the codes component's. */
  printCodes?: CodeLookup;
}

/** Told of background work as it happens; HTTP (app.ts) points these at its metrics. Unset: nobody listens. */
export interface ServiceObservers {
  jobRun?: (job: string, ok: boolean) => void;
  bulkJob?: (outcome: 'ok' | 'failed' | 'timeout', ms: number) => void;
  counterFlush?: (ok: boolean, ms: number) => void;
}

export function createServices(config: Readonly<Config>, db: Knex, opts: ServiceOptions = {}) {
  const logger = opts.logger ?? createLogger('silent');
  const clock = opts.clock ?? systemClock;
  const ownReader = opts.readDb ? null : createReadKnex(config.db, { logger });
  const reader = opts.readDb ?? ownReader ?? db;
  const observe: ServiceObservers = {};
  // The origin of links in mail: PUBLIC_URL, never a request's Host header.
  const siteUrl = config.baseUrl ?? `http://localhost:${config.port}`;
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    outboxDir: config.outboxDir,
    logger,
    now: () => clock.now(),
  });

  const accounts = createAccountsService({ db, clock, mailer, logger, hashCost: config.passwordHashCost });
  const secondFactor = createSecondFactor({ db, clock, keys: config.totpKeys, hashCost: config.passwordHashCost, logger });
  const indexer = createSearchIndexer(clock);
  const spamChecks = createSpamCheckHook({ clock, newAccountBurst: config.newAccountBurst });
  const listings = createListingsService({
    db, reader, clock, onChange: [indexer.onListingChanged, spamChecks], cacheSize: config.listingCacheSize,
    classifiedLifetimeDays: config.classifiedLifetimeDays, classifiedRenewableDays: config.freshness.classifiedRenewableDays,
  });
  const browse = createBrowseService({ db: reader, clock, pageSize: config.pageSize });
  const feeds = createFeedsService({ db: reader, clock });
  // Featured "광고" slots: read on the public pages, their visits and calls checked by the beacons.
  const placements = createPlacements({ db: reader, now: () => clock.now() });
  // Print → web attribution: short codes (/p/CODE) for print runs and cards; a call beacon's code is checked against them.
  const codes = createCodesService({ db, reader, clock, isListingPublic: (id) => listings.isListingPublic(id) });
  const stats = createStatsService({
    db,
    reader,
    clock,
    logger,
    flushSeconds: config.stats.flushSeconds,
    codeFor: codes.codeFor,
    isVisible: (id) => listings.isListingPublic(id),
    isAdPlacement: placements.isPlacementOf,
    onFlush: (ok, ms) => observe.counterFlush?.(ok, ms),
  });
  // A results page answered from the page cache shows the same listings again: their impressions are counted again.
  const onResults = (query: string, ids: number[]) => {
    stats.recordSearchResults(query, ids);
    repeatOnHit(() => stats.recordSearchResults(query, ids));
  };
  const featured = createFeaturedSlots(placements, (ids, userAgent) => stats.recordAdImpressions(ids, userAgent));
  const facts = createFactsService({ db, reader, clock, listings, reportThreshold: config.facts.reportThreshold });
  const search = createSearchService({
    db: reader,
    clock,
    onResults,
    staleAfterDays: config.freshness.staleAfterDays,
    dayOverrides: facts.overridesFor,
  });
  const api = createPublicApi({ db: reader, clock, search, pageSize: config.pageSize });
  const media = createMediaService({ db, clock, storage: createLocalStorage(config.uploadsDir), config: config.upload });
  const trust = createTrustPolicy({ trustedAfterApprovals: config.trustedAfterApprovals, now: () => clock.now() });
  const submissions = createSubmissionsService({ db, clock, listings, media, trust });
  const moderation = createModerationService({ db, clock, listings, submissions, mailer, logger, siteUrl });
  const reports = createReportsService({ db, clock, listings, moderation });
  const admin = createAdminService({ db, clock, listings });
  const insights = createInsightsService({
    db,
    clock,
    codeFigures: codes.figuresForListing,
    canManage: (id, viewer) => submissions.owned(id, viewer),
  });
  const freshness = createFreshnessService({
    db, clock, listings, mailer, logger, links: createReminderLinks(config.sessionSecret), siteUrl, rules: config.freshness,
  });
  const factChecks = createFactChecksService({
    db,
    clock,
    listings,
    mailer,
    logger,
    siteUrl,
    threshold: config.facts.reportThreshold,
    managed: facts.managed,
  });
  // Its own key: a 명절 link is never a valid confirm/renew link, nor the reverse.
  const holidays = createHolidayReminders({
    db, clock, listings, mailer, logger, links: createReminderLinks(`${config.sessionSecret}:holiday-hours`), siteUrl,
    daysBefore: config.facts.holidayReminderDaysBefore, linkDays: config.freshness.linkDays,
  });
  const jobs = createJobRunner({
    db, clock, logger, jobs: [...freshness.jobs(), { name: 'holiday-reminders', run: holidays.sendHolidayReminders }],
    onJob: (name, ok) => observe.jobRun?.(name, ok),
  });
  const reviews = createReviewsService({ db, reader, clock, listings, media });
  const reviewModeration = createReviewModerationService({ db, clock, isListingPublic: (id) => listings.isListingPublic(id) });
  const saved = createSavedService({ db, reader, clock, maxListings: config.saved.maxListings });
  const adText = createAdTextService({ listCategories: listings.listCategories });
  const geocode = opts.geocode ?? (config.kakaoRestApiKey ? createKakaoGeocoder({ apiKey: config.kakaoRestApiKey }) : undefined);
  const cards = createCardService({ db, clock, listings, cardLink: codes.cardLink });
  // Pasted pages and CSV files are parsed in worker threads: a large one never holds the event loop.
  const bulk = createBulkParser({
    workerUrl: new URL('./components/desk/bulk-parse.worker.js', import.meta.url),
    size: config.bulk.workers,
    timeoutMs: config.bulk.timeoutMs,
    maxQueue: config.bulk.maxQueue,
    onJob: (outcome, ms) => observe.bulkJob?.(outcome, ms),
  });
  const desk = createDeskService({ db, clock, listings, adText, bulkParse: bulk.bulkParse, config: config.desk });
  const claims = createClaimsService({
    db,
    clock,
    listings,
    mailer,
    logger,
    documentsDir: path.join(config.uploadsDir, 'private-claims'),
    maxPixels: config.upload.maxPixels,
    siteUrl,
  });
  // The paper's ad business: orders, bank statements, print pages (ad-business.ts).
  const adBusiness = createAdBusiness(config, db, {
    clock,
    mailer,
    logger,
    siteUrl,
    ownListings: async (userId) =>
      (await submissions.myListings(userId)).map((l) => ({ id: l.id, name: l.name, description: l.description })),
    categories: listings.listCategories,
    extendPaidPeriod: (trx, id, m) => listings.lifecycle.extendPaidPeriod(trx, id, m),
    printCodes: { onScheduled: (trx, id) => codes.ensureOrderCodes(trx, id), ofOrder: (id) => codes.orderCodes(id, siteUrl) },
    codeFor: opts.printCodes ?? codes.printCodeFor,
    onJob: (outcome, ms) => observe.bulkJob?.(outcome, ms),
  });
  const { ads, adPayments, print, adDocuments, deskReports } = adBusiness;

  // Bulk writers (db:generate) call this per batch so derived data (the search index) stays in step.
  const indexBatch = async (trx: Knex.Transaction, ids: number[]) => {
    await listings.refreshDirectory(trx, ids);
    await indexer.indexBatch(trx, ids);
  };
  /** Stops the workers and jobs, writes the buffered counters and closes the read pool this made (not `db`). */
  const close = async () => {
    await bulk.pool.close();
    await adBusiness.close();
    await jobs.stop();
    await stats.stop().catch((err: unknown) => logger.error({ err, lost: stats.waiting() }, 'counters not written at shutdown'));
    if (ownReader) {
      await drainPool(ownReader, config.shutdownTimeoutMs);
      await ownReader.destroy();
    }
  };
  return {
    config,
    db,
    reader,
    logger,
    clock,
    siteUrl,
    observe,
    close,
    bulkPool: bulk.pool,
    indexBatch,
    mailer,
    accounts,
    secondFactor,
    listings,
    browse,
    feeds,
    stats,
    facts,
    search,
    api,
    media,
    trust,
    submissions,
    moderation,
    reports,
    admin,
    insights,
    freshness,
    factChecks,
    holidays,
    jobs,
    reviews,
    reviewModeration,
    saved,
    adText,
    geocode,
    cards,
    desk,
    claims,
    ads,
    adPayments,
    adDocuments,
    deskReports,
    placements,
    featured,
    codes,
    print,
    listingForm: (humanCheck: HumanCheck) =>
      createListingFormService({
        submissions,
        media,
        adText,
        listings,
        humanCheck,
        logger,
        maxPhotos: config.upload.maxFiles,
        geocode,
      }),
  };
}

export type Services = ReturnType<typeof createServices>;

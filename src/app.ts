/** The composition root: builds every component and mounts its router. Nothing else wires things. */
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import compression from 'compression';
import { pinoHttp } from 'pino-http';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { checkDatabase, createReadKnex, drainPool } from './db/index.js';
import { systemClock, type Clock } from './lib/clock.js';
import { projectRoot as root } from './lib/paths.js';
import './web/messages.js';
import { localsMiddleware } from './web/locals.js';
import { createAssets } from './web/assets.js';
import { createPageCache, repeatOnHit } from './web/page-cache.js';
import { createFront } from './web/front.js';
import { createOriginResolver } from './web/origin.js';
import { isSearchPath, requestForLog } from './web/logger.js';
import { startEventLoopGuard, type EventLoopGuard } from './web/event-loop-guard.js';
import { createMetrics } from './web/metrics.js';
import { createErrorHandler, notFoundHandler } from './web/error-handler.js';
import { createHealthRouter } from './web/health.routes.js';
import { createLimiterFactory } from './web/rate-limit.js';
import { DatabaseRateLimitStore, RedisRateLimitStore, redisConnector } from './web/rate-limit-stores.js';
import { RateLimitBuffer } from './web/rate-limit-buffer.js';
import { createBrowseRouter, createBrowseService, createFeedsRouter, createFeedsService, createListingExtrasRouter, createListingsRouter, createListingsService } from './components/listings/index.js';
import { createPublicApi, createPublicApiRouter, createSearchIndexer, createSearchRouter, createSearchService } from './components/search/index.js';
import { createAccountsRouter, createAccountsService, createSecondFactor } from './components/accounts/index.js';
import {
  createAdminRouter, createAdminService, createModerationRouter, createModerationService, createReportsRouter, createReportsService,
  createSecondFactorRouter, createSpamCheckHook, createTrustPolicy, requireSecondFactor,
} from './components/moderation/index.js';
import { createInsightsRouter, createInsightsService, createStatsRouter, createStatsService, sparklineVM } from './components/stats/index.js';
import { createFreshnessRouter, createFreshnessService, createReminderLinks } from './components/freshness/index.js';
import { createJobRunner } from './components/jobs/index.js';
import { createMailer } from './lib/mailer.js';
import { createSessionMiddleware, loadCurrentUser, sessionCookieName, noStoreWhenSignedIn, sessionUnlessAnonymousRead } from './web/session.js';
import { createCsrf } from './web/csrf.js';
import {
  createAdTextRouter, createAdTextService, createKakaoGeocoder, createListingFormService, createSubmissionsRouter, createSubmissionsService,
  type Geocoder,
} from './components/submissions/index.js';
import { createLocalStorage, createMediaRouter, createMediaService, createUploadParser } from './components/media/index.js';
import { requireRole, requireUser } from './web/guards.js';
import { createHumanCheck } from './web/human-check.js';
import { createBulkParser, createCardRouter, createCardService, createDeskRouter, createDeskService, createDeskUpload } from './components/desk/index.js';
import { createClaimsModerationRouter, createClaimsRouter, createClaimsService } from './components/claims/index.js';
import { createSaveButtonLocals, createSavedRouter, createSavedService } from './components/saved/index.js';
import { createFactChecksRouter, createFactChecksService, createFactsRouter, createFactsService, createHolidayReminders, listingFactsVM, outOfBusinessIds } from './components/facts/index.js';
import { createReviewModerationRouter, createReviewModerationService, createReviewSection, createReviewsRouter, createReviewsService } from './components/reviews/index.js';
import { createCodesDeskRouter, createCodesService, createShortCodeRouter } from './components/codes/index.js';
import {
  createAdDocuments, createAdsDeskRouter, createAdsRouter, createAdsService, createDeskReports, createFeaturedSlots, createPaymentsService, createPlacements,
  createPrintDeskRouter, createPrintPool, createPrintService, createRateCardRouter, createStatementParser, createStatementUpload, createTearSheetRouter,
  type CodeLookup,
} from './components/ads/index.js';


export interface AppDeps {
  config: Readonly<Config>;
  /** The writer (and, on PostgreSQL, the reader too). */
  db: Knex;
  /** Read-only connections for page reads; by default a SQLite read pool (createReadKnex), else `db`. */
  readDb?: Knex;
  logger: Logger;
  clock?: Clock;
  /** Branch coordinates from an address (tests inject a fake); by default Kakao's when KAKAO_REST_API_KEY is set. */
  geocode?: Geocoder;
  /** The short code printed with an ad in an edition (/p/CODE and its QR); none by default. */
  printCodes?: CodeLookup;
}

export interface AppState {
  shuttingDown: boolean;
}

/** The listing form's POSTs (multipart): their CSRF token is the form's first field, checked by the upload parser. */
/** The desk's uploads (a pasted page, a CSV file, a bank statement): the same, checked by the desk's upload parser. */
const DESK_UPLOAD_PATH = /^\/desk\/(?:paste|csv|ads\/statements)$/;
/** Reviews with photos and ownership claims with a document: the same, checked by their routers' upload parsers. */
const LISTING_UPLOAD_PATH = /^\/listings\/\d+\/(?:reviews|claim)$/;
const LISTING_FORM_PATH = /^\/submissions\/(?:new|\d+\/edit)$/;

export function createApp(deps: AppDeps) {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const ownReader = deps.readDb ? null : createReadKnex(config.db, { logger });
  const reader = deps.readDb ?? ownReader ?? db;
  const state: AppState = { shuttingDown: false };
  const app: Express = express();

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('views', path.join(root, 'views'));
  app.set('view engine', 'ejs');
  app.set('query parser', 'simple');
  if (config.isProduction) app.set('view cache', true);
  // Strong ETags: a page whose bytes did not change answers a conditional GET with 304.
  app.set('etag', 'strong');
  // Counted first (pages from the page cache too); /metrics answers only to METRICS_ALLOW or METRICS_TOKEN.
  const metrics = createMetrics({ access: config.metrics });
  metrics.watchDatabase(db, 'writer');
  if (reader !== db) metrics.watchDatabase(reader, 'reader');
  app.use(metrics.middleware);
  app.get('/metrics', metrics.handler);

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          // The map on the listing form shows OpenStreetMap tiles; nothing else is loaded from another host.
          imgSrc: ["'self'", 'data:', config.mapTileOrigin],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          // The ALTCHA widget solves its proof of work in Web Workers served from /vendor/altcha-workers.
          workerSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: config.isProduction,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  // The origin links are printed with, checked once per request (PUBLIC_URL, else an allowed Host): web/origin.ts.
  const siteUrl = config.baseUrl ?? `http://localhost:${config.port}`;
  const originFor = createOriginResolver({ publicUrl: config.baseUrl, allowedHosts: config.allowedHosts, fallback: siteUrl, trust: app.get('trust proxy fn') });
  app.use((req, res, next) => {
    res.locals.origin = originFor(req);
    next();
  });
  // Anonymous pages rendered a moment ago, answered before any other middleware (checked against the database's
  // version stamps on every use); pages are kept by pageCache.keep below, where they are rendered.
  const pageCache = createPageCache({
    stamp: () => listings.pageStamp(), clock, ttlMs: config.pageCache.seconds * 1000, maxEntries: config.pageCache.entries, maxBytes: config.pageCache.maxBytes,
    sessionCookie: sessionCookieName(config), logger: config.isTest ? undefined : logger, originOf: originFor,
    onLookup: metrics.pageCacheLookup,
  });
  metrics.watchPageCache(pageCache.size);
  app.use(pageCache.serveKept);
  app.use(compression({ threshold: 1024 }));
  // Static files first: no logging, session, cookie or body parsing for them.
  // Leaflet (the listing form's map) is served from the installed package under /vendor/leaflet, hashed like our own files.
  const assets = createAssets({ root: path.join(root, 'public'), isProduction: config.isProduction, vendor: [{ prefix: '/vendor/leaflet', dir: path.join(root, 'node_modules', 'leaflet', 'dist') }] });
  app.locals.asset = assets.url;
  app.use(assets.middleware);
  // The ALTCHA widget, served from the installed package (nothing vendored into git).
  const vendorFiles = { maxAge: config.isProduction ? '7d' : 0, index: false, redirect: false } as const;
  app.use('/vendor/altcha', express.static(path.join(root, 'node_modules', 'altcha', 'dist', 'external'), vendorFiles));
  app.use('/vendor/altcha-workers', express.static(path.join(root, 'node_modules', 'altcha', 'dist', 'workers'), vendorFiles));
  // A visitor's position ("near me": lat, lng) never reaches the log.
  // A failed search is logged once, by the error handler, with its query reduced to a shape: not here with the raw URL.
  app.use(pinoHttp({
    logger, quietReqLogger: true, autoLogging: !config.isTest, serializers: { req: requestForLog },
    customLogLevel: (req, res, err) => ((err || res.statusCode >= 500) && isSearchPath(((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0])
      ? 'silent' : 'info'),
  }));
  app.use(localsMiddleware({ secureCookies: config.isProduction }));
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '200kb' }));

  // Counters every instance shares: Redis when configured, else the database — counted in memory and saved in
  // batches below half a limit (RATE_LIMIT_SYNC_MS; 0 writes every hit at once). README "Rate limits".
  const redis = config.redisUrl ? redisConnector(config.redisUrl) : null;
  const hitBuffer = redis || config.rateLimit.syncMs === 0 ? null
    : new RateLimitBuffer({ db, reader, syncMs: config.rateLimit.syncMs, onError: (err) => logger.warn({ err }, 'rate-limit counts not saved yet') });
  const limiter = createLimiterFactory({
    enabled: config.rateLimit.enabled,
    store: (name, windowMs) => (redis ? new RedisRateLimitStore(redis.get, name, windowMs) : hitBuffer?.store(name, windowMs) ?? new DatabaseRateLimitStore(db, name, windowMs)),
    onBlocked: (name, key) => logger.warn({ limiter: name, key: key.startsWith('acct:') ? key : 'ip' }, 'rate limit reached: blocked'),
  });
  // The origin of links in mail (siteUrl, above): PUBLIC_URL, never a request's Host header.
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir, logger, now: () => clock.now() });
  const humanCheck = createHumanCheck({ db, secret: config.sessionSecret, enabled: config.pow.enabled, maxNumber: config.pow.maxNumber });
  app.use((_req, res, next) => {
    res.locals.powEnabled = humanCheck.enabled;
    next();
  });
  const accounts = createAccountsService({ db, clock, mailer, logger, hashCost: config.passwordHashCost });
  // The JSON ad-text parser changes nothing a user owns: no CSRF token (the counting beacons are served before CSRF).
  const csrf = createCsrf({
    secret: config.sessionSecret,
    secure: config.isProduction,
    // The listing form (multipart) is checked by its upload parser, with the token as its first field (verifyMultipart).
    exempt: (req) => req.method === 'POST' && (req.path === '/api/ad-text/parse' || ([LISTING_FORM_PATH, DESK_UPLOAD_PATH, LISTING_UPLOAD_PATH].some((p) => p.test(req.path)) && !!req.is('multipart/form-data'))),
  });
  const indexer = createSearchIndexer(clock);
  const spamChecks = createSpamCheckHook({ clock, newAccountBurst: config.newAccountBurst });
  const listings = createListingsService({
    db, reader, clock, onChange: [indexer.onListingChanged, spamChecks], cacheSize: config.listingCacheSize,
    classifiedLifetimeDays: config.classifiedLifetimeDays, classifiedRenewableDays: config.freshness.classifiedRenewableDays,
  });
  // Featured "광고" slots: read on the public pages, their visits and calls checked by the beacons.
  const placements = createPlacements({ db: reader, now: () => clock.now() });
  // Print → web attribution: short codes (/p/CODE) for print runs and cards; a call beacon's code is checked against them.
  const codes = createCodesService({ db, reader, clock, isListingPublic: (id) => listings.isListingPublic(id) });
  const stats = createStatsService({
    db, reader, clock, logger, flushSeconds: config.stats.flushSeconds, codeFor: codes.codeFor,
    isVisible: (id) => listings.isListingPublic(id), isAdPlacement: placements.isPlacementOf, onFlush: metrics.counterFlush,
  });
  metrics.watchCounterBuffer(stats);
  // A results page answered from the page cache shows the same listings again: their impressions are counted again.
  const onResults = (query: string, ids: number[]) => {
    stats.recordSearchResults(query, ids);
    repeatOnHit(() => stats.recordSearchResults(query, ids));
  };
  const featured = createFeaturedSlots(placements, (ids, userAgent) => stats.recordAdImpressions(ids, userAgent));
  const facts = createFactsService({ db, reader, clock, listings, reportThreshold: config.facts.reportThreshold });
  const search = createSearchService({
    db: reader, clock, onResults, staleAfterDays: config.freshness.staleAfterDays, dayOverrides: facts.overridesFor, outOfBusiness: () => outOfBusinessIds(reader),
  });
  const api = createPublicApi({ db: reader, clock, search, pageSize: config.pageSize });
  const media = createMediaService({ db, clock, storage: createLocalStorage(config.uploadsDir), config: config.upload });
  const trust = createTrustPolicy({ trustedAfterApprovals: config.trustedAfterApprovals, now: () => clock.now() });
  const submissions = createSubmissionsService({ db, clock, listings, media, trust });
  const moderation = createModerationService({ db, clock, listings, submissions, mailer, logger, siteUrl });
  const reports = createReportsService({ db, clock, listings, moderation });
  const admin = createAdminService({ db, clock, listings });
  const insights = createInsightsService({ db, clock, codeFigures: codes.figuresForListing,
    canManage: (id, viewer) => submissions.owned(id, viewer) });
  const freshness = createFreshnessService({
    db, clock, listings, mailer, logger, links: createReminderLinks(config.sessionSecret), siteUrl, rules: config.freshness,
  });
  const factChecks = createFactChecksService({ db, clock, listings, mailer, logger, siteUrl, threshold: config.facts.reportThreshold, managed: facts.managed });
  // Its own key: a 명절 link is never a valid confirm/renew link, nor the reverse.
  const holidays = createHolidayReminders({
    db, clock, listings, mailer, logger, links: createReminderLinks(`${config.sessionSecret}:holiday-hours`), siteUrl,
    daysBefore: config.facts.holidayReminderDaysBefore, linkDays: config.freshness.linkDays,
  });
  const jobs = createJobRunner({ db, clock, logger, jobs: [...freshness.jobs(), { name: 'holiday-reminders', run: holidays.sendHolidayReminders }], onJob: metrics.jobRun });
  const reviews = createReviewsService({ db, reader, clock, listings, media });
  const reviewModeration = createReviewModerationService({ db, clock, isListingPublic: (id) => listings.isListingPublic(id) });

  app.use(humanCheck.router);
  app.use(createHealthRouter({ checkDatabase: () => checkDatabase(db), isShuttingDown: () => state.shuttingDown }));
  // The read-only public API needs no cookie, session or CSRF token (and must not set one): it is served before them.
  app.use(createPublicApiRouter({ api, config, limiter, cache: pageCache.atRoute }));
  // Counting beacons (calls, views, map/share actions) are anonymous and answer 204 with nothing to protect: served
  // before the cookie parser and the session, so a beacon neither reads a session nor makes one (a cookieless POST
  // would otherwise start a session per beacon) and needs no CSRF token (their own Origin check stands).
  app.use(createStatsRouter({ stats, limiter }));
  // The printed short URL: a visit counted and a redirect, anonymous like the beacons (no session needed).
  app.use(createShortCodeRouter({ codes, recordVisit: (v) => stats.recordCodeVisit(v), limiter }));
  app.use(cookieParser());
  // An anonymous GET (no session cookie) skips the session store; its page may be cached publicly (render.ts).
  app.use(sessionUnlessAnonymousRead(config, createSessionMiddleware(config, db)));
  app.use(loadCurrentUser({ absoluteMs: config.sessionAbsoluteDays * 86400_000, findUser: (id) => accounts.findSessionUser(id), now: () => clock.now() }));
  app.use(noStoreWhenSignedIn);
  app.use(csrf.tokenLocals);
  app.use(csrf.protect);
  app.use(pageCache.keep);
  // The 저장 buttons of cards and listing pages (a signed-in reader's saved ids: one query; visitors: none).
  const saved = createSavedService({ db, reader, clock, maxListings: config.saved.maxListings });
  app.use(createSaveButtonLocals(saved));

  const listingFacts = async (res: express.Response, listing: Parameters<typeof facts.pageFacts>[0]) => {
    const f = await facts.pageFacts(listing);
    return { overrides: f.overrides, specialHours: f.jsonLd, model: listingFactsVM(f, listing.outOfBusinessAt, res.locals.t) };
  };
  app.use(createListingsRouter({ listings, config, now: () => clock.now(), reviews: createReviewSection(reviews), facts: listingFacts }));
  app.use(createBrowseRouter({ browse: createBrowseService({ db: reader, clock, pageSize: config.pageSize }), config, featured }));
  app.use(createListingExtrasRouter({ listings, config }));
  app.use(createSavedRouter({ saved, limiter, config, now: () => clock.now() }));
  app.use(createFeedsRouter({ feeds: createFeedsService({ db: reader, clock }), config }));
  app.use(createSearchRouter({ search, api, config, featured }));
  app.use(createAccountsRouter({ accounts, config, siteUrl, limiter, humanCheck, now: () => clock.now(), refreshCsrf: csrf.refreshToken }));
  const adText = createAdTextService({ listCategories: listings.listCategories });
  app.use(createMediaRouter({ media }));
  app.use(createAdTextRouter({ adText, limiter }));
  const geocode = deps.geocode ?? (config.kakaoRestApiKey ? createKakaoGeocoder({ apiKey: config.kakaoRestApiKey }) : undefined);
  const listingForm = createListingFormService({
    submissions, media, adText, listings, humanCheck, logger, maxPhotos: config.upload.maxFiles, geocode,
  });
  const summaries = async (ids: number[], lang: 'ko' | 'en', t: (k: string, p?: Record<string, string | number>) => string) =>
    new Map([...(await insights.recentSummaries(ids))].map(([id, s]) => [id, sparklineVM(id, s, lang, t)]));
  app.use(createSubmissionsRouter({
    submissions, listingForm, parseUpload: createUploadParser(config.upload, csrf.verifyMultipart), limiter, requireUser, config, summaries,
  }));
  app.use(createInsightsRouter({ insights, requireUser }));
  app.use(createFreshnessRouter({ freshness, limiter }));
  app.use(createFactsRouter({
    facts, checks: factChecks, holidays, listings, humanCheck, limiter, requireUser, reportsPerHour: config.rateLimit.reportsPerHour, baseUrl: config.baseUrl, visitorHash: stats.visitorHash,
  }));
  app.use('/checks', createFactChecksRouter({ guard: [requireRole('desk', 'moderator', 'admin'), requireSecondFactor], checks: factChecks, threshold: config.facts.reportThreshold }));
  app.use(createReportsRouter({ reports, listings, humanCheck, limiter, config, visitorHash: stats.visitorHash }));
  app.use(createSecondFactorRouter({ secondFactor: createSecondFactor({ db, clock, keys: config.totpKeys, hashCost: config.passwordHashCost, logger }), limiter, now: () => clock.now() }));
  // Every /mod and /admin route sits behind the guard given here, applied inside each router before any route.
  app.use('/mod', createModerationRouter({ guard: [requireRole('moderator', 'admin'), requireSecondFactor], moderation, reports, categories: listings.listCategories }));
  const cards = createCardService({ db, clock, listings, cardLink: codes.cardLink });
  // Pasted pages and CSV files are parsed in worker threads: a large one never holds the event loop.
  const bulk = createBulkParser({ workerUrl: new URL('./components/desk/bulk-parse.worker.js', import.meta.url), size: config.bulk.workers, timeoutMs: config.bulk.timeoutMs, maxQueue: config.bulk.maxQueue, onJob: metrics.bulkJob });
  metrics.watchBulkPool(bulk.pool.stats);
  const desk = createDeskService({ db, clock, listings, adText, bulkParse: bulk.bulkParse, config: config.desk });
  app.use(createCardRouter({ cards, config }));
  app.use('/desk', createDeskRouter({
    guard: [requireRole('desk', 'admin'), requireSecondFactor], desk, cards, baseUrl: config.baseUrl, undoHours: config.desk.undoHours,
    parseUpload: createDeskUpload(config.desk.maxUploadBytes, csrf.verifyMultipart), categories: listings.listCategories,
  }));
  const claims = createClaimsService({
    db, clock, listings, mailer, logger, documentsDir: path.join(config.uploadsDir, 'private-claims'), maxPixels: config.upload.maxPixels,
    siteUrl: config.baseUrl ?? `http://localhost:${config.port}`,
  });
  app.use(createClaimsRouter({ claims, limiter, perHour: config.rateLimit.claimsPerHour, maxBytes: config.upload.maxFileBytes, requireUser, verifyMultipart: csrf.verifyMultipart }));
  app.use('/mod', createClaimsModerationRouter({ guard: [requireRole('moderator', 'admin'), requireSecondFactor], claims }));
  app.use(createReviewsRouter({
    reviews, moderation: reviewModeration, humanCheck, limiter, requireUser, perHour: config.rateLimit.reviewsPerHour, reportsPerHour: config.rateLimit.reportsPerHour,
    maxFileBytes: config.upload.maxFileBytes, visitorHash: stats.visitorHash, baseUrl: config.baseUrl, verifyMultipart: csrf.verifyMultipart,
  }));
  app.use('/mod', createReviewModerationRouter({ guard: [requireRole('moderator', 'admin'), requireSecondFactor], moderation: reviewModeration }));
  app.use('/admin', createAdminRouter({ guard: [requireRole('admin'), requireSecondFactor], admin }));
  // The paper's ad business: orders (advertisers), the desk's side, the rate card (admins).
  const ads = createAdsService({
    db, clock, mailer, logger, config: config.ads, siteUrl,
    ownListings: async (userId) => (await submissions.myListings(userId)).map((l) => ({ id: l.id, name: l.name, description: l.description })),
    categories: listings.listCategories, extendPaidPeriod: (trx, id, m) => listings.lifecycle.extendPaidPeriod(trx, id, m),
    printCodes: { onScheduled: (trx, id) => codes.ensureOrderCodes(trx, id), ofOrder: (id) => codes.orderCodes(id, siteUrl) },
  });
  // Bank statements (CSV or XLSX) are parsed in a worker thread of their own, started on demand, under DESK_MAX_ROWS.
  const statements = createStatementParser({ timeoutMs: config.bulk.timeoutMs, maxQueue: config.bulk.maxQueue, onJob: metrics.bulkJob });
  const adPayments = createPaymentsService({ db, clock, ads, maxLines: config.desk.maxRows, parse: statements.parse });
  app.use(createAdsRouter({ ads, documents: createAdDocuments({ ads, config: config.ads }), limiter, requireUser, ordersPerHour: config.ads.ordersPerHour }));
  app.use('/desk/ads', createAdsDeskRouter({
    guard: [requireRole('desk', 'admin'), requireSecondFactor], ads, payments: adPayments, reports: createDeskReports({ db }), parseUpload: createStatementUpload(config.ads.statementMaxBytes, csrf.verifyMultipart),
  }));
  app.use('/desk/codes', createCodesDeskRouter({ codes, guard: [requireRole('desk', 'admin'), requireSecondFactor] }));
  app.use('/admin/ads', createRateCardRouter({ guard: [requireRole('admin'), requireSecondFactor], ads }));
  // The classified pages: layout and PDF of an edition run in their own worker thread (never on the event loop).
  const printPool = createPrintPool({ workerUrl: new URL('./components/ads/print-layout/print.worker.js', import.meta.url), size: 1, timeoutMs: Math.max(config.bulk.timeoutMs, 60_000), maxQueue: config.bulk.maxQueue });
  const print = createPrintService({ db, clock, ads, config: config.ads, siteUrl, run: printPool.run, codeFor: deps.printCodes ?? codes.printCodeFor });
  app.use('/desk/ads/print', createPrintDeskRouter({ guard: [requireRole('desk', 'admin'), requireSecondFactor], print }));
  app.use(createTearSheetRouter({ print, requireUser }));

  app.use(notFoundHandler);
  app.use(createErrorHandler({ logger, showStack: config.env === 'development' }));

  // Bulk writers (db:generate) call this per batch so derived data (the search index) stays in step.
  // start(): the server's timers (counter flush, job runner, expiry sweep); close(): stops them and writes the buffered counters.
  let sweep: NodeJS.Timeout | null = null;
  let loopGuard: EventLoopGuard | null = null;
  const start = () => {
    loopGuard = startEventLoopGuard({ logger, warnMs: config.eventLoopDelayWarnMs });
    stats.start();
    if (config.jobs.enabled) jobs.start(config.jobs.intervalMinutes * 60_000);
    // Ads whose time ran out leave the browse shelves and counts within a minute.
    sweep = setInterval(() => {
      listings.sweepExpired().catch((err: unknown) => logger.warn({ err }, 'expiry sweep failed'));
      ads.advanceSchedules().catch((err: unknown) => logger.warn({ err }, 'ad order schedule sweep failed'));
    }, 60_000);
    sweep.unref();
  };
  const close = async () => {
    if (sweep) clearInterval(sweep);
    loopGuard?.stop();
    await bulk.pool.close();
    await statements.close();
    await printPool.pool.close();
    await jobs.stop();
    await stats.stop().catch((err: unknown) => logger.error({ err, lost: stats.waiting() }, 'counters not written at shutdown'));
    await redis?.close();
    await hitBuffer?.close().catch((err: unknown) => logger.error({ err }, 'rate-limit counts not saved at shutdown'));
    if (ownReader) {
      await drainPool(ownReader, config.shutdownTimeoutMs);
      await ownReader.destroy();
    }
  };
  const indexBatch = async (trx: Knex.Transaction, ids: number[]) => {
    await listings.refreshDirectory(trx, ids);
    await indexer.indexBatch(trx, ids);
  };
  // What the server listens with: the front answers kept pages before Express (PAGE_FRONT), else Express itself.
  const handler = config.pageCache.front ? createFront({ express: app, answer: pageCache.answerAtFront }) : app;
  const services = {
    listings, facts, factChecks, holidays, search, accounts, mailer, stats, media, submissions, moderation, reports, admin, insights,
    freshness, jobs, desk, saved, reviews, reviewModeration, ads, adPayments, print, indexBatch, codes,
  };
  return { app, handler, state, limiter, start, close, bulkPool: bulk.pool, services };
}

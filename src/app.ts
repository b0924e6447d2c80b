/** HTTP over the services: security headers, the page cache, sessions, CSRF, rate limits; app-routers.ts mounts the components' routers. */
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import compression from 'compression';
import { pinoHttp } from 'pino-http';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { checkDatabase } from './db/index.js';
import { projectRoot as root } from './lib/paths.js';
import { isSearchPath, requestForLog } from './core/logger.js';
import { createServices, type ServiceOptions, type Services } from './services.js';
import { localsMiddleware } from './web/locals.js';
import { createAssets } from './web/assets.js';
import { createPageCache } from './web/page-cache.js';
import { createFront } from './web/front.js';
import { createSaveGate } from './web/save-gate.js';
import { createOriginResolver } from './web/origin.js';
import { createMetrics } from './web/metrics.js';
import { createErrorHandler, notFoundHandler } from './web/error-handler.js';
import { createHealthRouter } from './web/health.routes.js';
import { createLimiterFactory } from './web/rate-limit.js';
import { DatabaseRateLimitStore, RedisRateLimitStore, redisConnector } from './web/rate-limit-stores.js';
import { RateLimitBuffer } from './web/rate-limit-buffer.js';
import {
  createSessionMiddleware,
  loadCurrentUser,
  sessionCookieName,
  noStoreWhenSignedIn,
  sessionUnlessAnonymousRead,
} from './web/session.js';
import { createCsrf } from './web/csrf.js';
import { createHumanCheck } from './web/human-check.js';
import { createPublicApiRouter } from './components/search/index.js';
import { createStatsRouter } from './components/stats/index.js';
import { createSaveButtonLocals } from './components/saved/index.js';
import { createShortCodeRouter } from './components/codes/index.js';
import { mountComponentRouters } from './app-routers.js';

/** What callers that do not build the services themselves pass (older tests, one-off scripts). */
export interface AppDeps extends ServiceOptions {
  config: Readonly<Config>;
  /** The writer (and, on PostgreSQL, the reader too). */
  db: Knex;
  logger: Logger;
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

/** Builds the HTTP side over services (or, for callers that pass only config and a database, over services it makes). */
export function createApp(input: Services | AppDeps) {
  const ownServices = 'listings' in input ? null : createServices(input.config, input.db, input);
  const services = ownServices ?? (input as Services);
  const { config, db, reader, logger, clock, siteUrl, listings, stats, accounts, api, saved } = services;
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
  metrics.watchCounterBuffer(stats);
  metrics.watchBulkPool(services.bulkPool.stats);
  services.observe.jobRun = metrics.jobRun;
  services.observe.bulkJob = metrics.bulkJob;
  services.observe.counterFlush = metrics.counterFlush;
  // New anonymous reads make way for a signed-in save in flight (SAVE_GATE_WAIT_MS): at the front, else first here.
  const saveGate = createSaveGate({
    maxWaitMs: config.pageCache.saveGateWaitMs, sessionCookie: sessionCookieName(config), onReleased: metrics.saveGateRelease,
  });
  if (!config.pageCache.front) app.use((req, res, next) => saveGate.admit(req, res, () => next()));
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
  const originFor = createOriginResolver({
    publicUrl: config.baseUrl, allowedHosts: config.allowedHosts, fallback: siteUrl, trust: app.get('trust proxy fn'),
  });
  app.use((req, res, next) => {
    res.locals.origin = originFor(req);
    next();
  });
  // Anonymous pages rendered a moment ago, answered before any other middleware (checked against the database's
  // version stamps on every use); pages are kept by pageCache.keep below, where they are rendered.
  const pageCache = createPageCache({
    stamp: () => listings.pageStamp(),
    clock,
    ttlMs: config.pageCache.seconds * 1000,
    maxEntries: config.pageCache.entries,
    maxBytes: config.pageCache.maxBytes,
    sessionCookie: sessionCookieName(config),
    logger: config.isTest ? undefined : logger,
    originOf: originFor,
    onLookup: metrics.pageCacheLookup,
  });
  metrics.watchPageCache(pageCache.size);
  app.use(pageCache.serveKept);
  app.use(compression({ threshold: 1024 }));
  // Static files first: no logging, session, cookie or body parsing for them.
  // Leaflet (the listing form's map) is served from the installed package under /vendor/leaflet, hashed like our own files.
  const assets = createAssets({
    root: path.join(root, 'public'),
    isProduction: config.isProduction,
    vendor: [{ prefix: '/vendor/leaflet', dir: path.join(root, 'node_modules', 'leaflet', 'dist') }],
  });
  app.locals.asset = assets.url;
  app.use(assets.middleware);
  // The ALTCHA widget, served from the installed package (nothing vendored into git).
  const vendorFiles = { maxAge: config.isProduction ? '7d' : 0, index: false, redirect: false } as const;
  app.use('/vendor/altcha', express.static(path.join(root, 'node_modules', 'altcha', 'dist', 'external'), vendorFiles));
  app.use('/vendor/altcha-workers', express.static(path.join(root, 'node_modules', 'altcha', 'dist', 'workers'), vendorFiles));
  // A visitor's position ("near me": lat, lng) never reaches the log.
  // A failed search is logged once, by the error handler, with its query reduced to a shape: not here with the raw URL.
  app.use(
    pinoHttp({
      logger,
      quietReqLogger: true,
      autoLogging: !config.isTest,
      serializers: { req: requestForLog },
      customLogLevel: (req, res, err) =>
        (err || res.statusCode >= 500) && isSearchPath(((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0])
          ? 'silent'
          : 'info',
    }),
  );
  app.use(localsMiddleware({ secureCookies: config.isProduction }));
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '200kb' }));

  // Counters every instance shares: Redis when configured, else the database — counted in memory and saved in
  // batches below half a limit (RATE_LIMIT_SYNC_MS; 0 writes every hit at once). README "Rate limits".
  const redis = config.redisUrl ? redisConnector(config.redisUrl) : null;
  const hitBuffer =
    redis || config.rateLimit.syncMs === 0
      ? null
      : new RateLimitBuffer({
          db,
          reader,
          syncMs: config.rateLimit.syncMs,
          onError: (err) => logger.warn({ err }, 'rate-limit counts not saved yet'),
        });
  const limiter = createLimiterFactory({
    enabled: config.rateLimit.enabled,
    store: (name, windowMs) =>
      redis
        ? new RedisRateLimitStore(redis.get, name, windowMs)
        : (hitBuffer?.store(name, windowMs) ?? new DatabaseRateLimitStore(db, name, windowMs)),
    onBlocked: (name, key) => logger.warn({ limiter: name, key: key.startsWith('acct:') ? key : 'ip' }, 'rate limit reached: blocked'),
  });
  const humanCheck = createHumanCheck({ db, secret: config.sessionSecret, enabled: config.pow.enabled, maxNumber: config.pow.maxNumber });
  app.use((_req, res, next) => {
    res.locals.powEnabled = humanCheck.enabled;
    next();
  });
  // The JSON ad-text parser changes nothing a user owns: no CSRF token (the counting beacons are served before CSRF).
  const csrf = createCsrf({
    secret: config.sessionSecret,
    secure: config.isProduction,
    // The listing form (multipart) is checked by its upload parser, with the token as its first field (verifyMultipart).
    exempt: (req) =>
      req.method === 'POST' &&
      (req.path === '/api/ad-text/parse' ||
        ([LISTING_FORM_PATH, DESK_UPLOAD_PATH, LISTING_UPLOAD_PATH].some((p) => p.test(req.path)) && !!req.is('multipart/form-data'))),
  });
  app.use(humanCheck.router);
  app.use(createHealthRouter({ checkDatabase: () => checkDatabase(db), isShuttingDown: () => state.shuttingDown }));
  // The read-only public API needs no cookie, session or CSRF token (and must not set one): it is served before them.
  app.use(createPublicApiRouter({ api, config, limiter, cache: pageCache.atRoute }));
  // Counting beacons (calls, views, map/share actions) are anonymous and answer 204 with nothing to protect: served
  // before the cookie parser and the session, so a beacon neither reads a session nor makes one (a cookieless POST
  // would otherwise start a session per beacon) and needs no CSRF token (their own Origin check stands).
  app.use(createStatsRouter({ stats, limiter }));
  // The printed short URL: a visit counted and a redirect, anonymous like the beacons (no session needed).
  app.use(createShortCodeRouter({ codes: services.codes, recordVisit: (v) => stats.recordCodeVisit(v), limiter }));
  app.use(cookieParser());
  // An anonymous GET (no session cookie) skips the session store; its page may be cached publicly (render.ts).
  app.use(sessionUnlessAnonymousRead(config, createSessionMiddleware(config, db)));
  app.use(
    loadCurrentUser({
      absoluteMs: config.sessionAbsoluteDays * 86400_000,
      findUser: (id) => accounts.findSessionUser(id),
      now: () => clock.now(),
    }),
  );
  app.use(saveGate.releaseUnlessSignedIn);
  app.use(noStoreWhenSignedIn);
  app.use(csrf.tokenLocals);
  app.use(csrf.protect);
  app.use(pageCache.keep);
  // The 저장 buttons of cards and listing pages (a signed-in reader's saved ids: one query; visitors: none).
  app.use(createSaveButtonLocals(saved));

  mountComponentRouters(app, services, { limiter, humanCheck, csrf });

  app.use(notFoundHandler);
  app.use(createErrorHandler({ logger, showStack: config.env === 'development' }));

  /** Closes what HTTP opened (rate-limit stores), then the services when this made them. */
  const close = async () => {
    await redis?.close();
    await hitBuffer?.close().catch((err: unknown) => logger.error({ err }, 'rate-limit counts not saved at shutdown'));
    await ownServices?.close();
  };
  // What the server listens with: the front answers kept pages before Express (PAGE_FRONT), else Express itself.
  const handler = config.pageCache.front ? createFront({ express: app, answer: pageCache.answerAtFront, gate: saveGate }) : app;
  metrics.watchSaveGate(saveGate.stats);
  return { app, handler, state, limiter, close, bulkPool: services.bulkPool, services, saveGate };
}

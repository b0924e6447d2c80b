/** The composition root: builds every component and mounts its router. Nothing else wires things. */
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { checkDatabase } from './db/index.js';
import { systemClock, type Clock } from './lib/clock.js';
import { projectRoot as root } from './lib/paths.js';
import './web/messages.js';
import { localsMiddleware } from './web/locals.js';
import { createErrorHandler, notFoundHandler } from './web/error-handler.js';
import { createHealthRouter } from './web/health.routes.js';
import { createLimiterFactory } from './web/rate-limit.js';
import { createListingsRouter, createListingsService } from './components/listings/index.js';
import { createAdTextRouter, createAdTextService, createFormHandler, createSubmissionsRouter, createSubmissionsService } from './components/submissions/index.js';
import { createLocalStorage, createMediaRouter, createMediaService, createUploadParser } from './components/media/index.js';


export interface AppDeps {
  config: Readonly<Config>;
  db: Knex;
  logger: Logger;
  clock?: Clock;
}

export interface AppState {
  shuttingDown: boolean;
}

export function createApp(deps: AppDeps) {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const state: AppState = { shuttingDown: false };
  const app: Express = express();

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('views', path.join(root, 'views'));
  app.set('view engine', 'ejs');
  app.set('query parser', 'simple');
  if (config.isProduction) app.set('view cache', true);

  app.use(pinoHttp({ logger, quietReqLogger: true, autoLogging: !config.isTest }));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
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
  app.use(express.static(path.join(root, 'public'), { maxAge: config.isProduction ? '7d' : 0, index: false, redirect: false }));
  app.use(localsMiddleware({ secureCookies: config.isProduction }));

  const limiter = createLimiterFactory({ enabled: true });
  const listings = createListingsService({ db, clock });
  const media = createMediaService({ db, clock, storage: createLocalStorage(config.uploadsDir), config: config.upload });
  const submissions = createSubmissionsService({ db, clock, listings, media, classifiedLifetimeDays: config.classifiedLifetimeDays });

  app.use(createHealthRouter({ checkDatabase: () => checkDatabase(db), isShuttingDown: () => state.shuttingDown }));
  app.use(createListingsRouter({ listings, config }));
  const adText = createAdTextService({ listCategories: listings.listCategories });
  app.use(createMediaRouter({ media }));
  app.use(createAdTextRouter({ adText, limiter }));
  const handleForm = createFormHandler({ submissions, media, adText, listings, parseUpload: createUploadParser(config.upload) });
  // Until the accounts branch's guards land: visitors are sent to the login page.
  const requireUser: RequestHandler = (req, res, next) => (res.locals.currentUser ? next() : res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`));
  app.use(createSubmissionsRouter({ submissions, listings, handleForm, limiter, requireUser, config }));

  app.use(notFoundHandler);
  app.use(createErrorHandler({ logger, showStack: config.env === 'development' }));

  return { app, state, limiter, services: { listings, media, submissions } };
}

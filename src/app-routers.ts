/** Every component's pages, forms and desk screens mounted on the app, in order, each behind the guards and limits it needs. */
import type express from 'express';
import type { Express } from 'express';
import type { Services } from './services.js';
import type { LimiterFactory } from './web/rate-limit.js';
import type { HumanCheck } from './web/human-check.js';
import type { createCsrf } from './web/csrf.js';
import { requireRole, requireUser } from './web/guards.js';
import { createBrowseRouter, createFeedsRouter, createListingExtrasRouter, createListingsRouter } from './components/listings/index.js';
import { createSearchRouter } from './components/search/index.js';
import { createAccountsRouter } from './components/accounts/index.js';
import {
  createAdminRouter,
  createModerationRouter,
  createReportsRouter,
  createSecondFactorRouter,
  requireSecondFactor,
} from './components/moderation/index.js';
import { createInsightsRouter, sparklineVM } from './components/stats/index.js';
import { createFreshnessRouter } from './components/freshness/index.js';
import { createAdTextRouter, createSubmissionsRouter } from './components/submissions/index.js';
import { createMediaRouter, createUploadParser } from './components/media/index.js';
import { createCardRouter, createDeskRouter, createDeskUpload } from './components/desk/index.js';
import { createClaimsModerationRouter, createClaimsRouter } from './components/claims/index.js';
import { createSavedRouter } from './components/saved/index.js';
import { createFactChecksRouter, createFactsRouter, listingFactsVM } from './components/facts/index.js';
import { createReviewModerationRouter, createReviewSection, createReviewsRouter } from './components/reviews/index.js';
import {
  createAdsDeskRouter, createAdsRouter, createPrintDeskRouter, createRateCardRouter, createStatementUpload, createTearSheetRouter,
} from './components/ads/index.js';
import { createCodesDeskRouter } from './components/codes/index.js';

/** What app.ts made for HTTP that the routers share: the rate limits, the proof-of-work check and the CSRF tokens. */
export interface RouterHttp {
  limiter: LimiterFactory;
  humanCheck: HumanCheck;
  csrf: ReturnType<typeof createCsrf>;
}

/** Mounts the component routers after the session, CSRF and page-cache middleware (app.ts), before the 404 and error handlers. */
export function mountComponentRouters(app: Express, services: Services, http: RouterHttp): void {
  const {
    config,
    clock,
    siteUrl,
    listings,
    stats,
    accounts,
    search,
    api,
    media,
    submissions,
    moderation,
    reports,
    admin,
    insights,
    freshness,
    factChecks,
    holidays,
    reviews,
    reviewModeration,
    saved,
    adText,
    cards,
    desk,
    claims,
    ads,
    adPayments,
    facts,
  } = services;
  const { limiter, humanCheck, csrf } = http;
  const listingFacts = async (res: express.Response, listing: Parameters<typeof facts.pageFacts>[0]) => {
    const f = await facts.pageFacts(listing);
    return { overrides: f.overrides, specialHours: f.jsonLd, model: listingFactsVM(f, listing.outOfBusinessAt, res.locals.t) };
  };
  app.use(createListingsRouter({ listings, config, now: () => clock.now(), reviews: createReviewSection(reviews), facts: listingFacts }));
  app.use(createBrowseRouter({ browse: services.browse, config, featured: services.featured }));
  app.use(createListingExtrasRouter({ listings, config }));
  app.use(createSavedRouter({ saved, limiter, config, now: () => clock.now() }));
  app.use(createFeedsRouter({ feeds: services.feeds, config }));
  app.use(createSearchRouter({ search, api, config, featured: services.featured }));
  app.use(createAccountsRouter({ accounts, config, siteUrl, limiter, humanCheck, now: () => clock.now(), refreshCsrf: csrf.refreshToken }));
  app.use(createMediaRouter({ media }));
  app.use(createAdTextRouter({ adText, limiter }));
  const listingForm = services.listingForm(humanCheck);
  const summaries = async (ids: number[], lang: 'ko' | 'en', t: (k: string, p?: Record<string, string | number>) => string) =>
    new Map([...(await insights.recentSummaries(ids))].map(([id, s]) => [id, sparklineVM(id, s, lang, t)]));
  app.use(createSubmissionsRouter({
    submissions, listingForm, parseUpload: createUploadParser(config.upload, csrf.verifyMultipart), limiter, requireUser, config, summaries,
  }));
  app.use(createInsightsRouter({ insights, requireUser }));
  app.use(createFreshnessRouter({ freshness, limiter }));
  app.use(
    createFactsRouter({
      facts,
      checks: factChecks,
      holidays,
      listings,
      humanCheck,
      limiter,
      requireUser,
      reportsPerHour: config.rateLimit.reportsPerHour,
      baseUrl: config.baseUrl,
      visitorHash: stats.visitorHash,
    }),
  );
  app.use(
    '/checks',
    createFactChecksRouter({
      guard: [requireRole('desk', 'moderator', 'admin'), requireSecondFactor],
      checks: factChecks,
      threshold: config.facts.reportThreshold,
    }),
  );
  app.use(createReportsRouter({ reports, listings, humanCheck, limiter, config, visitorHash: stats.visitorHash }));
  app.use(createSecondFactorRouter({ secondFactor: services.secondFactor, limiter, now: () => clock.now() }));
  // Every /mod and /admin route sits behind the guard given here, applied inside each router before any route.
  app.use(
    '/mod',
    createModerationRouter({
      guard: [requireRole('moderator', 'admin'), requireSecondFactor],
      moderation,
      reports,
      categories: listings.listCategories,
    }),
  );
  app.use(createCardRouter({ cards, config }));
  app.use('/desk', createDeskRouter({
    guard: [requireRole('desk', 'admin'), requireSecondFactor], desk, cards, baseUrl: config.baseUrl, undoHours: config.desk.undoHours,
    parseUpload: createDeskUpload(config.desk.maxUploadBytes, csrf.verifyMultipart), categories: listings.listCategories,
  }));
  app.use(
    createClaimsRouter({
      claims,
      limiter,
      perHour: config.rateLimit.claimsPerHour,
      maxBytes: config.upload.maxFileBytes,
      requireUser,
      verifyMultipart: csrf.verifyMultipart,
    }),
  );
  app.use('/mod', createClaimsModerationRouter({ guard: [requireRole('moderator', 'admin'), requireSecondFactor], claims }));
  app.use(
    createReviewsRouter({
      reviews,
      moderation: reviewModeration,
      humanCheck,
      limiter,
      requireUser,
      perHour: config.rateLimit.reviewsPerHour,
      reportsPerHour: config.rateLimit.reportsPerHour,
      maxFileBytes: config.upload.maxFileBytes,
      visitorHash: stats.visitorHash,
      baseUrl: config.baseUrl,
      verifyMultipart: csrf.verifyMultipart,
    }),
  );
  app.use(
    '/mod',
    createReviewModerationRouter({ guard: [requireRole('moderator', 'admin'), requireSecondFactor], moderation: reviewModeration }),
  );
  app.use('/admin', createAdminRouter({ guard: [requireRole('admin'), requireSecondFactor], admin }));
  // The paper's ad business: orders (advertisers), the desk's side, the rate card (admins).
  app.use(createAdsRouter({ ads, documents: services.adDocuments, limiter, requireUser, ordersPerHour: config.ads.ordersPerHour }));
  app.use('/desk/ads', createAdsDeskRouter({
    guard: [requireRole('desk', 'admin'), requireSecondFactor], ads, payments: adPayments, reports: services.deskReports,
    parseUpload: createStatementUpload(config.ads.statementMaxBytes, csrf.verifyMultipart),
  }));
  app.use('/desk/codes', createCodesDeskRouter({ codes: services.codes, guard: [requireRole('desk', 'admin'), requireSecondFactor] }));
  app.use('/admin/ads', createRateCardRouter({ guard: [requireRole('admin'), requireSecondFactor], ads }));
  app.use('/desk/ads/print', createPrintDeskRouter({ guard: [requireRole('desk', 'admin'), requireSecondFactor], print: services.print }));
  app.use(createTearSheetRouter({ print: services.print, requireUser }));
}

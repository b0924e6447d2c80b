/**
 * The static list of migrations, in order. Names are recorded without a file extension, so the same
 * history is read whether the code runs from TypeScript (tsx, Vitest) or from compiled JavaScript.
 * Add a new migration by creating its file and appending one line here; never edit a landed one.
 */
import type { Knex } from 'knex';
import * as createUsersAndSessions from './20261124090000_create-users-and-sessions.js';
import * as createCategories from './20261124090100_create-categories.js';
import * as createListings from './20261124090200_create-listings.js';
import * as createReportsAndAuditLog from './20261124090300_create-reports-and-audit-log.js';
import * as createDailyCounters from './20261124090400_create-daily-counters.js';
import * as seedCategories from './20261124090500_seed-categories.js';
import * as createRateLimitHits from './20261124100000_create-rate-limit-hits.js';
import * as createSearchIndex from './20261124120000_create-search-index.js';
import * as createEmailVerifications from './20261124130000_create-email-verifications.js';
import * as createListingRevisions from './20261124140000_create-listing-revisions.js';
import * as createModeration from './20261126120000_create-moderation.js';
import * as createSearchNamesIndex from './20261126150000_create-search-names-index.js';
import * as createSearchNamesTsvector from './20261126160000_create-search-names-tsvector.js';
import * as narrowSearchRows from './20261127090000_narrow-search-rows.js';
import * as listingDirectory from './20261201090000_listing-directory.js';
import * as extendDailyCounters from './20261206090000_extend-daily-counters.js';
import * as createRemindersAndJobLeases from './20261206090100_create-reminders-and-job-leases.js';
import * as pagesStampPublicOnly from './20261207090000_pages-stamp-public-only.js';
import * as createRecoveryCodes from './20261202090000_create-recovery-codes.js';
import * as createDeskImports from './20261204090000_create-desk-imports.js';
import * as createListingClaims from './20261204100000_create-listing-claims.js';
import * as searchRankingFacts from './20261203090000_search-ranking-facts.js';
import * as categoryEnglishSynonyms from './20261203090100_category-english-synonyms.js';
import * as createSavedListings from './20261207100000_create-saved-listings.js';
import * as createReviews from './20261207120000_create-reviews.js';
import * as seedReviewKeywords from './20261207120100_seed-review-keywords.js';
import * as mediaReviewPhotos from './20261207120200_media-review-photos.js';
import * as searchRankingWithoutJoins from './20261207150000_search-ranking-without-joins.js';
import * as shelfExtents from './20261208100000_shelf-extents.js';
import * as searchEvidenceSections from './20261210040000_search-evidence-sections.js';
import * as createAdProducts from './20261210060000_create-ad-products.js';
import * as seedAdRateCard from './20261210060100_seed-ad-rate-card.js';
import * as createAdOrders from './20261210060200_create-ad-orders.js';
import * as createAdPayments from './20261210060300_create-ad-payments.js';
import * as createAdClosedDays from './20261210060400_create-ad-closed-days.js';
import * as branchCoordinatesIndex from './20261207110000_branch-coordinates-index.js';
import * as listingFacetsByListing from './20261207110100_listing-facets-by-listing.js';
import * as listingIsSynthetic from './20261210050000_listing-is-synthetic.js';
import * as createListingSpecialDays from './20261210070000_create-listing-special-days.js';
import * as listingHolidayRule from './20261210070100_listing-holiday-rule.js';
import * as createFactReports from './20261210070200_create-fact-reports.js';
import * as createListingChecks from './20261210070300_create-listing-checks.js';
import * as listingOutOfBusiness from './20261210070400_listing-out-of-business.js';
import * as createAdPlacements from './20261211010000_create-ad-placements.js';
import * as createAdPrintLayout from './20261211020000_create-ad-print-layout.js';
import * as createShortCodes from './20261211030000_create-short-codes.js';

export interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const migrations: ReadonlyArray<readonly [string, Migration]> = [
  ['20261124090000_create-users-and-sessions', createUsersAndSessions],
  ['20261124090100_create-categories', createCategories],
  ['20261124090200_create-listings', createListings],
  ['20261124090300_create-reports-and-audit-log', createReportsAndAuditLog],
  ['20261124090400_create-daily-counters', createDailyCounters],
  ['20261124090500_seed-categories', seedCategories],
  ['20261124100000_create-rate-limit-hits', createRateLimitHits],
  ['20261124120000_create-search-index', createSearchIndex],
  ['20261124130000_create-email-verifications', createEmailVerifications],
  ['20261124140000_create-listing-revisions', createListingRevisions],
  ['20261126120000_create-moderation', createModeration],
  ['20261126150000_create-search-names-index', createSearchNamesIndex],
  ['20261126160000_create-search-names-tsvector', createSearchNamesTsvector],
  ['20261127090000_narrow-search-rows', narrowSearchRows],
  ['20261201090000_listing-directory', listingDirectory],
  ['20261202090000_create-recovery-codes', createRecoveryCodes],
  ['20261203090000_search-ranking-facts', searchRankingFacts],
  ['20261203090100_category-english-synonyms', categoryEnglishSynonyms],
  ['20261204090000_create-desk-imports', createDeskImports],
  ['20261204100000_create-listing-claims', createListingClaims],
  ['20261206090000_extend-daily-counters', extendDailyCounters],
  ['20261206090100_create-reminders-and-job-leases', createRemindersAndJobLeases],
  ['20261207090000_pages-stamp-public-only', pagesStampPublicOnly],
  ['20261207100000_create-saved-listings', createSavedListings],
  ['20261207110000_branch-coordinates-index', branchCoordinatesIndex],
  ['20261207110100_listing-facets-by-listing', listingFacetsByListing],
  ['20261207120000_create-reviews', createReviews],
  ['20261207120100_seed-review-keywords', seedReviewKeywords],
  ['20261207120200_media-review-photos', mediaReviewPhotos],
  ['20261207150000_search-ranking-without-joins', searchRankingWithoutJoins],
  ['20261208100000_shelf-extents', shelfExtents],
  ['20261210040000_search-evidence-sections', searchEvidenceSections],
  ['20261210050000_listing-is-synthetic', listingIsSynthetic],
  ['20261210060000_create-ad-products', createAdProducts],
  ['20261210060100_seed-ad-rate-card', seedAdRateCard],
  ['20261210060200_create-ad-orders', createAdOrders],
  ['20261210060300_create-ad-payments', createAdPayments],
  ['20261210060400_create-ad-closed-days', createAdClosedDays],
  ['20261210070000_create-listing-special-days', createListingSpecialDays],
  ['20261210070100_listing-holiday-rule', listingHolidayRule],
  ['20261210070200_create-fact-reports', createFactReports],
  ['20261210070300_create-listing-checks', createListingChecks],
  ['20261210070400_listing-out-of-business', listingOutOfBusiness],
  ['20261211010000_create-ad-placements', createAdPlacements],
  ['20261211020000_create-ad-print-layout', createAdPrintLayout],
  ['20261211030000_create-short-codes', createShortCodes],
];

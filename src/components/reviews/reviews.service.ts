/**
 * Keyword reviews: a signed-in resident picks 1–5 keywords offered for the listing's categories (and the general set),
 * optionally with a text of up to 400 characters and up to 3 photos. One review per account and listing per 90 days;
 * the account must be 24 hours old; an owner cannot review their own listing. The listing's owner replies once per
 * review (editable). Texts go through the listings' spam checks: a text that trips one is held for a moderator.
 */
import type { Knex } from 'knex';
import type { Clock } from '../../lib/clock.js';
import { cachedFor } from '../../lib/cached.js';
import { ForbiddenError, ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import { VISITOR, type ListingGraph, type ListingsService } from '../listings/index.js';
import { ImageRejectedError, type MediaService } from '../media/index.js';
import { reviewTextFlags } from './review-checks.js';
import * as repo from './reviews.repository.js';
import * as section from './review-section.repository.js';

const DAY = 86_400_000;
export const REVIEW_RULES = {
  repeatDays: 90,
  accountAgeHours: 24,
  maxKeywords: 5,
  maxText: 400,
  maxPhotos: 3,
  newestShown: 10,
  perPage: 20,
} as const;

export type Ineligible = { rule: 'owner' | 'newAccount' } | { rule: 'recent'; since: Date; reviewId: number; status: repo.ReviewStatus };
export interface ReviewInput { keywordIds: number[]; body: string; photos: Buffer[] }

export function createReviewsService(deps: { db: Knex; reader?: Knex; clock: Clock; listings: ListingsService; media: MediaService }) {
  const { db, clock, listings } = deps;
  const reader = deps.reader ?? db;
  const keywords = cachedFor(60_000, () => repo.listKeywords(reader));

  /** The general keywords, then those of the listing's categories and their parents. */
  async function keywordsFor(listing: ListingGraph): Promise<repo.Keyword[]> {
    const all = await keywords();
    const cats = await listings.listCategories();
    const slugs = new Set(listing.categories.map((c) => c.slug));
    for (const c of listing.categories) if (c.parentId !== null) slugs.add(cats.find((p) => p.id === c.parentId)?.slug ?? '');
    return all.filter((k) => k.categorySlug === null || slugs.has(k.categorySlug));
  }

  async function publicListing(listingId: number): Promise<ListingGraph> {
    const { listing, isPublic } = await listings.getListingForViewer(listingId, VISITOR);
    if (!isPublic) throw new NotFoundError();
    return listing;
  }

  async function ineligible(listing: ListingGraph, userId: number): Promise<Ineligible | null> {
    const now = clock.now().getTime();
    if (listing.ownerId === userId) return { rule: 'owner' };
    const created = await repo.userCreatedAt(db, userId);
    if (!created || now - created.getTime() < REVIEW_RULES.accountAgeHours * 3_600_000) return { rule: 'newAccount' };
    const last = await repo.latestReviewBy(db, userId, listing.id);
    if (last && now - last.createdAt.getTime() < REVIEW_RULES.repeatDays * DAY)
      return { rule: 'recent', since: last.createdAt, reviewId: last.id, status: last.status };
    return null;
  }

  /** A review the viewer owns as the listing's owner (404 for anyone else, and for reviews not shown). */
  async function reviewOnOwnListing(reviewId: number, userId: number): Promise<{ review: repo.ReviewRow; listing: ListingGraph }> {
    const review = await repo.findReview(db, reviewId);
    if (!review || review.status !== 'visible') throw new NotFoundError();
    const listing = await publicListing(review.listingId);
    if (listing.ownerId !== userId) throw new NotFoundError();
    return { review, listing };
  }

  async function storePhotos(photos: Buffer[], ownerId: number): Promise<number[]> {
    const ids: number[] = [];
    for (const bytes of photos) {
      try {
        ids.push((await deps.media.storeUpload(bytes, { ownerId, role: 'photo', altText: null })).id);
      } catch (err) {
        if (err instanceof ImageRejectedError) throw new ValidationError({ photos: 'review.error.photos' });
        throw err;
      }
    }
    return ids;
  }

  return {
    rules: REVIEW_RULES,
    keywords,
    publicListing,

    /** The form: the listing, the keywords offered, and why this user cannot review it (null when they can). */
    async formFor(listingId: number, userId: number) {
      const listing = await publicListing(listingId);
      return { listing, keywords: await keywordsFor(listing), ineligible: await ineligible(listing, userId) };
    },

    async submitReview(listingId: number, userId: number, input: ReviewInput): Promise<{ id: number; status: repo.ReviewStatus }> {
      const listing = await publicListing(listingId);
      const offered = new Set((await keywordsFor(listing)).map((k) => k.id));
      const picked = [...new Set(input.keywordIds)];
      const body = input.body.trim();
      const errors: Record<string, string> = {};
      if (picked.length < 1 || picked.length > REVIEW_RULES.maxKeywords || picked.some((k) => !offered.has(k)))
        errors.keywords = 'review.error.keywords';
      if ([...body].length > REVIEW_RULES.maxText) errors.body = 'review.error.text';
      if (input.photos.length > REVIEW_RULES.maxPhotos) errors.photos = 'review.error.photos';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const no = await ineligible(listing, userId);
      if (no?.rule === 'recent') throw new ConflictError('review.rule.recent');
      if (no) throw new ForbiddenError(`review.rule.${no.rule}`);
      const flags = await reviewTextFlags(db, body || null, {});
      const photoIds = await storePhotos(input.photos, userId);
      const status: repo.ReviewStatus = flags.length ? 'held' : 'visible';
      const id = await db.transaction(async (trx) => {
        const reviewId = await repo.insertReview(
          trx,
          { listingId, userId, body: body || null, status, flags: flags.join('; ').slice(0, 500) || null, keywordIds: picked },
          clock.now(),
        );
        await repo.attachPhotos(trx, reviewId, userId, photoIds);
        return reviewId;
      });
      return { id, status };
    },

    /** The author's own review (404 for anyone else). */
    async ownReview(reviewId: number, userId: number): Promise<{ review: repo.ReviewRow; listing: ListingGraph }> {
      const review = await repo.findReview(db, reviewId);
      if (!review || review.userId !== userId || review.status === 'deleted') throw new NotFoundError();
      const { listing } = await listings.getListingForViewer(review.listingId, VISITOR);
      return { review, listing };
    },

    async deleteReview(reviewId: number, userId: number): Promise<number> {
      const review = await repo.findReview(db, reviewId);
      if (!review || review.userId !== userId || review.status === 'deleted') throw new NotFoundError();
      await db.transaction((trx) => repo.deleteReview(trx, reviewId, clock.now()));
      return review.listingId;
    },

    replyPage: reviewOnOwnListing,

    async saveReply(reviewId: number, userId: number, text: string): Promise<{ listing: ListingGraph; status: repo.ReplyStatus }> {
      const { listing } = await reviewOnOwnListing(reviewId, userId);
      const body = text.trim();
      if (body.length === 0 || [...body].length > REVIEW_RULES.maxText) throw new ValidationError({ body: 'review.error.reply' });
      const flags = await reviewTextFlags(db, body, { replyReviewId: reviewId });
      const status: repo.ReplyStatus = flags.length ? 'held' : 'visible';
      await db.transaction((trx) =>
        repo.saveReply(
          trx,
          { reviewId, listingId: listing.id, userId, body, status, flags: flags.join('; ').slice(0, 500) || null },
          clock.now(),
        ),
      );
      return { listing, status };
    },

    /**
     * The listing page's section: keyword counts (most chosen first), how many reviews, the newest with replies, and
     * for a signed-in viewer their own reviews only they can see (held or hidden), read from the writer: just posted.
     */
    async sectionFor(listing: ListingGraph, viewerId: number | null = null) {
      const [data, all, own] = await Promise.all([section.findSection(reader, listing.id, REVIEW_RULES.newestShown), keywords(),
        viewerId === null ? [] : section.ownReviews(db, listing.id, viewerId)]);
      const last = viewerId === null ? null : await repo.latestReviewBy(db, viewerId, listing.id);
      const recent = last && clock.now().getTime() - last.createdAt.getTime() < REVIEW_RULES.repeatDays * DAY ? last : null;
      return { ...data, all, own, recent };
    },

    /** A page of all of a public listing's visible reviews, newest first (pages past the last: the last). */
    async reviewPage(listingId: number, page: number) {
      const listing = await publicListing(listingId);
      const first = await section.findSection(reader, listing.id, REVIEW_RULES.perPage, (page - 1) * REVIEW_RULES.perPage);
      const pages = Math.max(1, Math.ceil(first.total / REVIEW_RULES.perPage));
      const data =
        page <= pages ? first : await section.findSection(reader, listing.id, REVIEW_RULES.perPage, (pages - 1) * REVIEW_RULES.perPage);
      return {
        listing,
        ...data,
        all: await keywords(),
        own: [] as section.SectionReview[],
        recent: null,
        page: Math.min(page, pages),
        pages,
      };
    },
  };
}
export type ReviewsService = ReturnType<typeof createReviewsService>;

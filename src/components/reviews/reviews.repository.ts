/** SQL of reviews, their keyword picks, owners' replies and reports on them (writes and single-row reads). Always with bindings. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;
type Db = Knex | Knex.Transaction;
export type ReviewStatus = 'visible' | 'held' | 'hidden' | 'deleted';
export type ReplyStatus = 'visible' | 'held' | 'hidden';

export interface Keyword { id: number; code: string; categorySlug: string | null; labelKo: string; labelEn: string }
export interface ReviewRow {
  id: number; listingId: number; userId: number; body: string | null; status: ReviewStatus; flags: string | null; createdAt: Date;
  reply: { id: number; userId: number | null; body: string; status: ReplyStatus; flags: string | null } | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export async function listKeywords(db: Knex): Promise<Keyword[]> {
  const rows = (await db('review_keywords').orderBy('sort_order').orderBy('id')) as Row[];
  return rows.map((r) => ({
    id: toNumber(r.id),
    code: String(r.code),
    categorySlug: str(r.category_slug),
    labelKo: String(r.label_ko),
    labelEn: String(r.label_en),
  }));
}

/** The user's latest review of the listing, whatever became of it (a deleted one still counts for the 90 days). */
export async function latestReviewBy(
  db: Db,
  userId: number,
  listingId: number,
): Promise<{ id: number; createdAt: Date; status: ReviewStatus } | null> {
  const r = (await db('reviews')
    .where({ user_id: userId, listing_id: listingId })
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .first('id', 'created_at', 'status')) as Row | undefined;
  return r ? { id: toNumber(r.id), createdAt: toDate(r.created_at)!, status: r.status as ReviewStatus } : null;
}

export async function findReview(db: Db, id: number): Promise<ReviewRow | null> {
  const r = (await db('reviews as r')
    .leftJoin('review_replies as rp', 'rp.review_id', 'r.id')
    .where('r.id', id)
    .first(
      'r.*',
      'rp.id as reply_id',
      'rp.user_id as reply_user_id',
      'rp.body as reply_body',
      'rp.status as reply_status',
      'rp.flags as reply_flags',
    )) as Row | undefined;
  if (!r) return null;
  return {
    id: toNumber(r.id),
    listingId: toNumber(r.listing_id),
    userId: toNumber(r.user_id),
    body: str(r.body),
    status: r.status as ReviewStatus,
    flags: str(r.flags),
    createdAt: toDate(r.created_at)!,
    reply:
      r.reply_id === null || r.reply_id === undefined
        ? null
        : {
            id: toNumber(r.reply_id),
            userId: r.reply_user_id === null ? null : toNumber(r.reply_user_id),
            body: String(r.reply_body),
            status: r.reply_status as ReplyStatus,
            flags: str(r.reply_flags),
          },
  };
}

export async function insertReview(
  trx: Knex.Transaction,
  r: { listingId: number; userId: number; body: string | null; status: ReviewStatus; flags: string | null; keywordIds: number[] },
  now: Date,
): Promise<number> {
  const [row] = await trx('reviews')
    .insert({
      listing_id: r.listingId,
      user_id: r.userId,
      body: r.body,
      status: r.status,
      flags: r.flags,
      created_at: now,
      updated_at: now,
    })
    .returning('id');
  const id = toNumber(typeof row === 'object' && row !== null ? (row as Row).id : row);
  await trx('review_keyword_picks').insert(r.keywordIds.map((k) => ({ review_id: id, keyword_id: k, listing_id: r.listingId })));
  return id;
}

/** The author's delete: text, keywords and photos go; the row stays (status deleted) so the 90-day rule still holds. */
export async function deleteReview(trx: Knex.Transaction, id: number, now: Date): Promise<void> {
  await trx('review_keyword_picks').where({ review_id: id }).del();
  await trx('review_replies').where({ review_id: id }).del();
  await trx('media').where({ review_id: id }).update({ review_id: null });
  await trx('reviews').where({ id }).update({ status: 'deleted', body: null, flags: null, updated_at: now });
  await trx('review_reports').where({ review_id: id, status: 'open' }).update({ status: 'resolved', resolved_at: now });
}

/** Points the author's fresh uploads at the review (others' ids are silently dropped). */
export async function attachPhotos(trx: Knex.Transaction, reviewId: number, ownerId: number, mediaIds: number[]): Promise<void> {
  if (mediaIds.length)
    await trx('media').whereIn('id', mediaIds).where({ owner_id: ownerId }).whereNull('listing_id').update({ review_id: reviewId });
}

/** Creates the review's one reply, or rewrites it. */
export async function saveReply(
  trx: Knex.Transaction,
  r: { reviewId: number; listingId: number; userId: number; body: string; status: ReplyStatus; flags: string | null },
  now: Date,
): Promise<'created' | 'updated'> {
  const fields = { user_id: r.userId, body: r.body, status: r.status, flags: r.flags, updated_at: now };
  const n = await trx('review_replies').where({ review_id: r.reviewId }).update(fields);
  if (Number(n) > 0) return 'updated';
  await trx('review_replies').insert({ ...fields, review_id: r.reviewId, listing_id: r.listingId, created_at: now });
  return 'created';
}

export async function setStatus(
  trx: Knex.Transaction,
  table: 'reviews' | 'review_replies',
  id: number,
  status: ReviewStatus | ReplyStatus,
  now: Date,
): Promise<void> {
  await trx(table).where({ id }).update({ status, updated_at: now });
}

/** Another review or reply with exactly this text (duplicate-text spam check). */
export async function sameTextElsewhere(db: Db, body: string, except: { reviewId?: number; replyReviewId?: number }): Promise<boolean> {
  const review = await db('reviews').where({ body }).modify((q) => { if (except.reviewId) q.whereNot('id', except.reviewId); }).first('id');
  if (review) return true;
  return Boolean(
    await db('review_replies')
      .where({ body })
      .modify((q) => {
        if (except.replyReviewId) q.whereNot('review_id', except.replyReviewId);
      })
      .first('id'),
  );
}

export async function bannedWords(db: Db): Promise<string[]> {
  return ((await db('banned_terms').where({ kind: 'word' }).pluck('value')) as unknown[]).map(String);
}

export async function hasOpenReport(db: Db, reviewId: number, target: string, reporterHash: string): Promise<boolean> {
  return Boolean(
    await db('review_reports').where({ review_id: reviewId, target, reporter_hash: reporterHash, status: 'open' }).first('id'),
  );
}

export async function insertReport(
  trx: Knex.Transaction,
  r: {
    reviewId: number;
    target: 'review' | 'reply';
    reason: string;
    note: string | null;
    reporterUserId: number | null;
    reporterHash: string;
  },
  now: Date,
): Promise<number> {
  const [row] = await trx('review_reports')
    .insert({
      review_id: r.reviewId,
      target: r.target,
      reason: r.reason,
      note: r.note,
      reporter_user_id: r.reporterUserId,
      reporter_hash: r.reporterHash,
      created_at: now,
    })
    .returning('id');
  return toNumber(typeof row === 'object' && row !== null ? (row as Row).id : row);
}

/** Settles the open reports on one target of a review; returns how many. */
export async function settleReports(
  trx: Knex.Transaction,
  reviewId: number,
  target: 'review' | 'reply',
  status: 'resolved' | 'dismissed',
  by: number,
  now: Date,
): Promise<number> {
  return Number(
    await trx('review_reports')
      .where({ review_id: reviewId, target, status: 'open' })
      .update({ status, resolved_by: by, resolved_at: now }),
  );
}

export async function userCreatedAt(db: Db, userId: number): Promise<Date | null> {
  const r = (await db('users').where({ id: userId }).first('created_at')) as Row | undefined;
  return r ? toDate(r.created_at) : null;
}

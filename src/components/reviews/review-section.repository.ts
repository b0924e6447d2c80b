/**
 * What a listing page shows of its reviews, in one statement: keyword counts over the visible reviews, their number,
 * and the newest ones with their keywords, photos and the owner's visible reply (JSON arrays: json_group_array on
 * SQLite, json_agg on PostgreSQL). Also the moderators' queue.
 */
import type { Knex } from 'knex';
import { commaList, engineOf, firstRowOf, jsonArrayAgg, jsonObjectFn, toDate, toNumber, type Engine } from '../../db/index.js';

type Row = Record<string, unknown>;

export interface SectionReview {
  id: number; userId: number; body: string | null; createdAt: Date; status: string; keywordIds: number[];
  photos: Array<Array<{ name: string; file: string; width: number; height: number }>>;
  reply: { body: string; updatedAt: Date } | null;
}
export interface SectionData { total: number; counts: Map<number, number>; newest: SectionReview[] }

/**
 * Reviews as one JSON array, each with its keywords, photos and the owner's visible reply, newest first: `inner`
 * selects (id, user_id, body, status, created_at) of the reviews wanted, as `n`.
 */
function reviewsJson(engine: Engine, inner: string): string {
  const obj = jsonObjectFn(engine);
  const agg = (expr: string, order: string) => jsonArrayAgg(engine, expr, order);
  const picks = `(SELECT ${commaList(engine, 'p.keyword_id')} FROM review_keyword_picks p WHERE p.review_id = n.id)`;
  const photos = `(SELECT ${agg('m.variants', 'm.id')} FROM media m WHERE m.review_id = n.id)`;
  const reply = (col: string) => `(SELECT rp.${col} FROM review_replies rp WHERE rp.review_id = n.id AND rp.status = 'visible')`;
  return `(SELECT ${agg(`${obj}('id', n.id, 'user_id', n.user_id, 'body', n.body, 'status', n.status, 'created_at', n.created_at, 'picks', ${picks}, 'photos', ${photos}, 'reply_body', ${reply('body')}, 'reply_at', ${reply('updated_at')})`, 'n.created_at DESC, n.id DESC')}
    FROM (${inner}) n)`;
}

const sqlCache = new Map<string, string>();
function cachedSql(key: string, build: () => string): string {
  let sql = sqlCache.get(key);
  if (!sql) sqlCache.set(key, (sql = build()));
  return sql;
}

/** Bindings: listing id (counts), listing id (total), listing id, limit, offset (the page of visible reviews). */
function sectionSql(engine: Engine): string {
  return cachedSql(`section:${engine}`, () => {
    const counts = jsonArrayAgg(engine, `${jsonObjectFn(engine)}('k', c.keyword_id, 'n', c.n)`, 'c.keyword_id');
    // Driven from the listing's visible reviews (their index), each review's picks by its primary key.
    const countsSql = `(SELECT ${counts} FROM (SELECT p.keyword_id, count(*) AS n FROM reviews r
      JOIN review_keyword_picks p ON p.review_id = r.id WHERE r.listing_id = ? AND r.status = 'visible' GROUP BY p.keyword_id) c)`;
    // The page's ids first (LIMIT inside, off the (listing_id, status, created_at) index), then their keywords, photos and reply.
    const page = reviewsJson(
      engine,
      `SELECT r.id, r.user_id, r.body, r.status, r.created_at FROM reviews r WHERE r.listing_id = ? AND r.status = 'visible'
      ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?`,
    );
    return `SELECT ${countsSql} AS counts_json, (SELECT count(*) FROM reviews WHERE listing_id = ? AND status = 'visible') AS total, ${page} AS newest_json`;
  });
}

const json = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v as T | null) ?? fallback));

function parseReviews(v: unknown): SectionReview[] {
  return json<Row[]>(v, [])
    .map((r): SectionReview => ({
      id: toNumber(r.id),
      userId: toNumber(r.user_id),
      body: r.body === null || r.body === undefined ? null : String(r.body),
      createdAt: toDate(r.created_at)!,
      status: String(r.status),
      keywordIds: String(r.picks ?? '')
        .split(',')
        .filter(Boolean)
        .map(Number),
      photos: json<unknown[]>(r.photos, []).map((p) => json(p, [])),
      reply: r.reply_body === null || r.reply_body === undefined ? null : { body: String(r.reply_body), updatedAt: toDate(r.reply_at)! },
    }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
}

/** Keyword counts and the number of the listing's visible reviews, and `limit` of them from `offset`, newest first. */
export async function findSection(db: Knex, listingId: number, limit: number, offset = 0): Promise<SectionData> {
  const result = await db.raw(sectionSql(engineOf(db)), [listingId, listingId, listingId, limit, offset]);
  const row = firstRowOf<Row>(result)!;
  const counts = new Map(json<Row[]>(row.counts_json, []).map((c) => [toNumber(c.k), toNumber(c.n)]));
  return { total: toNumber(row.total), counts, newest: parseReviews(row.newest_json) };
}

/**
 * An author's own reviews of a listing, newest first: the visible ones, and those only they can see (held by a spam
 * check, or hidden by a moderator).
 */
export async function ownReviews(db: Knex, listingId: number, userId: number): Promise<SectionReview[]> {
  const engine = engineOf(db);
  const sql = cachedSql(
    `own:${engine}`,
    () =>
      `SELECT ${reviewsJson(
        engine,
        `SELECT r.id, r.user_id, r.body, r.status, r.created_at FROM reviews r
    WHERE r.listing_id = ? AND r.user_id = ? AND r.status IN ('visible', 'held', 'hidden') ORDER BY r.created_at DESC, r.id DESC LIMIT 5`,
      )} AS own_json`,
  );
  const result = await db.raw(sql, [listingId, userId]);
  return parseReviews(firstRowOf<Row>(result)!.own_json);
}

export interface QueueItem {
  reviewId: number;
  listingId: number;
  listingName: string;
  listingSlug: string;
  authorEmail: string;
  body: string | null;
  status: string;
  flags: string | null;
  createdAt: Date;
  reportReasons: string[];
  reply: { body: string; status: string; flags: string | null; reportReasons: string[] } | null;
}

/** Reviews a moderator should look at: held by a spam check, reported (review or reply), or hidden lately (to restore). */
export async function moderationQueue(db: Knex, hiddenSince: Date, limit = 100): Promise<QueueItem[]> {
  const reported = db('review_reports').where({ status: 'open' }).select('review_id');
  const rows = (await db('reviews as r')
    .join('listings as l', 'l.id', 'r.listing_id')
    .join('users as u', 'u.id', 'r.user_id')
    .leftJoin('review_replies as rp', 'rp.review_id', 'r.id')
    .whereNot('r.status', 'deleted')
    .where((w) =>
      w
        .whereIn('r.status', ['held'])
        .orWhereIn('rp.status', ['held'])
        .orWhereIn('r.id', reported)
        .orWhere((h) => h.where('r.status', 'hidden').where('r.updated_at', '>=', hiddenSince))
        .orWhere((h) => h.where('rp.status', 'hidden').where('rp.updated_at', '>=', hiddenSince)),
    )
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(limit)
    .select(
      'r.id',
      'r.listing_id',
      'l.name as listing_name',
      'l.slug as listing_slug',
      'u.email',
      'r.body',
      'r.status',
      'r.flags',
      'r.created_at',
      'rp.body as reply_body',
      'rp.status as reply_status',
      'rp.flags as reply_flags',
    )) as Row[];
  const ids = rows.map((r) => toNumber(r.id));
  const reports = ids.length
    ? ((await db('review_reports').whereIn('review_id', ids).where({ status: 'open' }).select('review_id', 'target', 'reason')) as Row[])
    : [];
  const reasons = (id: number, target: string) =>
    reports.filter((p) => toNumber(p.review_id) === id && p.target === target).map((p) => String(p.reason));
  return rows.map((r) => {
    const id = toNumber(r.id);
    return {
      reviewId: id,
      listingId: toNumber(r.listing_id),
      listingName: String(r.listing_name),
      listingSlug: String(r.listing_slug),
      authorEmail: String(r.email),
      body: r.body === null ? null : String(r.body),
      status: String(r.status),
      flags: r.flags === null ? null : String(r.flags),
      createdAt: toDate(r.created_at)!,
      reportReasons: reasons(id, 'review'),
      reply:
        r.reply_body === null || r.reply_body === undefined
          ? null
          : {
              body: String(r.reply_body),
              status: String(r.reply_status),
              flags: r.reply_flags === null ? null : String(r.reply_flags),
              reportReasons: reasons(id, 'reply'),
            },
    };
  });
}

/**
 * Daily counters: the salt of the day, the repeat rule (one counted event per visitor key and 10 minutes) and the
 * increments a flush writes. Every statement is the same SQL on SQLite and PostgreSQL (ON CONFLICT … DO UPDATE … WHERE).
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { rowsOf, toNumber } from '../../db/index.js';

/** The day's random salt, created on first use; every instance reads the same one from the database. */
export async function saltForDay(db: Knex, day: string): Promise<string> {
  const found = await db('daily_salts').where({ day }).first('salt');
  if (found) return String(found.salt);
  await db('daily_salts').insert({ day, salt: crypto.randomBytes(32).toString('hex') }).onConflict('day').ignore();
  return String((await db('daily_salts').where({ day }).first('salt')).salt);
}

export interface EventKey { kind: string; subjectId: number; day: string; visitorHash: string; at: number }
export const eventKeyOf = (e: Omit<EventKey, 'at'>): string => `${e.kind}|${e.subjectId}|${e.day}|${e.visitorHash}`;

/**
 * Marks events counted unless the same key was counted less than windowMs before or after (another instance may
 * have flushed first). Keys must be unique within one call. Returns the keys that counted.
 */
export async function markCounted(trx: Knex.Transaction, events: EventKey[], windowMs: number): Promise<Set<string>> {
  const counted = new Set<string>();
  for (let i = 0; i < events.length; i += 400) {
    const chunk = events.slice(i, i + 400);
    const rows = await trx.raw(
      `INSERT INTO counter_events (kind, subject_id, day, visitor_hash, last_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (kind, subject_id, day, visitor_hash) DO UPDATE
         SET last_at = CASE WHEN excluded.last_at > counter_events.last_at THEN excluded.last_at ELSE counter_events.last_at END
         WHERE counter_events.last_at IS NULL OR counter_events.last_at <= excluded.last_at - ? OR counter_events.last_at >= excluded.last_at + ?
       RETURNING kind, subject_id, day, visitor_hash`,
      [...chunk.flatMap((e) => [e.kind, e.subjectId, e.day, e.visitorHash, e.at]), windowMs, windowMs],
    );
    for (const r of rowsOf(rows))
      counted.add(
        eventKeyOf({ kind: String(r.kind), subjectId: toNumber(r.subject_id), day: String(r.day), visitorHash: String(r.visitor_hash) }),
      );
  }
  return counted;
}

export const LISTING_COUNTERS = ['views', 'calls', 'map_taps', 'vcard_downloads', 'shares', 'qr_scans'] as const;
export type ListingCounter = (typeof LISTING_COUNTERS)[number];

/** Rows per upsert statement: a flush writes each table in as few statements as this allows (bindings stay far below SQLite's limit). */
const UPSERT_ROWS = 400;

/**
 * Adds counts to one daily table: one multi-row upsert per UPSERT_ROWS rows, each existing row incremented by what the
 * statement brings (`excluded`). Keys must be unique within one call (a row cannot be upserted twice in one statement).
 */
async function addCounts(
  trx: Knex.Transaction,
  table: string,
  key: string[],
  counts: string[],
  rows: Array<Record<string, string | number>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_ROWS) {
    const merge = Object.fromEntries(counts.map((c) => [c, trx.raw('?? + ??', [`${table}.${c}`, `excluded.${c}`])]));
    await trx(table)
      .insert(rows.slice(i, i + UPSERT_ROWS))
      .onConflict(key)
      .merge(merge);
  }
}

/** Adds the counts per listing and day (every counter column in each row; 0 adds nothing). */
export async function addListingCounts(
  trx: Knex.Transaction,
  rows: Array<{ listingId: number; day: string; add: Partial<Record<ListingCounter, number>> }>,
): Promise<void> {
  await addCounts(
    trx,
    'listing_daily_stats',
    ['listing_id', 'day'],
    [...LISTING_COUNTERS],
    rows.map((r) => ({ listing_id: r.listingId, day: r.day, ...Object.fromEntries(LISTING_COUNTERS.map((c) => [c, r.add[c] ?? 0])) })),
  );
}

export async function addPhoneCalls(trx: Knex.Transaction, rows: Array<{ phoneId: number; day: string; n: number }>): Promise<void> {
  await addCounts(
    trx,
    'phone_daily_calls',
    ['phone_id', 'day'],
    ['calls'],
    rows.map((r) => ({ phone_id: r.phoneId, day: r.day, calls: r.n })),
  );
}

/** Calls per phone number (E.164): survives edits that rewrite a listing's phone rows. */
export async function addNumberCalls(
  trx: Knex.Transaction,
  rows: Array<{ listingId: number; day: string; e164: string; n: number }>,
): Promise<void> {
  await addCounts(
    trx,
    'listing_phone_daily_calls',
    ['listing_id', 'day', 'e164'],
    ['calls'],
    rows.map((r) => ({ listing_id: r.listingId, day: r.day, e164: r.e164, calls: r.n })),
  );
}

/** Impressions and clicks per listing, day and query. */
export async function addQueryCounts(
  trx: Knex.Transaction,
  rows: Array<{ listingId: number; day: string; query: string; impressions: number; clicks: number }>,
): Promise<void> {
  await addCounts(
    trx,
    'search_query_daily',
    ['listing_id', 'day', 'query'],
    ['impressions', 'clicks'],
    rows.map((r) => ({ listing_id: r.listingId, day: r.day, query: r.query, impressions: r.impressions, clicks: r.clicks })),
  );
}

/** Impressions, visits and calls per featured placement and day. */
export async function addPlacementCounts(
  trx: Knex.Transaction,
  rows: Array<{ placementId: number; day: string; impressions: number; visits: number; calls: number }>,
): Promise<void> {
  await addCounts(
    trx,
    'ad_placement_daily',
    ['placement_id', 'day'],
    ['impressions', 'visits', 'calls'],
    rows.map((r) => ({ placement_id: r.placementId, day: r.day, impressions: r.impressions, visits: r.visits, calls: r.calls })),
  );
}

/** Visits and calls per short code and day (print editions, shop-window cards). */
export async function addCodeCounts(trx: Knex.Transaction, rows: Array<{ codeId: number; day: string; visits: number; calls: number }>) {
  const values = rows.map((r) => ({ code_id: r.codeId, day: r.day, visits: r.visits, calls: r.calls }));
  await addCounts(trx, 'code_daily_stats', ['code_id', 'day'], ['visits', 'calls'], values);
}

/**
 * Which of these listings, phones or short codes still exist: a buffered event whose phone row an edit rewrote (or whose listing
 * was deleted) must not fail the whole flush on a foreign key.
 */
export async function existingIds(
  db: Knex,
  table: 'listings' | 'phones' | 'ad_placements' | 'short_codes',
  ids: number[],
): Promise<Set<number>> {
  const found = new Set<number>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    for (const id of (await db(table)
      .whereIn('id', unique.slice(i, i + 500))
      .pluck('id')) as unknown[])
      found.add(toNumber(id));
  }
  return found;
}

export async function phoneOf(db: Knex, phoneId: number, listingId: number): Promise<{ e164: string } | null> {
  const row = await db('phones').where({ id: phoneId, listing_id: listingId }).first('e164');
  return row ? { e164: String(row.e164) } : null;
}

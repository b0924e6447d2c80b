/**
 * Daily counters: the salt of the day, the repeat rule (one counted event per visitor key and 10 minutes) and the
 * increments a flush writes. Every statement is the same SQL on SQLite and PostgreSQL (ON CONFLICT … DO UPDATE … WHERE).
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { toNumber } from '../../db/index.js';

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
    const list = (Array.isArray(rows) ? rows : rows.rows) as Array<Record<string, unknown>>;
    for (const r of list) counted.add(eventKeyOf({ kind: String(r.kind), subjectId: toNumber(r.subject_id), day: String(r.day), visitorHash: String(r.visitor_hash) }));
  }
  return counted;
}

export const LISTING_COUNTERS = ['views', 'calls', 'map_taps', 'vcard_downloads', 'shares', 'qr_scans'] as const;
export type ListingCounter = (typeof LISTING_COUNTERS)[number];

/** Adds the counts of one listing and day (one upsert). */
export async function addListingCounts(trx: Knex.Transaction, listingId: number, day: string, add: Partial<Record<ListingCounter, number>>): Promise<void> {
  const cols = LISTING_COUNTERS.filter((c) => (add[c] ?? 0) > 0);
  if (!cols.length) return;
  const merge = Object.fromEntries(cols.map((c) => [c, trx.raw('?? + ?', [`listing_daily_stats.${c}`, add[c]!])]));
  await trx('listing_daily_stats').insert({ listing_id: listingId, day, ...Object.fromEntries(cols.map((c) => [c, add[c]])) }).onConflict(['listing_id', 'day']).merge(merge);
}

export async function addPhoneCalls(trx: Knex.Transaction, phoneId: number, day: string, calls: number): Promise<void> {
  await trx('phone_daily_calls').insert({ phone_id: phoneId, day, calls }).onConflict(['phone_id', 'day']).merge({ calls: trx.raw('?? + ?', ['phone_daily_calls.calls', calls]) });
}

/** Calls per phone number (E.164): survives edits that rewrite a listing's phone rows. */
export async function addNumberCalls(trx: Knex.Transaction, listingId: number, day: string, e164: string, calls: number): Promise<void> {
  await trx('listing_phone_daily_calls').insert({ listing_id: listingId, day, e164, calls }).onConflict(['listing_id', 'day', 'e164'])
    .merge({ calls: trx.raw('?? + ?', ['listing_phone_daily_calls.calls', calls]) });
}

export async function addQueryCounts(trx: Knex.Transaction, listingId: number, day: string, query: string, add: { impressions: number; clicks: number }): Promise<void> {
  await trx('search_query_daily').insert({ listing_id: listingId, day, query, ...add }).onConflict(['listing_id', 'day', 'query']).merge({
    impressions: trx.raw('?? + ?', ['search_query_daily.impressions', add.impressions]),
    clicks: trx.raw('?? + ?', ['search_query_daily.clicks', add.clicks]),
  });
}

/**
 * Which of these listings or phones still exist: a buffered event whose phone row an edit rewrote (or whose listing
 * was deleted) must not fail the whole flush on a foreign key.
 */
export async function existingIds(db: Knex, table: 'listings' | 'phones', ids: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    for (const id of (await db(table).whereIn('id', unique.slice(i, i + 500)).pluck('id')) as unknown[]) found.add(toNumber(id));
  }
  return found;
}

export async function phoneOf(db: Knex, phoneId: number, listingId: number): Promise<{ e164: string } | null> {
  const row = await db('phones').where({ id: phoneId, listing_id: listingId }).first('e164');
  return row ? { e164: String(row.e164) } : null;
}

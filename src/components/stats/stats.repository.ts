/** Daily counters (views and calls per listing, calls per phone) with per-visitor-per-day deduplication. */
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

/** Records one event once per visitor and day; returns false when it was already counted. */
export async function recordOnce(trx: Knex.Transaction, e: { kind: 'view' | 'call'; subjectId: number; day: string; visitorHash: string }): Promise<boolean> {
  const inserted = await trx('counter_events')
    .insert({ kind: e.kind, subject_id: e.subjectId, day: e.day, visitor_hash: e.visitorHash })
    .onConflict(['kind', 'subject_id', 'day', 'visitor_hash'])
    .ignore()
    .returning('kind');
  return inserted.length > 0;
}

export async function incrementListing(trx: Knex.Transaction, listingId: number, day: string, field: 'views' | 'calls'): Promise<void> {
  await trx('listing_daily_stats')
    .insert({ listing_id: listingId, day, views: field === 'views' ? 1 : 0, calls: field === 'calls' ? 1 : 0 })
    .onConflict(['listing_id', 'day'])
    .merge({ [field]: trx.raw('?? + 1', [`listing_daily_stats.${field}`]) });
}

export async function incrementPhone(trx: Knex.Transaction, phoneId: number, day: string): Promise<void> {
  await trx('phone_daily_calls').insert({ phone_id: phoneId, day, calls: 1 }).onConflict(['phone_id', 'day']).merge({ calls: trx.raw('?? + 1', ['phone_daily_calls.calls']) });
}

export async function phoneBelongsTo(db: Knex, phoneId: number, listingId: number): Promise<boolean> {
  return Boolean(await db('phones').where({ id: phoneId, listing_id: listingId }).first('id'));
}

export async function totals(db: Knex, listingIds: number[], sinceDay: string): Promise<Map<number, { views: number; calls: number }>> {
  if (listingIds.length === 0) return new Map();
  const rows = (await db('listing_daily_stats').whereIn('listing_id', listingIds).where('day', '>=', sinceDay)
    .groupBy('listing_id').select('listing_id').sum({ views: 'views', calls: 'calls' })) as Array<Record<string, unknown>>;
  return new Map(rows.map((r) => [toNumber(r.listing_id), { views: toNumber(r.views), calls: toNumber(r.calls) }]));
}

export async function dailySeries(db: Knex, listingId: number, sinceDay: string): Promise<Array<{ day: string; views: number; calls: number }>> {
  const rows = (await db('listing_daily_stats').where({ listing_id: listingId }).where('day', '>=', sinceDay).orderBy('day')) as Array<Record<string, unknown>>;
  return rows.map((r) => ({ day: String(r.day), views: toNumber(r.views), calls: toNumber(r.calls) }));
}

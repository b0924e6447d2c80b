/**
 * The main phone of each card in one batched query: the first listing-level number, else the first branch's.
 * Interim source of ListingCard.phone until the card list queries carry it themselves (then this file goes).
 */
import type { Knex } from 'knex';
import { toNumber } from '../../db/index.js';
import type { CardPhone } from './listings.repository.js';

export async function mainPhones(db: Knex, listingIds: number[]): Promise<Map<number, CardPhone>> {
  if (listingIds.length === 0) return new Map();
  const rows = (await db('phones as p')
    .leftJoin('branches as b', 'b.id', 'p.branch_id')
    .whereIn('p.listing_id', [...new Set(listingIds)])
    .whereNot('p.type', 'fax')
    .select('p.id', 'p.listing_id', 'p.e164', 'p.display', 'p.type')
    .orderBy([{ column: 'p.listing_id' }, { column: 'b.sort_order', order: 'asc', nulls: 'first' }, { column: 'p.sort_order' }, { column: 'p.id' }])) as Array<Record<string, unknown>>;
  const out = new Map<number, CardPhone>();
  for (const r of rows) {
    const listingId = toNumber(r.listing_id);
    if (!out.has(listingId)) out.set(listingId, { id: toNumber(r.id), e164: String(r.e164), display: String(r.display), type: String(r.type) });
  }
  return out;
}

/** Cards with their main phone filled in (cards that already carry one keep it). */
export async function withMainPhones<T extends { id: number; phone?: CardPhone | null }>(db: Knex, cards: T[]): Promise<T[]> {
  const missing = cards.filter((c) => c.phone === undefined).map((c) => c.id);
  if (missing.length === 0) return cards;
  const phones = await mainPhones(db, missing);
  return cards.map((c) => (c.phone === undefined ? { ...c, phone: phones.get(c.id) ?? null } : c));
}

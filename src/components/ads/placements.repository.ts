/** SQL of what paid web products do: a listing's expiry extended, featured placements and the slots they fill. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';

type Row = Record<string, unknown>;
export type PlacementKind = 'category' | 'district' | 'search';

export interface SlotRow {
  placementId: number; listingId: number; slug: string; name: string; tagline: string | null; description: string;
  categoryNameKo: string | null; categoryNameEn: string | null; endsAt: Date;
}

export async function insertPlacement(
  trx: Knex,
  p: { orderId: number; listingId: number; placement: PlacementKind; target: string; startsAt: Date; endsAt: Date },
  now: Date,
): Promise<void> {
  await trx('ad_placements')
    .insert({
      order_id: p.orderId,
      listing_id: p.listingId,
      placement: p.placement,
      target: p.target,
      starts_at: p.startsAt,
      ends_at: p.endsAt,
      created_at: now,
    })
    .onConflict('order_id')
    .ignore();
}

/**
 * Placements running now for one page: the order paid (scheduled or running, never cancelled or refunded), the period
 * begun and not over, the listing public. Ordered by id, the order rotation counts in.
 */
export async function runningPlacements(db: Knex, placement: PlacementKind, target: string, now: Date): Promise<SlotRow[]> {
  const rows = (await db('ad_placements as p')
    .join('ad_orders as o', 'o.id', 'p.order_id')
    .join('listings as l', 'l.id', 'p.listing_id')
    .leftJoin('categories as c', 'c.id', 'l.primary_category_id')
    .where({ 'p.placement': placement, 'p.target': target })
    .whereIn('o.state', ['scheduled', 'running'])
    .where('p.starts_at', '<=', now)
    .where('p.ends_at', '>', now)
    .where('l.status', 'published')
    .where((q) => q.whereNull('l.expires_at').orWhere('l.expires_at', '>', now))
    .orderBy('p.id')
    .limit(200)
    .select(
      'p.id as placement_id',
      'p.ends_at',
      'l.id',
      'l.slug',
      'l.name',
      'l.tagline',
      'l.description',
      'c.name_ko',
      'c.name_en',
    )) as Row[];
  return rows.map((r) => ({
    placementId: toNumber(r.placement_id),
    listingId: toNumber(r.id),
    slug: String(r.slug),
    name: String(r.name),
    tagline: r.tagline ? String(r.tagline) : null,
    description: String(r.description ?? ''),
    categoryNameKo: r.name_ko ? String(r.name_ko) : null,
    categoryNameEn: r.name_en ? String(r.name_en) : null,
    endsAt: toDate(r.ends_at) ?? now,
  }));
}

/** Whether a placement shows this listing (a visit or call beacon naming it is counted only then). */
export async function isPlacementOf(db: Knex, placementId: number, listingId: number): Promise<boolean> {
  return Boolean(await db('ad_placements').where({ id: placementId, listing_id: listingId }).first('id'));
}

export async function placementOfOrder(
  db: Knex,
  orderId: number,
): Promise<{ placement: PlacementKind; target: string; startsAt: Date; endsAt: Date } | null> {
  const r = (await db('ad_placements').where({ order_id: orderId }).first()) as Row | undefined;
  return r
    ? { placement: r.placement as PlacementKind, target: String(r.target), startsAt: toDate(r.starts_at)!, endsAt: toDate(r.ends_at)! }
    : null;
}

/** Reads for the advertiser's insights: daily counters, calls per number, the searches that showed a listing. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';
import { LISTING_COUNTERS, type ListingCounter } from './stats.repository.js';

type Row = Record<string, unknown>;
export type DayCounts = { day: string } & Record<ListingCounter, number>;

/** The listing's daily rows from `from` to `to` (YYYY-MM-DD, inclusive), days without a row left out. */
export async function dailyCounts(db: Knex, listingId: number, from: string, to: string): Promise<DayCounts[]> {
  const rows = (await db('listing_daily_stats').where({ listing_id: listingId }).whereBetween('day', [from, to]).orderBy('day')
    .select('day', ...LISTING_COUNTERS)) as Row[];
  return rows.map((r) => ({ day: String(r.day), ...Object.fromEntries(LISTING_COUNTERS.map((c) => [c, toNumber(r[c])])) }) as DayCounts);
}

export async function callsByNumber(
  db: Knex,
  listingId: number,
  from: string,
  to: string,
): Promise<Array<{ e164: string; calls: number }>> {
  const rows = (await db('listing_phone_daily_calls')
    .where({ listing_id: listingId })
    .whereBetween('day', [from, to])
    .groupBy('e164')
    .select('e164')
    .sum({ calls: 'calls' })
    .orderBy('e164')) as Row[];
  return rows.map((r) => ({ e164: String(r.e164), calls: toNumber(r.calls) }));
}

export async function queryCounts(
  db: Knex,
  listingId: number,
  from: string,
  to: string,
): Promise<Array<{ query: string; impressions: number; clicks: number }>> {
  const rows = (await db('search_query_daily')
    .where({ listing_id: listingId })
    .whereBetween('day', [from, to])
    .groupBy('query')
    .select('query')
    .sum({ impressions: 'impressions', clicks: 'clicks' })) as Row[];
  return rows.map((r) => ({ query: String(r.query), impressions: toNumber(r.impressions), clicks: toNumber(r.clicks) }));
}

/** Calls and views per listing and day since a day, for the sparklines on "my listings" (one query for all). */
export async function recentCounts(
  db: Knex,
  listingIds: number[],
  from: string,
): Promise<Array<{ listingId: number; day: string; views: number; calls: number }>> {
  if (!listingIds.length) return [];
  const rows = (await db('listing_daily_stats')
    .whereIn('listing_id', listingIds)
    .where('day', '>=', from)
    .select('listing_id', 'day', 'views', 'calls')) as Row[];
  return rows.map((r) => ({ listingId: toNumber(r.listing_id), day: String(r.day), views: toNumber(r.views), calls: toNumber(r.calls) }));
}

export interface PlacementCounts {
  placementId: number;
  placement: string;
  target: string;
  startsAt: Date;
  endsAt: Date;
  impressions: number;
  visits: number;
  calls: number;
}

/** The listing's featured placements that ran in the period, each with its impressions, visits and calls in it. */
export async function placementCounts(db: Knex, listingId: number, from: string, to: string, fromAt: Date): Promise<PlacementCounts[]> {
  const rows = (await db('ad_placements as p')
    .leftJoin('ad_placement_daily as d', (j) => j.on('d.placement_id', 'p.id').andOnVal('d.day', '>=', from).andOnVal('d.day', '<=', to))
    .where('p.listing_id', listingId).where('p.ends_at', '>=', fromAt)
    .groupBy('p.id', 'p.placement', 'p.target', 'p.starts_at', 'p.ends_at').orderBy('p.id')
    .select('p.id', 'p.placement', 'p.target', 'p.starts_at', 'p.ends_at')
    .sum({ impressions: 'd.impressions', visits: 'd.visits', calls: 'd.calls' })) as Row[];
  return rows.map((r) => ({
    placementId: toNumber(r.id),
    placement: String(r.placement),
    target: String(r.target),
    startsAt: toDate(r.starts_at)!,
    endsAt: toDate(r.ends_at)!,
    impressions: toNumber(r.impressions ?? 0),
    visits: toNumber(r.visits ?? 0),
    calls: toNumber(r.calls ?? 0),
  }));
}

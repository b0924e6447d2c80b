/**
 * A category or district page sorted by distance: the shelf's located listings nearest first (within the radius when
 * one is chosen), then — without a radius — the listings with no coordinates, newest first.
 */
import type { Knex } from 'knex';
import type { Point } from '../../lib/geo.js';
import { cardsByIds, type ListingCard } from './cards.repository.js';
import * as directory from './directory.repository.js';
import * as nearRepo from './near.repository.js';
import { NEAR_CAP } from './near.js';

export interface NearPage {
  total: number;
  capped: boolean;
  pages: number;
  page: number;
  cards: ListingCard[];
  distances: Map<number, number>;
}

export async function browseNear(
  db: Knex,
  o: { facet: string; point: Point; radiusKm: number | null; page: number; pageSize: number; now: Date },
): Promise<NearPage> {
  const [shelfCount, allCount, extents] = await Promise.all([
    directory.countOn(db, o.facet),
    directory.countOn(db, 'all'),
    nearRepo.shelfExtents(db, [o.facet, 'all']),
  ]);
  const maxPages = Math.max(1, Math.floor(NEAR_CAP / o.pageSize));
  // With a radius every listing inside it is counted (up to the cap); without one the shelf's count is the total.
  const want = o.radiusKm ? NEAR_CAP + 1 : Math.min(o.page, maxPages) * o.pageSize + 1;
  const near = await nearRepo.nearestOnShelf(db, {
    facet: o.facet,
    point: o.point,
    maxKm: o.radiusKm ?? nearRepo.WHOLE_COUNTRY_KM,
    limit: want,
    shelfCount,
    allCount,
    extent: extents.get(o.facet) ?? null,
    allExtent: extents.get('all') ?? null,
  });
  const located = near.rows.slice(0, NEAR_CAP);
  const capped = near.rows.length > NEAR_CAP;
  const total = o.radiusKm ? located.length : shelfCount;
  // Past the located listings come the others, unless there are too many located ones to page through.
  const reachable = o.radiusKm || !near.complete ? located.length : total;
  const pages = Math.max(1, Math.min(maxPages, Math.ceil(reachable / o.pageSize)));
  const page = Math.min(o.page, pages);
  const from = (page - 1) * o.pageSize;
  const ids = located.slice(from, from + o.pageSize).map((r) => r.id);
  if (!o.radiusKm && near.complete && ids.length < o.pageSize) {
    ids.push(...(await nearRepo.unlocatedOnShelf(db, o.facet, o.pageSize - ids.length, Math.max(0, from - located.length))));
  }
  const distances = new Map(located.map((r) => [r.id, r.km]));
  return { total, capped, pages, page, cards: await cardsByIds(db, ids, o.now), distances };
}

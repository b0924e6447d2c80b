/**
 * "가까운 순" on search results: the ranked matches (at most CANDIDATE_CAP, best first) ordered by the distance of each
 * listing's nearest branch, computed in the database; within a radius only located listings inside it are kept,
 * without one the listings with no coordinates follow in their relevance order.
 */
import type { Knex } from 'knex';
import { distancesTo, parseNear, type NearChoice } from '../listings/index.js';
import { sortRanked, type Ranked } from './search-ranking.js';
import type { SearchQuery } from './search.schemas.js';
import type { NearSearch, SearchParams } from './search-params.js';

export async function orderByDistance(
  db: Knex,
  ranked: Ranked[],
  near: NearSearch,
): Promise<{ sorted: Ranked[]; distances: Map<number, number> }> {
  const distances = await distancesTo(
    db,
    near.point,
    ranked.map((r) => r.listingId),
  );
  const km = (r: Ranked) => distances.get(r.listingId);
  const located = ranked
    .filter((r) => km(r) !== undefined && (near.radiusKm === null || km(r)! <= near.radiusKm))
    .sort((a, b) => km(a)! - km(b)! || b.listingId - a.listingId);
  const rest =
    near.radiusKm === null
      ? sortRanked(
          ranked.filter((r) => km(r) === undefined),
          'relevance',
        )
      : [];
  return { sorted: [...located, ...rest], distances };
}

/**
 * A parsed query string → the search service's parameters, with the visitor's position when the results are to be
 * sorted by distance (sort=near, or a position given without another sort).
 */
export function searchParamsOf(
  q: SearchQuery,
  rawQuery: Record<string, unknown>,
  pageSize: number,
): { params: SearchParams; near: NearChoice; byDistance: boolean } {
  const near = parseNear(rawQuery);
  const byDistance = Boolean(near.point) && (q.sort === 'near' || rawQuery.sort === undefined);
  return {
    near,
    byDistance,
    params: {
      q: q.q,
      category: q.category,
      district: q.district,
      kind: q.kind,
      openNow: q.open === 'now',
      sort: q.sort === 'near' ? 'relevance' : q.sort,
      page: q.page,
      pageSize,
      literal: q.literal === '1',
      near: byDistance && near.point ? { point: near.point, radiusKm: near.radiusKm } : undefined,
    },
  };
}

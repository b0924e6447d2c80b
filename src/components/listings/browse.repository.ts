/** Browsing queries: published listings by category and/or district, sorted and paginated, off the shelves. */
import type { Knex } from 'knex';
import { cardQuery, cardsByIds, mapCard, type ListingCard } from './cards.repository.js';
import * as directory from './directory.repository.js';

export type BrowseSort = 'newest' | 'name' | 'calls';

export interface BrowseFilter {
  now: Date;
  /** The category (its shelf holds its subcategories' listings too). */
  categoryId?: number;
  /** A Gwangju 구. */
  district?: string;
}

const shelf = (f: BrowseFilter) => directory.facetKey({ categoryId: f.categoryId, district: f.district });

/** Kept up to date on write: one row read, whatever the directory's size. */
export function countBrowse(db: Knex, f: BrowseFilter): Promise<number> {
  return directory.countOn(db, shelf(f));
}

/**
 * Newest first is read straight off the shelf's index (cost grows with the page number, not the directory).
 * By name or by calls the shelf's listings are sorted as a whole: fine for a category or district, and stated
 * in the README as the part that grows with a shelf's size.
 */
export async function browseCards(
  db: Knex,
  f: BrowseFilter & { sort: BrowseSort; limit: number; offset: number; callsSinceDay: string },
): Promise<ListingCard[]> {
  if (f.sort === 'newest') return cardsByIds(db, await directory.pageOf(db, shelf(f), f.limit, f.offset), f.now);
  const q = cardQuery(db, f.now)
    .join('listing_facets as f', 'f.listing_id', 'l.id')
    .where('f.facet', shelf(f))
    .limit(f.limit)
    .offset(f.offset);
  if (f.sort === 'name') q.orderBy('l.name', 'asc');
  else
    q.orderByRaw('(SELECT coalesce(sum(s.calls), 0) FROM listing_daily_stats s WHERE s.listing_id = l.id AND s.day >= ?) DESC', [
      f.callsSinceDay,
    ]);
  q.orderBy('f.published_at', 'desc').orderBy('l.id', 'desc');
  return ((await q) as Array<Record<string, unknown>>).map(mapCard);
}

/** Browsing queries: published listings by category and/or district, sorted and paginated. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';
import type { ListingCard } from './listings.repository.js';

export type BrowseSort = 'newest' | 'name' | 'calls';

export interface BrowseFilter {
  now: Date;
  categoryIds?: number[];
  /** 시도 + 시군구: a district is never the 구 alone. */
  district?: { sido: string; sigungu: string };
}

function filtered(db: Knex, f: BrowseFilter): Knex.QueryBuilder {
  const q = db('listings as l')
    .where('l.status', 'published')
    .andWhere((w) => w.whereNull('l.expires_at').orWhere('l.expires_at', '>', f.now));
  if (f.categoryIds?.length) {
    q.whereExists(db('listing_categories as lc').whereRaw('lc.listing_id = l.id').whereIn('lc.category_id', f.categoryIds));
  }
  if (f.district) {
    q.whereExists(db('branches as b').whereRaw('b.listing_id = l.id').where({ 'b.sido': f.district.sido, 'b.sigungu': f.district.sigungu }));
  }
  return q;
}

export async function countBrowse(db: Knex, f: BrowseFilter): Promise<number> {
  const row = await filtered(db, f).count({ n: '*' }).first();
  return toNumber(row?.n);
}

export async function browseCards(db: Knex, f: BrowseFilter & { sort: BrowseSort; limit: number; offset: number; callsSinceDay: string }): Promise<ListingCard[]> {
  const q = filtered(db, f)
    .leftJoin('categories as c', 'c.id', 'l.primary_category_id')
    .select('l.id', 'l.slug', 'l.name', 'l.kind', 'l.tagline', 'l.description', 'l.published_at', 'l.featured_until', 'c.name_ko', 'c.name_en')
    .select(db('branches as b1').select('b1.sigungu').whereRaw('b1.listing_id = l.id').orderBy('b1.sort_order').limit(1).as('sigungu'))
    .limit(f.limit)
    .offset(f.offset);
  if (f.sort === 'name') q.orderBy('l.name', 'asc');
  else if (f.sort === 'calls') {
    q.orderByRaw('(SELECT coalesce(sum(s.calls), 0) FROM listing_daily_stats s WHERE s.listing_id = l.id AND s.day >= ?) DESC', [f.callsSinceDay]);
  }
  q.orderBy('l.published_at', 'desc').orderBy('l.id', 'desc');
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: toNumber(r.id), slug: String(r.slug), name: String(r.name), kind: r.kind as ListingCard['kind'], tagline: r.tagline === null ? null : String(r.tagline),
    description: String(r.description ?? ''), categoryNameKo: r.name_ko === null ? null : String(r.name_ko), categoryNameEn: r.name_en === null ? null : String(r.name_en),
    sigungu: r.sigungu === null || r.sigungu === undefined ? null : String(r.sigungu), publishedAt: toDate(r.published_at), featuredUntil: toDate(r.featured_until),
  }));
}

/** Rows for the sitemap and the Atom feeds: published, unexpired listings only. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';

const visible = (db: Knex, now: Date) =>
  db('listings as l')
    .where('l.status', 'published')
    .andWhere((w) => w.whereNull('l.expires_at').orWhere('l.expires_at', '>', now));

export async function countVisible(db: Knex, now: Date): Promise<number> {
  return toNumber((await visible(db, now).count({ n: '*' }).first())?.n);
}

/** One sitemap page: listings ordered by id, `offset` into that order. */
export async function sitemapPage(
  db: Knex,
  now: Date,
  offset: number,
  limit: number,
): Promise<Array<{ id: number; slug: string; updatedAt: Date }>> {
  const rows = (await visible(db, now).orderBy('l.id').offset(offset).limit(limit).select('l.id', 'l.slug', 'l.updated_at')) as Array<
    Record<string, unknown>
  >;
  return rows.map((r) => ({ id: toNumber(r.id), slug: String(r.slug), updatedAt: toDate(r.updated_at)! }));
}

export async function newestForFeed(db: Knex, now: Date, limit: number, categoryIds?: number[]) {
  const q = visible(db, now).orderBy('l.published_at', 'desc').orderBy('l.id', 'desc').limit(limit)
    .select('l.id', 'l.slug', 'l.name', 'l.tagline', 'l.description', 'l.published_at', 'l.updated_at');
  if (categoryIds?.length)
    q.whereExists(db('listing_categories as lc').whereRaw('lc.listing_id = l.id').whereIn('lc.category_id', categoryIds));
  const rows = (await q) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: toNumber(r.id), slug: String(r.slug), name: String(r.name), summary: String(r.tagline || r.description || ''),
    publishedAt: toDate(r.published_at) ?? toDate(r.updated_at)!, updatedAt: toDate(r.updated_at)!,
  }));
}

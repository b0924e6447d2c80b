/** Card lists: public listings with their category, first district and main phone, one query per list. */
import type { Knex } from 'knex';
import { toDate, toNumber } from '../../db/index.js';
import type { ListingRow } from './listing-graph.js';

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A card's main number. */
export interface CardPhone { id: number; e164: string; display: string; type?: string }

export interface ListingCard {
  id: number;
  slug: string;
  name: string;
  kind: ListingRow['kind'];
  tagline: string | null;
  description: string;
  categoryNameKo: string | null;
  categoryNameEn: string | null;
  sigungu: string | null;
  publishedAt: Date | null;
  featuredUntil: Date | null;
  /** The number a card offers to call: the listing's own first phone, else its first branch's (never a fax). */
  phone: CardPhone | null;
}

/** Cards of public listings, with their category, first district and main phone, in one query. */
export function cardQuery(db: Knex, now: Date): Knex.QueryBuilder {
  return db('listings as l')
    .leftJoin('categories as c', 'c.id', 'l.primary_category_id')
    .where('l.status', 'published')
    .andWhere((w) => w.whereNull('l.expires_at').orWhere('l.expires_at', '>', now))
    .select(
      'l.id',
      'l.slug',
      'l.name',
      'l.kind',
      'l.tagline',
      'l.description',
      'l.published_at',
      'l.featured_until',
      'c.name_ko',
      'c.name_en',
    )
    .select(
      db('branches as b')
        .select('b.sigungu')
        .whereRaw('b.listing_id = l.id')
        .orderBy('b.sort_order')
        .orderBy('b.id')
        .limit(1)
        .as('sigungu'),
    )
    .select(
      db('phones as p')
        .leftJoin('branches as pb', 'pb.id', 'p.branch_id')
        .select(db.raw("p.id || '|' || p.e164 || '|' || p.display || '|' || p.type"))
        .whereRaw('p.listing_id = l.id')
        .whereNot('p.type', 'fax')
        .orderByRaw('CASE WHEN p.branch_id IS NULL THEN 0 ELSE 1 END, pb.sort_order, p.sort_order, p.id')
        .limit(1)
        .as('main_phone'),
    );
}

export function mapCard(r: Row): ListingCard {
  const [phoneId, e164, display, type] = r.main_phone ? String(r.main_phone).split('|') : [];
  return {
    id: toNumber(r.id), slug: String(r.slug), name: String(r.name), kind: r.kind as ListingRow['kind'], tagline: str(r.tagline),
    description: String(r.description ?? ''), categoryNameKo: str(r.name_ko), categoryNameEn: str(r.name_en), sigungu: str(r.sigungu),
    publishedAt: toDate(r.published_at), featuredUntil: toDate(r.featured_until),
    phone: e164 ? { id: toNumber(phoneId), e164, display: display ?? e164, type } : null,
  };
}

/** The cards of these listings, in the order given; listings no longer public are left out. */
export async function cardsByIds(db: Knex, ids: number[], now: Date): Promise<ListingCard[]> {
  if (ids.length === 0) return [];
  const rows = (await cardQuery(db, now).whereIn('l.id', ids)) as Row[];
  const byId = new Map(rows.map((r) => [toNumber(r.id), mapCard(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Published, unexpired listings, newest first (the home page): off the (status, published_at) index. */
export async function listPublishedCards(db: Knex, opts: { now: Date; limit: number; featuredOnly?: boolean }): Promise<ListingCard[]> {
  // A shop confirmed closed (폐업) keeps its page but is not offered on the home page.
  const q = cardQuery(db, opts.now)
    .whereNull('l.out_of_business_at')
    .orderBy('l.published_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(opts.limit);
  if (opts.featuredOnly) q.andWhere('l.featured_until', '>', opts.now);
  return ((await q) as Row[]).map(mapCard);
}

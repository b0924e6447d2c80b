/**
 * The browse shelves (listing_facets) and their counts (directory_counts), kept up to date on write, inside the
 * writer's transaction, so a category or district page and the home page's counts cost the same at any size.
 * A public listing stands on `all`, on each of its categories and their parents (`c12`), on each Gwangju district
 * it has a branch in (`d북구`) and on each pair (`c12d북구`). Migration 20261201090000 fills the same shelves in SQL.
 */
import type { Knex } from 'knex';
import { engineOf, lockedForUpdate, queryHot, toBool, toDate, toNumber } from '../../db/index.js';

const GWANGJU = '광주광역시';
const CHUNK = 400;

/** The shelf key of a browse filter. */
export function facetKey(f: { categoryId?: number | null; district?: string | null }): string {
  const c = f.categoryId ? `c${f.categoryId}` : '';
  const d = f.district ? `d${f.district}` : '';
  return c || d ? `${c}${d}` : 'all';
}

type Row = Record<string, unknown>;

function isVisible(r: Row, now: Date): boolean {
  const expires = toDate(r.expires_at);
  return r.status === 'published' && (!expires || expires > now);
}

/** 폐업 (confirmed closed for good): the page stays, but the shop leaves the browse shelves. */
const isOutOfBusiness = (r: Row): boolean => r.out_of_business_at !== null && r.out_of_business_at !== undefined;

/** The shelves a listing stands on now (none unless it is public). */
function shelvesOf(r: Row, categories: Array<[number, number | null]>, districts: string[], now: Date): string[] {
  if (!isVisible(r, now) || isOutOfBusiness(r)) return [];
  const cats = new Set<number>();
  for (const [id, parent] of categories) {
    cats.add(id);
    if (parent !== null) cats.add(parent);
  }
  const dists = new Set(districts.filter(Boolean));
  const out = ['all'];
  for (const c of cats) out.push(facetKey({ categoryId: c }));
  for (const d of dists) out.push(facetKey({ district: d }));
  for (const c of cats) for (const d of dists) out.push(facetKey({ categoryId: c, district: d }));
  return out;
}

function group<T>(rows: Row[], key: string, value: (r: Row) => T): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const k = toNumber(r[key]);
    const list = m.get(k) ?? [];
    list.push(value(r));
    m.set(k, list);
  }
  return m;
}

async function addToCounts(trx: Knex.Transaction, deltas: Map<string, number>): Promise<void> {
  const changed = [...deltas].filter(([, n]) => n !== 0);
  for (let i = 0; i < changed.length; i += 200) {
    const part = changed.slice(i, i + 200);
    await trx.raw(
      `INSERT INTO directory_counts (facet, n) VALUES ${part.map(() => '(?, ?)').join(', ')}
       ON CONFLICT (facet) DO UPDATE SET n = directory_counts.n + excluded.n`,
      part.flat(),
    );
  }
}

/**
 * Puts these listings on exactly the shelves they belong on now (none when not public) and moves the counts by the
 * difference. Idempotent; the caller holds the transaction. On PostgreSQL the listing rows are locked first, so two
 * writers (or a writer and the expiry sweep) cannot both move the same listing's counts.
 */
export async function refreshFacets(trx: Knex.Transaction, listingIds: number[], now: Date): Promise<void> {
  const ids = [...new Set(listingIds)];
  const engine = engineOf(trx);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const listingQuery = trx('listings')
      .whereIn('id', chunk)
      .select('id', 'status', 'expires_at', 'published_at', 'created_at', 'is_listed', 'out_of_business_at');
    const listings = (await lockedForUpdate(listingQuery, engine)) as Row[];
    // One connection runs a transaction's queries in turn.
    const cats = (await trx('listing_categories as lc')
      .leftJoin('categories as c', 'c.id', 'lc.category_id')
      .whereIn('lc.listing_id', chunk)
      .select('lc.listing_id', 'lc.category_id', 'c.parent_id')) as Row[];
    const dists = (await trx('branches')
      .whereIn('listing_id', chunk)
      .where('sido', GWANGJU)
      .whereNotNull('sigungu')
      .select('listing_id', 'sigungu')) as Row[];
    const old = (await trx('listing_facets').whereIn('listing_id', chunk).select('listing_id', 'facet', 'published_at')) as Row[];
    const catsBy = group(cats, 'listing_id', (r): [number, number | null] => [
      toNumber(r.category_id),
      r.parent_id === null || r.parent_id === undefined ? null : toNumber(r.parent_id),
    ]);
    const distsBy = group(dists, 'listing_id', (r) => String(r.sigungu ?? ''));
    const oldBy = group(old, 'listing_id', (r) => ({ facet: String(r.facet), at: toDate(r.published_at)!.getTime() }));

    const deltas = new Map<string, number>();
    const inserts: Row[] = [];
    const listedNow: number[] = [];
    const unlistedNow: number[] = [];
    // A listing deleted outright keeps no shelf: treat it as not public.
    const found = new Set(listings.map((l) => toNumber(l.id)));
    for (const id of chunk)
      if (!found.has(id) && oldBy.has(id)) listings.push({ id, status: 'deleted', created_at: new Date(0), is_listed: false });
    for (const l of listings) {
      const id = toNumber(l.id);
      const at = (toDate(l.published_at) ?? toDate(l.created_at))!;
      const next = new Set(shelvesOf(l, catsBy.get(id) ?? [], distsBy.get(id) ?? [], now));
      const before = oldBy.get(id) ?? [];
      const beforeKeys = new Set(before.map((o) => o.facet));
      // A shelf whose date moved (published again) is taken down and put up again at its new place.
      const stale = before.filter((o) => !next.has(o.facet) || o.at !== at.getTime()).map((o) => o.facet);
      if (stale.length) await trx('listing_facets').where('listing_id', id).whereIn('facet', stale).del();
      for (const f of next) {
        if (!beforeKeys.has(f) || stale.includes(f)) inserts.push({ facet: f, published_at: at, listing_id: id });
        if (!beforeKeys.has(f)) deltas.set(f, (deltas.get(f) ?? 0) + 1);
      }
      for (const f of beforeKeys) if (!next.has(f)) deltas.set(f, (deltas.get(f) ?? 0) - 1);
      const wasListed = toBool(l.is_listed);
      if (next.size > 0 && !wasListed) listedNow.push(id);
      if (next.size === 0 && wasListed) unlistedNow.push(id);
    }
    for (let k = 0; k < inserts.length; k += 200) await trx('listing_facets').insert(inserts.slice(k, k + 200));
    await addToCounts(trx, deltas);
    if (listedNow.length) await trx('listings').whereIn('id', listedNow).update({ is_listed: true });
    if (unlistedNow.length) await trx('listings').whereIn('id', unlistedNow).update({ is_listed: false });
  }
}

/** Listings still on the shelves whose time ran out (at most `limit`). */
export async function expiredListed(db: Knex, now: Date, limit: number): Promise<number[]> {
  const rows = (await db('listings').whereRaw('is_listed').where('expires_at', '<=', now).limit(limit).pluck('id')) as unknown[];
  return rows.map(toNumber);
}

/** How many public listings stand on a shelf. */
export async function countOn(db: Knex, facet: string): Promise<number> {
  const row = await db('directory_counts').where({ facet }).first('n');
  return row ? toNumber(row.n) : 0;
}

/** Every non-empty shelf's count (a few hundred rows: categories, districts and their pairs). */
export async function allCounts(db: Knex): Promise<Map<string, number>> {
  const rows = (await db('directory_counts').where('n', '>', 0).select('facet', 'n')) as Row[];
  return new Map(rows.map((r) => [String(r.facet), toNumber(r.n)]));
}

/** One page of a shelf, newest first: listing ids straight off the (facet, published_at, listing_id) index. */
export async function pageOf(db: Knex, facet: string, limit: number, offset: number): Promise<number[]> {
  const rows = (await db('listing_facets')
    .where({ facet })
    .orderBy([
      { column: 'published_at', order: 'desc' },
      { column: 'listing_id', order: 'desc' },
    ])
    .limit(limit)
    .offset(offset)
    .pluck('listing_id')) as unknown[];
  return rows.map(toNumber);
}

/** The stamps rendered pages are checked against: any listing's change, any category's change (triggers bump both). */
export async function pageStamp(db: Knex): Promise<string> {
  // Read for nearly every anonymous request (shared by those that arrive together): a prepared statement, no builder.
  const rows = (await queryHot(db, "SELECT version FROM cache_versions WHERE name IN ('pages', 'categories') ORDER BY name")) as Row[];
  return rows.map((r) => String(r.version)).join(':');
}

/** SQL of the search index: writing documents, fetching candidates through the engine's dialect, result details. */
import type { Knex } from 'knex';
import { clientOf, toDate, toNumber } from '../../db/index.js';
import * as sqlite from './dialects/sqlite.js';
import * as postgres from './dialects/postgres.js';
import type { Clause } from './dialects/match-expression.js';
import type { SearchDocument } from './search-document.js';

type Row = Record<string, unknown>;

function documentRow(doc: SearchDocument) {
  return {
    listing_id: doc.listingId, name_t: doc.nameT, keywords_t: doc.keywordsT, body_t: doc.bodyT, choseong_t: doc.choseongT,
    phones_t: doc.phonesT, facets_t: doc.facetsT, haystack: doc.haystack, name_norm: doc.nameNorm.slice(0, 400), districts: doc.districts,
    category_id: doc.categoryId, published_at: doc.publishedAt, expires_at: doc.expiresAt, featured_until: doc.featuredUntil,
  };
}

/** Replaces the documents of these listings: old rows deleted, the given ones inserted in multi-row statements. */
export async function replaceDocuments(trx: Knex.Transaction | Knex, listingIds: number[], docs: SearchDocument[]): Promise<void> {
  for (let i = 0; i < listingIds.length; i += 900) await trx('search_documents').whereIn('listing_id', listingIds.slice(i, i + 900)).del();
  // SQLite builds multi-row inserts as a compound SELECT (at most 500 terms).
  for (let i = 0; i < docs.length; i += 200) await trx('search_documents').insert(docs.slice(i, i + 200).map(documentRow));
}

export async function deleteAllDocuments(trx: Knex.Transaction | Knex): Promise<void> {
  await trx('search_documents').del();
}

const dialect = (db: Knex) => (clientOf(db) === 'pg' ? postgres : sqlite);

/** Matches counted no further than `limit`. */
export const countMatches = (db: Knex, clauses: Clause[], limit: number) => dialect(db).countMatches(db, clauses, limit);
/** The best `cap` by the engine's field-weighted rank (cost grows with the number of matches). */
export const rankedMatches = (db: Knex, clauses: Clause[], cap: number) => dialect(db).rankedMatches(db, clauses, cap);
/** The newest `cap` matches, unranked (cheap whatever the number of matches). */
export const recentMatches = (db: Knex, clauses: Clause[], cap: number) => dialect(db).recentMatches(db, clauses, cap);

export interface CandidateMeta {
  listingId: number;
  nameNorm: string;
  /** The query (spaces removed) occurs as one substring of the listing's text. */
  compactHit: boolean;
  /** Every word of the query occurs in the listing's text. */
  allWords: boolean;
  districts: string[];
  categoryId: number | null;
  publishedAt: Date | null;
  expiresAt: Date | null;
  featuredUntil: Date | null;
}

async function inChunks<T>(ids: number[], size: number, fn: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await fn(ids.slice(i, i + size))));
  return out;
}

/** Ranking facts of the candidates; substring tests run in the database so the text itself never travels. */
export async function candidateMeta(db: Knex, ids: number[], needles: { compact: string; words: string[] }): Promise<CandidateMeta[]> {
  const contains = clientOf(db) === 'pg' ? 'strpos(haystack, ?) > 0' : 'instr(haystack, ?) > 0';
  const compactSql = needles.compact ? contains : '1 = 0';
  const wordsSql = needles.words.length ? needles.words.map(() => contains).join(' AND ') : '1 = 0';
  return inChunks(ids, 900, async (chunk) => {
    const rows = (await db('search_documents')
      .whereIn('listing_id', chunk)
      .select('listing_id', 'name_norm', 'districts', 'category_id', 'published_at', 'expires_at', 'featured_until')
      .select(db.raw(`CASE WHEN ${compactSql} THEN 1 ELSE 0 END AS compact_hit`, needles.compact ? [needles.compact] : []))
      .select(db.raw(`CASE WHEN ${wordsSql} THEN 1 ELSE 0 END AS all_words`, needles.words))) as Row[];
    return rows.map((r) => ({
      listingId: toNumber(r.listing_id), nameNorm: String(r.name_norm), compactHit: toNumber(r.compact_hit) === 1, allWords: toNumber(r.all_words) === 1,
      districts: String(r.districts ?? '').split(' ').filter(Boolean), categoryId: r.category_id === null ? null : toNumber(r.category_id),
      publishedAt: toDate(r.published_at), expiresAt: toDate(r.expires_at), featuredUntil: toDate(r.featured_until),
    }));
  });
}

/** The listings' full search text (only for the rare "did you mean" path). */
export async function haystacks(db: Knex, ids: number[]): Promise<Map<number, string>> {
  const rows = await inChunks(ids, 900, async (chunk) => (await db('search_documents').whereIn('listing_id', chunk).select('listing_id', 'haystack')) as Row[]);
  return new Map(rows.map((r) => [toNumber(r.listing_id), String(r.haystack)]));
}

export async function hoursFor(db: Knex, ids: number[]) {
  return inChunks(ids, 900, async (chunk) => (await db('branch_hours as h')
    .join('branches as b', 'b.id', 'h.branch_id')
    .whereIn('b.listing_id', chunk)
    .select('b.listing_id', 'b.id as branch_id', 'h.weekday', 'h.is_closed', 'h.opens_at', 'h.closes_at', 'h.break_start', 'h.break_end')) as Row[]);
}

export interface ResultDetail {
  id: number; slug: string; name: string; kind: string; tagline: string | null; description: string;
  categoryId: number | null; district: string | null;
  phones: Array<{ id: number; branchId: number | null; display: string; e164: string; type: string; nationalDigits: string }>;
  branches: Array<{ id: number; name: string | null; sigungu: string | null }>;
}

export async function resultDetails(db: Knex, ids: number[]): Promise<Map<number, ResultDetail>> {
  if (ids.length === 0) return new Map();
  const [listings, phones, branches] = await Promise.all([
    db('listings').whereIn('id', ids).select('id', 'slug', 'name', 'kind', 'tagline', 'description', 'primary_category_id') as Promise<Row[]>,
    db('phones').whereIn('listing_id', ids).orderBy(['listing_id', 'sort_order', 'id']).select('id', 'listing_id', 'branch_id', 'display', 'e164', 'type', 'national_digits') as Promise<Row[]>,
    db('branches').whereIn('listing_id', ids).orderBy(['listing_id', 'sort_order', 'id']).select('id', 'listing_id', 'name', 'sigungu') as Promise<Row[]>,
  ]);
  const out = new Map<number, ResultDetail>();
  for (const l of listings) {
    const id = toNumber(l.id);
    const own = branches.filter((b) => toNumber(b.listing_id) === id);
    out.set(id, {
      id, slug: String(l.slug), name: String(l.name), kind: String(l.kind), tagline: l.tagline === null ? null : String(l.tagline),
      description: String(l.description ?? ''), categoryId: l.primary_category_id === null ? null : toNumber(l.primary_category_id),
      district: own.length ? (own[0].sigungu === null ? null : String(own[0].sigungu)) : null,
      phones: phones.filter((p) => toNumber(p.listing_id) === id).map((p) => ({
        id: toNumber(p.id), branchId: p.branch_id === null ? null : toNumber(p.branch_id), display: String(p.display), e164: String(p.e164),
        type: String(p.type), nationalDigits: String(p.national_digits),
      })),
      branches: own.map((b) => ({ id: toNumber(b.id), name: b.name === null ? null : String(b.name), sigungu: b.sigungu === null ? null : String(b.sigungu) })),
    });
  }
  return out;
}

export async function allListingIds(db: Knex): Promise<number[]> {
  return (await db('listings').orderBy('id').pluck('id')).map(Number);
}

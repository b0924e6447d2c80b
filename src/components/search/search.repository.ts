/** SQL of the search index: writing documents, fetching candidates through the engine's dialect, result details. */
import type { Knex } from 'knex';
import { clientOf, toDate, toNumber } from '../../db/index.js';
import * as sqlite from './dialects/sqlite.js';
import * as postgres from './dialects/postgres.js';
import type { CandidatePlan, Needles, PagePrefetch } from './dialects/candidate-plan.js';
import type { Clause } from './dialects/match-expression.js';
import type { SearchDocument } from './search-document.js';
import { PACK } from './dialects/ranking-facts.js';

type Row = Record<string, unknown>;

function documentRow(doc: SearchDocument) {
  return {
    listing_id: doc.listingId,
    name_t: doc.nameT,
    keywords_t: doc.keywordsT,
    body_t: doc.bodyT,
    choseong_t: doc.choseongT,
    phones_t: doc.phonesT,
    facets_t: doc.facetsT,
    haystack: doc.haystack,
    name_norm: doc.nameNorm.slice(0, 400),
    districts: doc.districts,
    category_id: doc.categoryId,
    published_at: doc.publishedAt,
    expires_at: doc.expiresAt,
    featured_until: doc.featuredUntil,
    trade_at: doc.tradeAt,
    kw_at: doc.kwAt,
    place_at: doc.placeAt,
    body_at: doc.bodyAt,
    category_at: doc.categoryAt,
    more_at: doc.moreAt,
    choseong_words: doc.choseongWords,
    quality: doc.quality,
    confirmed_at: doc.confirmedAt,
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

export interface CandidateMeta {
  listingId: number;
  nameNorm: string;
  /** The query (spaces removed) occurs in the listing's names. */
  nameHit: boolean;
  /** The query (spaces removed) occurs as one substring of the listing's text. */
  compactHit: boolean;
  /** Where the worst-placed query word matched: 0 names … 7 nowhere as written (WORD_CODES in dialects/ranking-facts.ts). */
  tier: number;
  /** How many query words were found as written. */
  found: number;
  /** How many query words are one of the listing's own branches' road, 동 or 구. */
  places: number;
  /** The field-weighted sum of where the words were found (WORD_WEIGHTS). */
  evidence: number;
  /** Completeness, origin and recent use (see dialects/ranking-facts.ts). */
  quality: number;
  districts: string[];
  categoryId: number | null;
  publishedAt: Date | null;
  /** A featured placement runs at the search's instant. */
  featured: boolean;
  /** Expired at the search's instant (never shown). */
  expired: boolean;
}

/** Whether the flag at `multiplier` is set in packed facts (PACK). Top-level: a closure per candidate cost more than the candidate. */
const flagOf = (p: number, multiplier: number) => Math.floor(p / multiplier) % 2 === 1;

/** One facts row (FACT_COLUMNS) → a candidate; the packed integer holds nine facts (PACK in dialects/ranking-facts.ts). */
function candidateOf(row: unknown[]): CandidateMeta & { score: number } {
  const [id, score, packed, quality, categoryId, districts, nameNorm, publishedAt] = row;
  const p = toNumber(packed);
  return {
    listingId: toNumber(id),
    score: toNumber(score),
    nameNorm: String(nameNorm),
    nameHit: flagOf(p, PACK.name),
    compactHit: flagOf(p, PACK.hit),
    tier: p % 8,
    found: Math.floor(p / PACK.found) % 16,
    places: Math.floor(p / PACK.places) % 16,
    evidence: Math.floor(p / PACK.evidence) % 64,
    quality: toNumber(quality),
    districts: districts ? String(districts).split(' ').filter(Boolean) : [],
    categoryId: categoryId === null ? null : toNumber(categoryId),
    publishedAt: toDate(publishedAt),
    featured: flagOf(p, PACK.featured),
    expired: flagOf(p, PACK.expired),
  };
}

/**
 * The plan's candidates (engine score and ranking facts) and the capped count of matches, in one round trip;
 * substring tests run in the database so the text itself never travels. With `page`, the details of the page that
 * sort most likely shows come along (see PagePrefetch). `closed`: the listings confirmed closed for good (폐업).
 */
export async function candidatesWithMeta(db: Knex, plan: CandidatePlan, needles: Needles, page?: PagePrefetch): Promise<{
  total: number; candidates: Array<CandidateMeta & { score: number }>; page: Map<number, ResultDetail> | null; closed: Set<number>;
}> {
  const found = await dialect(db).candidatesWithMeta(db, plan, needles, page);
  return {
    total: found.total,
    candidates: found.rows.map(candidateOf),
    page: found.page
      ? new Map(
          found.page.map((r) => {
            const d = toResultDetail(r);
            return [d.id, d] as const;
          }),
        )
      : null,
    closed: new Set(found.closed.map(toNumber)),
  };
}

/** For each set of clauses, whether anything matches it at all (one round trip for the "did you mean" variants). */
export async function anyMatches(db: Knex, sets: Clause[][]): Promise<boolean[]> {
  const asked = sets.filter((s) => s.length > 0);
  const answers = await dialect(db).anyMatches(db, asked);
  return sets.map((s) => (s.length > 0 ? answers[asked.indexOf(s)] : false));
}

/** For each set of clauses, how many documents match it, counted up to `cap` (one round trip for typo probes). */
export async function matchCounts(db: Knex, sets: Clause[][], cap: number): Promise<number[]> {
  return dialect(db).matchCounts(db, sets, cap);
}

/** Up to `limit` of the plan's candidates with the listing's name and slug (suggestions; order: see the dialects), in one round trip. */
export async function candidatesWithNames(
  db: Knex,
  plan: CandidatePlan,
  typed: string,
  limit: number,
): Promise<Array<{ id: number; name: string; slug: string }>> {
  return (await dialect(db).candidatesWithNames(db, plan, typed, limit)).map((r) => ({
    id: toNumber(r.listing_id),
    name: String(r.name),
    slug: String(r.slug),
  }));
}

async function inChunks<T>(ids: number[], size: number, fn: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await fn(ids.slice(i, i + size))));
  return out;
}

/** The listings' full search text (only for the rare "did you mean" path). */
export async function haystacks(db: Knex, ids: number[]): Promise<Map<number, string>> {
  const rows = await inChunks(
    ids,
    900,
    async (chunk) => (await db('search_documents').whereIn('listing_id', chunk).select('listing_id', 'haystack')) as Row[],
  );
  return new Map(rows.map((r) => [toNumber(r.listing_id), String(r.haystack)]));
}

export async function hoursFor(db: Knex, ids: number[]) {
  return inChunks(
    ids,
    900,
    async (chunk) =>
      (await db('branch_hours as h')
        .join('branches as b', 'b.id', 'h.branch_id')
        .whereIn('b.listing_id', chunk)
        .select(
          'b.listing_id',
          'b.id as branch_id',
          'h.weekday',
          'h.is_closed',
          'h.opens_at',
          'h.closes_at',
          'h.break_start',
          'h.break_end',
        )) as Row[],
  );
}

export interface ResultDetail {
  id: number; slug: string; name: string; kind: string; tagline: string | null; description: string;
  categoryId: number | null; district: string | null;
  phones: Array<{ id: number; branchId: number | null; display: string; e164: string; type: string; nationalDigits: string }>;
  branches: Array<{ id: number; name: string | null; sigungu: string | null }>;
  /** The first offer with a price (what a wreath order is decided on), or null. */
  offer: PricedOffer | null;
}

export interface PricedOffer { name: string; priceKrw: number }

type PhoneJson = [number, number | null, string, string, string, string];
type BranchJson = [number, string | null, string | null];
const jsonArray = <T>(v: unknown): T[] => (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as T[];

function toResultDetail(l: Row): ResultDetail {
  const branches = jsonArray<BranchJson>(l.branches).map(([bid, name, sigungu]) => ({
    id: toNumber(bid),
    name: name === null ? null : String(name),
    sigungu: sigungu === null ? null : String(sigungu),
  }));
  return {
    id: toNumber(l.id),
    slug: String(l.slug),
    name: String(l.name),
    kind: String(l.kind),
    tagline: l.tagline === null || l.tagline === undefined ? null : String(l.tagline),
    description: String(l.description ?? ''),
    categoryId: l.primary_category_id === null || l.primary_category_id === undefined ? null : toNumber(l.primary_category_id),
    district: branches.length ? branches[0].sigungu : null,
    phones: jsonArray<PhoneJson>(l.phones).map(([pid, branchId, display, e164, type, nationalDigits]) => ({
      id: toNumber(pid),
      branchId: branchId === null ? null : toNumber(branchId),
      display: String(display),
      e164: String(e164),
      type: String(type),
      nationalDigits: String(nationalDigits),
    })),
    branches,
    offer: offerOf(l.offer),
  };
}

function offerOf(v: unknown): PricedOffer | null {
  const pair = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  if (!Array.isArray(pair) || pair.length < 2 || pair[1] === null) return null;
  return { name: String(pair[0]), priceKrw: toNumber(pair[1]) };
}

/** The offers of these listings priced within [min, max] (max null: no bound), in each listing's order. */
export async function offersPricedWithin(
  db: Knex,
  ids: number[],
  range: { min: number; max: number | null },
): Promise<Map<number, PricedOffer[]>> {
  const rows = await inChunks(ids, 900, async (chunk) => {
    const q = db('offers').whereIn('listing_id', chunk).whereNotNull('price_krw').where('price_krw', '>=', range.min);
    if (range.max !== null) q.where('price_krw', '<=', range.max);
    return (await q.orderBy(['listing_id', 'sort_order', 'id']).select('listing_id', 'name', 'price_krw')) as Row[];
  });
  const out = new Map<number, PricedOffer[]>();
  for (const r of rows) {
    const id = toNumber(r.listing_id);
    out.set(id, [...(out.get(id) ?? []), { name: String(r.name), priceKrw: toNumber(r.price_krw) }]);
  }
  return out;
}

/** What a result card prints, for a page of listings: one round trip (phones and branches come as JSON arrays). */
export async function resultDetails(db: Knex, ids: number[]): Promise<Map<number, ResultDetail>> {
  if (ids.length === 0) return new Map();
  const rows = await inChunks(ids, 900, (chunk) => dialect(db).detailRows(db, chunk));
  return new Map(rows.map((r) => { const d = toResultDetail(r); return [d.id, d] as const; }));
}

/** The highest listing id in the search index (0 when empty). */
export async function newestIndexedId(db: Knex): Promise<number> {
  const row = (await db('search_documents').max({ m: 'listing_id' }).first()) as { m: unknown } | undefined;
  return row?.m === null || row?.m === undefined ? 0 : toNumber(row.m);
}

export async function allListingIds(db: Knex): Promise<number[]> {
  return (await db('listings').orderBy('id').pluck('id')).map(Number);
}

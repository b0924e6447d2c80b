/**
 * PostgreSQL: which "newest listings" windows a search asks first (see newestCtes in postgres.ts). Each vector carries a
 * recency token `zzr<listing_id / 4096>` (migration 20261127090000); a window is an OR of those tokens, asked only where
 * the planner's own statistics of the tsv column expect it to hold enough matches.
 */
import type { Knex } from 'knex';
import { cachedFor } from '../../../lib/cached.js';
import { isFacets, type Clause } from './match-expression.js';

/** Listings per recency token (`zzr<listing_id / 4096>`, written into every vector by migration 20261127090000). */
const RECENCY_BUCKET = 4096;
/**
 * Windows of newest listings asked first, narrowest first (ids below the newest known one). The wide one serves words
 * a few percent of a large directory holds (떡갈비 in 6 % of a million): just short of enough in the narrow window
 * (988 of 1,001), they fell through to the whole index and sorted 61,000 matches for their newest 1,001 (118 of 168 ms).
 */
const WINDOWS = [16_384, 65_536];
/** A window after the first only where it is a small part of the directory: otherwise its probe costs what the whole index does. */
const MAX_DIRECTORY_SHARE = 1 / 8;
/** Buckets past the newest known id also asked for: listings added since it was read (it may be a few seconds old). */
const BUCKETS_AHEAD = 4;

/**
 * How common each token is: PostgreSQL's own statistics of the tsv column (most common elements and the share of rows
 * holding each, from ANALYZE), read at most every 10 minutes per pool. A token not listed is rarer than every listed one.
 */
export interface TokenShares { share: Map<string, number> }
const sharesByPool = new WeakMap<object, () => Promise<TokenShares>>();

async function loadTokenShares(db: Knex): Promise<TokenShares> {
  const { rows } = (await db.raw(`SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats
    WHERE schemaname = current_schema() AND tablename = 'search_documents' AND attname = 'tsv'`)) as {
    rows: Array<{ elems: string[] | null; freqs: number[] | null }>;
  };
  const share = new Map<string, number>();
  const [row] = rows;
  if (row?.elems && row.freqs) row.elems.forEach((e, i) => share.set(e, Number(row.freqs![i])));
  return { share };
}

export function tokenShares(db: Knex): Promise<TokenShares> {
  let get = sharesByPool.get(db.client);
  if (!get) sharesByPool.set(db.client, (get = cachedFor(600_000, () => loadTokenShares(db))));
  return get();
}

/**
 * The expected share of listings matching every clause. Words of one query are bound to go together (the pairs of
 * one word always do), so text clauses count as their rarest; a district, category or kind filter is taken as
 * independent of the words and multiplies. A prefix may be anything.
 */
export function expectedShare(clauses: Clause[], shares: TokenShares): number {
  const shareOf = (c: Clause) => (c.prefix ? 1 : Math.max(...c.anyOf.map((t) => shares.share.get(t) ?? 0)));
  const facets = clauses.filter(isFacets);
  const text = clauses.filter((c) => !facets.includes(c));
  return (text.length ? Math.min(...text.map(shareOf)) : 1) * facets.reduce((acc, c) => acc * shareOf(c), 1);
}

/**
 * The recency windows worth asking for `limit` matches, as tsqueries (`('zzr20' | 'zzr21' | …)`), narrowest first: only
 * windows where the statistics expect at least `limit` matches (a miss costs an index probe over the whole window),
 * none that would cover every listing, and a wider one only in a directory at least eight times its size.
 */
export function recencyWindows(newestId: number | undefined, share: number, limit: number): string[] {
  if (!newestId) return [];
  const top = Math.floor(newestId / RECENCY_BUCKET) + BUCKETS_AHEAD;
  const out: string[] = [];
  for (const [tier, size] of WINDOWS.entries()) {
    const from = Math.floor((newestId - size) / RECENCY_BUCKET);
    if (from <= 0 || (tier > 0 && size > newestId * MAX_DIRECTORY_SHARE)) break;
    if (share * size < limit) continue;
    out.push(`(${Array.from({ length: top - from + 1 }, (_, i) => `'zzr${from + i}'`).join(' | ')})`);
  }
  return out;
}

/**
 * Bounded candidate retrieval. Ranking by bm25/ts_rank costs time in proportion to the number of matches, so a very
 * frequent term (꽃 in a million listings) must not rank the world:
 *  - up to RANK_LIMIT matches: rank them all with the engine's field-weighted rank;
 *  - more: rank only the matches in names (if those are few enough), then fill with the newest matches, unranked.
 * Totals are counted up to COUNT_LIMIT ("1,000+"). Sorting by newest uses the newest matches directly.
 */
import type { Knex } from 'knex';
import type { Clause } from './dialects/match-expression.js';
import * as repo from './search.repository.js';

export const RANK_LIMIT = 500;
/** Totals above this are shown as "1,000+". */
export const COUNT_LIMIT = 1000;

const inNamesOnly = (clauses: Clause[]): Clause[] | null => {
  const terms = clauses.filter((c) => !c.fields || c.fields.includes('name'));
  if (terms.length === 0) return null;
  return clauses.map((c) => (terms.includes(c) ? { ...c, fields: ['name' as const] } : c));
};

export async function findCandidates(db: Knex, clauses: Clause[], cap: number, newest = false): Promise<{ hits: Array<{ listingId: number; score: number }>; total: number }> {
  const total = await repo.countMatches(db, clauses, COUNT_LIMIT + 1);
  if (newest) return { hits: await repo.recentMatches(db, clauses, cap), total };
  if (total <= RANK_LIMIT) return { hits: await repo.rankedMatches(db, clauses, cap), total };
  const names = inNamesOnly(clauses);
  const top = names && (await repo.countMatches(db, names, RANK_LIMIT + 1)) <= RANK_LIMIT ? await repo.rankedMatches(db, names, cap) : [];
  const seen = new Set(top.map((h) => h.listingId));
  const rest = (await repo.recentMatches(db, clauses, cap)).filter((h) => !seen.has(h.listingId));
  return { hits: [...top, ...rest].slice(0, Math.max(cap, top.length)), total };
}

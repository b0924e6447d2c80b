/**
 * Bounded candidate retrieval. Ranking by bm25/ts_rank costs time in proportion to the number of matches, so a very
 * frequent term (꽃 in a million listings) must not rank the world:
 *  - up to RANK_LIMIT matches: rank them all with the engine's field-weighted rank;
 *  - more: take the newest matches in names, then the newest matches anywhere, unranked; the final ordering
 *    (exact name, name contains, substring) happens on that bounded set.
 * Totals are counted up to COUNT_LIMIT ("1,000+"). Sorting by newest uses the newest matches directly.
 */
import type { Knex } from 'knex';
import type { Clause } from './dialects/match-expression.js';
import * as repo from './search.repository.js';

export const RANK_LIMIT = 200;
/** Totals above this are shown as "1,000+". */
export const COUNT_LIMIT = 1000;

/** The query restricted to names; only for one or two terms (column filters over several frequent terms scan long lists). */
const inNamesOnly = (clauses: Clause[]): Clause[] | null => {
  const terms = clauses.filter((c) => !c.fields || c.fields.includes('name'));
  if (terms.length === 0 || terms.length > 2) return null;
  return clauses.map((c) => (terms.includes(c) ? { ...c, fields: ['name' as const] } : c));
};

export async function findCandidates(db: Knex, clauses: Clause[], cap: number, newest = false): Promise<{ hits: Array<{ listingId: number; score: number }>; total: number }> {
  const total = await repo.countMatches(db, clauses, COUNT_LIMIT + 1);
  if (newest) return { hits: await repo.recentMatches(db, clauses, cap), total };
  if (total <= RANK_LIMIT) return { hits: await repo.rankedMatches(db, clauses, cap), total };
  // Too many to rank: the newest matches in names first (score 1), then the newest matches anywhere (score 0);
  // the final ordering then uses exact-name, name and substring signals.
  const names = inNamesOnly(clauses);
  const top = names ? (await repo.recentMatches(db, names, cap)).map((h) => ({ ...h, score: 1 })) : [];
  const seen = new Set(top.map((h) => h.listingId));
  const rest = (await repo.recentMatches(db, clauses, cap)).filter((h) => !seen.has(h.listingId));
  return { hits: [...top, ...rest].slice(0, Math.max(cap, top.length)), total };
}

/** Up to `limit` suggestions: ranked when few names match, else the newest (typing a frequent syllable must stay cheap). */
export async function suggestCandidates(db: Knex, clauses: Clause[], limit: number): Promise<Array<{ listingId: number; score: number }>> {
  const many = (await repo.countMatches(db, clauses, RANK_LIMIT + 1)) > RANK_LIMIT;
  return many ? repo.recentMatches(db, clauses, limit) : repo.rankedMatches(db, clauses, limit);
}

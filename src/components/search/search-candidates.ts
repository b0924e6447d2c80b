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
import type { Needles, PagePrefetch } from './dialects/candidate-plan.js';
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

/**
 * Up to `cap` candidates with their ranking facts, the matches counted up to COUNT_LIMIT + 1, and the page's details when asked: one round
 * trip.
 */
export async function findCandidates(
  db: Knex,
  clauses: Clause[],
  cap: number,
  needles: Needles,
  opts: { newest?: boolean; newestId?: number; page?: PagePrefetch } = {},
) {
  const plan = {
    clauses,
    names: inNamesOnly(clauses),
    cap,
    countLimit: COUNT_LIMIT + 1,
    rankLimit: RANK_LIMIT,
    newest: opts.newest ?? false,
    newestId: opts.newestId,
  };
  return repo.candidatesWithMeta(db, plan, needles, opts.page);
}

/**
 * Up to `limit` suggestions with name and slug, from the newest RANK_LIMIT name matches (typing a frequent syllable
 * stays cheap): names starting with `typed` first, then shorter names, then the newest. No engine score is involved,
 * so SQLite and PostgreSQL suggest the same names in the same order.
 */
export async function suggestCandidates(db: Knex, clauses: Clause[], typed: string, limit: number, newestId?: number) {
  return repo.candidatesWithNames(
    db,
    { clauses, names: null, cap: RANK_LIMIT, countLimit: RANK_LIMIT + 1, rankLimit: RANK_LIMIT, newest: true, newestId },
    typed,
    limit,
  );
}

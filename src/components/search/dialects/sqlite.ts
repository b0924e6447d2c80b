/** FTS5 (unicode61) over search_fts; bm25 weights are set as the table's rank function in the migration. */
import type { Knex } from 'knex';
import { assertSafe, type Clause, type Field } from './match-expression.js';

const COLUMN: Record<Field, string> = { name: 'name_t', keywords: 'keywords_t', body: 'body_t', choseong: 'choseong_t', phones: 'phones_t', facets: 'facets_t' };

function clauseToFts(c: Clause): string {
  const tokens = c.anyOf.map((t) => `"${assertSafe(t)}"${c.prefix ? '*' : ''}`);
  const group = tokens.length === 1 ? tokens[0] : `(${tokens.join(' OR ')})`;
  if (!c.fields) return group;
  const cols = c.fields.map((f) => COLUMN[f]);
  return `${cols.length === 1 ? cols[0] : `{${cols.join(' ')}}`} : ${group}`;
}

export function matchExpression(clauses: Clause[]): string {
  return clauses.map(clauseToFts).join(' AND ');
}

type Hit = { listingId: number; score: number };
const hits = (rows: Array<{ listing_id: number; score?: number }>): Hit[] => rows.map((r) => ({ listingId: Number(r.listing_id), score: r.score === undefined ? 0 : -Number(r.score) }));

/** How many documents match, counting no further than `limit`. */
export async function countMatches(db: Knex, clauses: Clause[], limit: number): Promise<number> {
  const [row] = (await db.raw('SELECT count(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)', [matchExpression(clauses), limit])) as Array<{ n: number }>;
  return Number(row.n);
}

/** The `cap` best by bm25 (field-weighted); bm25 is computed for every match, so callers use it on bounded sets. */
export async function rankedMatches(db: Knex, clauses: Clause[], cap: number): Promise<Hit[]> {
  return hits(await db.raw('SELECT rowid AS listing_id, rank AS score FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?', [matchExpression(clauses), cap]));
}

/** The `cap` newest matches (highest ids), without computing a rank: cheap for very frequent terms. */
export async function recentMatches(db: Knex, clauses: Clause[], cap: number): Promise<Hit[]> {
  return hits(await db.raw('SELECT rowid AS listing_id FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?', [matchExpression(clauses), cap]));
}

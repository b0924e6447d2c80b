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

/** Up to `cap` best-ranked listing ids (lower score = better in FTS5). */
export async function candidates(db: Knex, clauses: Clause[], cap: number): Promise<Array<{ listingId: number; score: number }>> {
  const rows = (await db.raw(
    'SELECT rowid AS listing_id, rank AS score FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?',
    [matchExpression(clauses), cap],
  )) as Array<{ listing_id: number; score: number }>;
  return rows.map((r) => ({ listingId: Number(r.listing_id), score: -Number(r.score) }));
}

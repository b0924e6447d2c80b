/** A GIN-indexed weighted tsvector ('simple') over the same tokens; weights A name, B keywords+phones, C body, D 초성+facets. */
import type { Knex } from 'knex';
import { assertSafe, type Clause, type Field } from './match-expression.js';

const WEIGHT: Record<Field, string> = { name: 'A', keywords: 'B', phones: 'B', body: 'C', choseong: 'D', facets: 'D' };

function clauseToTsquery(c: Clause): string {
  const weights = c.fields ? [...new Set(c.fields.map((f) => WEIGHT[f]))].join('') : '';
  const suffix = c.prefix || weights ? `:${c.prefix ? '*' : ''}${weights}` : '';
  const tokens = c.anyOf.map((t) => `'${assertSafe(t)}'${suffix}`);
  return tokens.length === 1 ? tokens[0] : `(${tokens.join(' | ')})`;
}

export function tsqueryText(clauses: Clause[]): string {
  return clauses.map(clauseToTsquery).join(' & ');
}

export async function candidates(db: Knex, clauses: Clause[], cap: number): Promise<Array<{ listingId: number; score: number }>> {
  const result = (await db.raw(
    `SELECT listing_id, ts_rank('{0.05, 0.2, 0.4, 1.0}', tsv, q) AS score
     FROM search_documents, to_tsquery('simple', ?) AS q
     WHERE tsv @@ q ORDER BY score DESC, listing_id LIMIT ?`,
    [tsqueryText(clauses), cap],
  )) as { rows: Array<{ listing_id: number; score: number }> };
  return result.rows.map((r) => ({ listingId: Number(r.listing_id), score: Number(r.score) }));
}

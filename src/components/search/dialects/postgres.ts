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

type Hit = { listingId: number; score: number };
const hits = (result: { rows: Array<{ listing_id: number; score?: number }> }): Hit[] =>
  result.rows.map((r) => ({ listingId: Number(r.listing_id), score: r.score === undefined ? 0 : Number(r.score) }));

export async function countMatches(db: Knex, clauses: Clause[], limit: number): Promise<number> {
  const result = (await db.raw(
    `SELECT count(*) AS n FROM (SELECT 1 FROM search_documents WHERE tsv @@ to_tsquery('simple', ?) LIMIT ?) AS m`,
    [tsqueryText(clauses), limit],
  )) as { rows: Array<{ n: number }> };
  return Number(result.rows[0].n);
}

export async function rankedMatches(db: Knex, clauses: Clause[], cap: number): Promise<Hit[]> {
  return hits(await db.raw(
    `SELECT listing_id, ts_rank('{0.05, 0.2, 0.4, 1.0}', tsv, q) AS score
     FROM search_documents, to_tsquery('simple', ?) AS q
     WHERE tsv @@ q ORDER BY score DESC, listing_id DESC LIMIT ?`,
    [tsqueryText(clauses), cap],
  ));
}

export async function recentMatches(db: Knex, clauses: Clause[], cap: number): Promise<Hit[]> {
  return hits(await db.raw(
    `SELECT listing_id FROM search_documents WHERE tsv @@ to_tsquery('simple', ?) ORDER BY listing_id DESC LIMIT ?`,
    [tsqueryText(clauses), cap],
  ));
}

/** FTS5 (unicode61) over search_fts; bm25 weights are set as the table's rank function in the migration. */
import type { Knex } from 'knex';
import { assertSafe, type Clause, type Field } from './match-expression.js';
import type { CandidatePlan, FactsDialect, Needles, PagePrefetch } from './candidate-plan.js';
import { FACT_COLUMNS, RELEVANCE_ORDER, factsCte } from './ranking-facts.js';
import { allPrepared } from './sqlite-statements.js';

const SQLITE_FACTS: FactsDialect = {
  pos: (text, needle) => `instr(${text}, ${needle})`,
  greatest: (xs) => `max(${xs.join(', ')})`,
  positions: { fence: '' },
};

const COLUMN: Record<Field, string> = {
  name: 'name_t',
  keywords: 'keywords_t',
  body: 'body_t',
  choseong: 'choseong_t',
  phones: 'phones_t',
  facets: 'facets_t',
};

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

/**
 * A match expression no document matches, found at no cost: every indexed token is only letters, only digits, Hangul,
 * jamo or a facet token (zz…), written by search-tokens.ts, so a digit-letter-digit token never occurs.
 */
const NO_MATCH = '"0x0"';

/** The fields of search_names_fts (migration 20261126150000), a small index for the "newest in names" step. */
const NAMES_INDEX_FIELDS: Field[] = ['name', 'facets'];

/**
 * search_names_fts holds only name_t and facets_t: a step that needs nothing else runs there (same matches, shorter
 * lists). bm25 stays on search_fts: it normalises by the length of the whole document.
 */
const tableFor = (clauses: Clause[] | null) =>
  clauses?.every((c) => c.fields?.every((f) => NAMES_INDEX_FIELDS.includes(f))) ? 'search_names_fts' : 'search_fts';

/**
 * The plan as CTEs ending in `picked(id, score)` (at most plan.cap rows) and `total(n)`.
 *  - hits: the newest countLimit matches (rowid order costs no ranking), which also gives the count;
 *    on search_names_fts when every clause is on names or facets (suggestions);
 *  - ranked: bm25 over every match when there are at most rankLimit (score = −bm25, higher is better);
 *  - otherwise the newest matches in names (score 1), then the newest matches (score 0), names first, cap in all.
 * A branch not taken gets NO_MATCH as its MATCH argument (a CASE on the materialised count, evaluated once): a
 * condition in WHERE would not stop FTS5 from walking every match of a frequent term first.
 */
function planSql(plan: CandidatePlan): { sql: string; bindings: Knex.RawBinding[] } {
  const q = matchExpression(plan.clauses);
  const rankIt = plan.newest ? 'NULL' : '(SELECT n FROM total) <= ?';
  const bindings: Knex.RawBinding[] = [q, plan.countLimit, ...(plan.newest ? [] : [plan.rankLimit]), q, NO_MATCH, plan.cap];
  const names = plan.names && !plan.newest ? matchExpression(plan.names) : null;
  const namesTable = tableFor(plan.names);
  const hitsTable = tableFor(plan.clauses);
  if (names) bindings.push(plan.rankLimit, names, NO_MATCH, plan.cap);
  bindings.push(plan.newest ? 1 : 0, plan.rankLimit, plan.cap, plan.cap);
  const sql = `WITH hits AS MATERIALIZED (SELECT rowid AS id FROM ${hitsTable} WHERE ${hitsTable} MATCH ? ORDER BY rowid DESC LIMIT ?),
    total AS MATERIALIZED (SELECT count(*) AS n FROM hits),
    many AS MATERIALIZED (SELECT id, max(score) AS score, min(src) AS src FROM (
      SELECT id, score, 0 AS src FROM (
        SELECT rowid AS id, -rank AS score FROM search_fts WHERE search_fts MATCH (CASE WHEN ${rankIt} THEN ? ELSE ? END) ORDER BY rank, rowid DESC LIMIT ?)
      ${
        names
          ? `UNION ALL SELECT id, 1, 1 FROM (
        SELECT rowid AS id FROM ${namesTable} WHERE ${namesTable} MATCH (CASE WHEN (SELECT n FROM total) > ? THEN ? ELSE ? END) ORDER BY rowid DESC LIMIT ?)`
          : ''
      }
      UNION ALL SELECT id, 0, 2 FROM (SELECT id FROM hits WHERE (? = 1 OR (SELECT n FROM total) > ?) ORDER BY id DESC LIMIT ?)
    ) GROUP BY id ORDER BY src, score DESC, id DESC LIMIT ?),
    picked AS (SELECT id, score FROM many)`;
  return { sql, bindings };
}

type Row = Record<string, unknown>;

/**
 * Candidates with their ranking facts from search_documents, and the capped count, in one statement. The candidates
 * come as one JSON array of FACT_COLUMNS rows: one value for the driver to hand over instead of a dozen per row
 * (several times cheaper).
 * With `page`, the detail rows of that page come too (a JSON array of objects shaped as detailRows' rows).
 * `closed`: the listings confirmed closed for good (폐업, few: an index range), which search ranks last; read here, not in a round
 * trip of their own.
 */
export async function candidatesWithMeta(
  db: Knex,
  plan: CandidatePlan,
  needles: Needles,
  page?: PagePrefetch,
): Promise<{ total: number; rows: unknown[][]; page: Row[] | null; closed: number[] }> {
  const { sql, bindings } = planSql(plan);
  const facts = factsCte(needles, SQLITE_FACTS);
  const pageSql = page
    ? `, (SELECT json_group_array(json_object('id', l.id, 'slug', l.slug, 'name', l.name, 'kind', l.kind, 'tagline', l.tagline,
      'description', l.description, 'primary_category_id', l.primary_category_id, 'phones', json(${PHONES_JSON}), 'branches', json(${BRANCHES_JSON}), 'offer', json(${OFFER_JSON})))
      FROM (SELECT f.id FROM facts f WHERE f.expired = 0
        ORDER BY ${page.sort === 'newest' ? 'coalesce(f.published_at, 0) DESC' : RELEVANCE_ORDER}, f.id DESC LIMIT ? OFFSET ?) pg
      JOIN listings l ON l.id = pg.id) AS page`
    : '';
  const pageBindings = page ? [...(page.sort === 'newest' ? [] : [page.compact, page.compact]), page.limit, page.offset] : [];
  const [row] = (await allPrepared(
    db,
    `${sql}${facts.sql}
    SELECT (SELECT n FROM total) AS total, (SELECT json_group_array(json_array(${FACT_COLUMNS})) FROM facts f) AS rows${pageSql},
      (SELECT json_group_array(l.id) FROM listings l WHERE l.out_of_business_at IS NOT NULL) AS closed`,
    [...bindings, ...(facts.bindings as Knex.RawBinding[]), ...pageBindings],
  )) as Array<{ total: number; rows: string; page?: string; closed: string }>;
  return {
    total: Number(row.total),
    rows: JSON.parse(row.rows) as unknown[][],
    page: page ? (JSON.parse(row.page ?? '[]') as Row[]) : null,
    closed: JSON.parse(row.closed) as number[],
  };
}

/**
 * Suggestions: the plan's candidates with the listing's name and slug, in one statement, in an order both engines
 * compute alike: names that start with what was typed first, then shorter names, then the newest.
 */
export async function candidatesWithNames(db: Knex, plan: CandidatePlan, typed: string, limit: number): Promise<Row[]> {
  const { sql, bindings } = planSql(plan);
  return (await allPrepared(
    db,
    `${sql}
    SELECT s.id AS listing_id, l.name, l.slug FROM (
      SELECT p.id, CASE WHEN instr(d.name_norm, ?) = 1 THEN 0 ELSE 1 END AS later, length(d.name_norm) AS len FROM picked p JOIN search_documents d ON d.listing_id = p.id
      ORDER BY later, len, p.id DESC LIMIT ?) s JOIN listings l ON l.id = s.id ORDER BY s.later, s.len, s.id DESC`,
    [...bindings, typed, limit],
  )) as Row[];
}

const PHONES_JSON = `(SELECT json_group_array(json_array(ph.id, ph.branch_id, ph.display, ph.e164, ph.type, ph.national_digits) ORDER BY ph.sort_order, ph.id)
  FROM phones ph WHERE ph.listing_id = l.id)`;
const BRANCHES_JSON =
  '(SELECT json_group_array(json_array(b.id, b.name, b.sigungu) ORDER BY b.sort_order, b.id) FROM branches b WHERE b.listing_id = l.id)';
/** The first offer with a price, as [name, price_krw] (null when none has one). */
const OFFER_JSON = `(SELECT json_array(o.name, o.price_krw) FROM offers o WHERE o.listing_id = l.id AND o.price_krw IS NOT NULL
  ORDER BY o.sort_order, o.id LIMIT 1)`;

/**
 * Listings with their phones, branches and first priced offer as JSON arrays (see PHONES_JSON, BRANCHES_JSON, OFFER_JSON), in one
 * statement.
 */
export async function detailRows(db: Knex, ids: number[]): Promise<Row[]> {
  return (await db.raw(
    `SELECT l.id, l.slug, l.name, l.kind, l.tagline, l.description, l.primary_category_id, ${PHONES_JSON} AS phones, ${BRANCHES_JSON} AS branches,
      ${OFFER_JSON} AS offer
    FROM listings l WHERE l.id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  )) as Row[];
}

/** For each set of clauses, whether any document matches it (one statement; each test stops at its first match). */
export async function anyMatches(db: Knex, sets: Clause[][]): Promise<boolean[]> {
  if (sets.length === 0) return [];
  const [row] = (await db.raw(
    `SELECT ${sets.map((_, i) => `EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH ?) AS m${i}`).join(', ')}`,
    sets.map(matchExpression),
  )) as Array<Record<string, unknown>>;
  return sets.map((_, i) => Number(row[`m${i}`]) === 1);
}

/** For each set of clauses, how many documents match it, counted up to `cap` (one statement; typo probes). */
export async function matchCounts(db: Knex, sets: Clause[][], cap: number): Promise<number[]> {
  if (sets.length === 0) return [];
  const [row] = (await db.raw(
    `SELECT ${sets.map((_, i) => `(SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ${Math.trunc(cap)})) AS m${i}`).join(', ')}`,
    sets.map(matchExpression),
  )) as Array<Record<string, unknown>>;
  return sets.map((_, i) => Number(row[`m${i}`]));
}

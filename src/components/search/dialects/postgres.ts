/** A GIN-indexed weighted tsvector ('simple') over the same tokens; weights A name, B keywords+phones, C body, D 초성+facets. */
import type { Knex } from 'knex';
import { queryPrepared } from '../../../db/index.js';
import { assertSafe, isFacets, type Clause, type Field } from './match-expression.js';
import type { CandidatePlan, FactsDialect, Needles, PagePrefetch } from './candidate-plan.js';
import { FACT_COLUMNS, RELEVANCE_ORDER, factsCte } from './ranking-facts.js';
import { expectedShare, recencyWindows, tokenShares, type TokenShares } from './postgres-recency.js';

const POSTGRES_FACTS: FactsDialect = {
  pos: (text, needle) => `strpos(${text}, ${needle})`,
  greatest: (xs) => `greatest(${xs.join(', ')})`,
  positions: 'materialized',
};

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

/**
 * Tokens that only ever occur in one field: facet tokens (zzd…, zzc…, zzk…: letters and digits together, which text
 * never yields) and 초성 strings (jamo, which text never yields). A clause on these fields needs no weight.
 */
const SELF_MARKED: Field[] = ['facets', 'choseong'];

/**
 * Where a clause is answered: the unweighted vectors (tsv_name, tsv_kw, or tsv for self-marked fields) let GIN answer
 * exactly; a weighted tsquery on tsv makes PostgreSQL fetch and re-check every match's vector. Returns the columns
 * to OR together (one each) and whether weights still apply.
 */
function targetOf(c: Clause): { columns: string[]; weighted: boolean } {
  if (!c.fields || c.fields.length === 0) return { columns: ['tsv'], weighted: false };
  if (c.fields.every((f) => SELF_MARKED.includes(f))) return { columns: ['tsv'], weighted: false };
  if (c.fields.every((f) => f === 'name' || f === 'keywords')) {
    return { columns: [...new Set(c.fields.map((f) => (f === 'name' ? 'tsv_name' : 'tsv_kw')))], weighted: false };
  }
  return { columns: ['tsv'], weighted: true };
}

/**
 * The match condition of a set of clauses, the same matches as `tsv @@ tsqueryText(clauses)`: clauses answered by
 * one column are joined into one tsquery on it; a clause over names and keywords becomes an OR of the two vectors.
 * Filters (district, category, kind) go with the name/keyword clauses when there are any — tsv_name and tsv_kw carry
 * the facet tokens too — so GIN intersects them inside one index instead of building a bitmap of a whole district.
 * With `window` (a tsquery of recency tokens), every vector's query also asks for it, so GIN keeps only the matches
 * among the newest listings.
 */
function matchCondition(clauses: Clause[], window?: string): { sql: string; bindings: string[] } {
  const single = new Map<string, string[]>();
  const ors: Array<Array<{ col: string; query: string }>> = [];
  const add = (col: string, query: string) => single.set(col, [...(single.get(col) ?? []), query]);
  const routed = clauses.filter((c) => !isFacets(c)).map((c) => ({ c, ...targetOf(c) }));
  const facets = clauses.filter(isFacets).map((c) => clauseToTsquery({ ...c, fields: undefined }));
  for (const { c, columns, weighted } of routed) {
    const query = clauseToTsquery(weighted ? c : { ...c, fields: undefined });
    if (columns.length === 1) add(columns[0], query);
    else ors.push(columns.map((col) => ({ col, query })));
  }
  // Where the filters go: the names vector if a clause is there, else each side of the name-or-keyword ORs, else tsv.
  if (facets.length) {
    if (single.has('tsv_name')) facets.forEach((f) => add('tsv_name', f));
    else if (ors.length) for (const or of ors) for (const side of or) side.query = `${side.query} & ${facets.join(' & ')}`;
    else facets.forEach((f) => add('tsv', f));
  }
  const within = (query: string) => (window ? `(${query}) & ${window}` : query);
  const parts: string[] = [];
  const bindings: string[] = [];
  for (const [col, queries] of single) {
    parts.push(`${col} @@ to_tsquery('simple', ?)`);
    bindings.push(within(queries.join(' & ')));
  }
  for (const or of ors) {
    parts.push(`(${or.map(({ col }) => `${col} @@ to_tsquery('simple', ?)`).join(' OR ')})`);
    bindings.push(...or.map(({ query }) => within(query)));
  }
  return { sql: parts.join(' AND ') || 'false', bindings };
}

interface Frag { sql: string; bindings: Knex.RawBinding[] }

/**
 * CTEs ending in `name(id)`: the newest `limit` matches of the clauses (only while `guard` holds). Each recency window
 * is asked first; a window's rows are kept when it filled the limit (then they are the newest overall), otherwise the
 * next, wider one is asked, and last the whole index. A frequent term thus touches the rows of a few thousand recent
 * matches instead of all of them; a rare one costs one more index probe. `listing_id + 0`: the newest N must come
 * from the GIN bitmap and a top-N sort. Ordered by the primary key, the planner may walk the table backwards testing
 * each row's out-of-line vector when it overestimates the matches: 'hd':* took 325 ms that way, 1 ms from the bitmap.
 * `firstWindow`: the first window's rows as another CTE already has them (see sharedNameScan).
 */
function newestCtes(name: string, clauses: Clause[], limit: number, windows: string[], guard?: Frag, firstWindow?: Frag): Frag {
  const tiers = [...windows, undefined];
  const ctes: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  let prev: string | null = null;
  tiers.forEach((window, i) => {
    const cte = i === tiers.length - 1 ? name : `${name}_${i}`;
    if (i === 0 && window !== undefined && firstWindow) {
      ctes.push(`${cte} AS MATERIALIZED (${firstWindow.sql})`);
      bindings.push(...firstWindow.bindings);
      prev = cte;
      return;
    }
    const m = matchCondition(clauses, window);
    const conditions = [m.sql, ...(guard ? [guard.sql] : []), ...(prev ? [`(SELECT count(*) FROM ${prev}) < ?`] : [])];
    const scan = `SELECT listing_id AS id FROM search_documents WHERE ${conditions.join(' AND ')} ORDER BY listing_id + 0 DESC LIMIT ?`;
    if (prev) {
      ctes.push(`${cte} AS MATERIALIZED (SELECT id FROM ${prev} WHERE (SELECT count(*) FROM ${prev}) >= ? UNION ALL (${scan}))`);
      bindings.push(limit);
    } else ctes.push(`${cte} AS MATERIALIZED (${scan})`);
    bindings.push(...m.bindings, ...(guard?.bindings ?? []), ...(prev ? [limit] : []), limit);
    prev = cte;
  });
  return { sql: ctes.join(',\n    '), bindings };
}

/**
 * A one-syllable word (a name-or-keyword OR, with any filters) asks the same first recency window for its matches and
 * for its newest name matches: the name side of the first is the second. Then the window's name matches are read once
 * (`window_names`, all of them), and both take their first window from there: the matches as the newest of those and
 * of the keyword matches not among them (a hashed NOT IN: cheaper than de-duplicating both, which cost 빵 and 약, with
 * few name matches, more than the second name scan saved), the newest in names as the newest of those (all the window
 * holds, so the same rows). 꽃 at 100k: −0.9 ms of ~8 ms per statement.
 */
function sharedNameScan(
  plan: CandidatePlan,
  nameClauses: Clause[],
  windows: string[],
  nameWindows: string[],
  guard: Frag,
): { cte: Frag; hits: Frag; names: Frag } | null {
  const window = windows[0];
  if (window === undefined || nameWindows[0] !== window) return null;
  const m = matchCondition(plan.clauses, window);
  const n = matchCondition(nameClauses, window);
  const on = (col: string) => `${col} @@ to_tsquery('simple', ?)`;
  if (m.sql !== `(${on('tsv_name')} OR ${on('tsv_kw')})` || n.sql !== on('tsv_name') || n.bindings[0] !== m.bindings[0]) return null;
  return {
    cte: { sql: `window_names AS MATERIALIZED (SELECT listing_id AS id FROM search_documents WHERE ${n.sql})`, bindings: n.bindings },
    hits: {
      sql: `SELECT id FROM (SELECT id FROM window_names UNION ALL SELECT listing_id FROM search_documents WHERE ${on('tsv_kw')} AND listing_id NOT IN (SELECT id FROM window_names)) u ORDER BY id DESC LIMIT ?`,
      bindings: [m.bindings[1], plan.countLimit],
    },
    names: { sql: `SELECT id FROM window_names WHERE ${guard.sql} ORDER BY id DESC LIMIT ?`, bindings: [...guard.bindings, plan.cap] },
  };
}

/**
 * The plan as CTEs ending in `picked(id, score)` (at most plan.cap rows) and `total(n)`; the same steps as the
 * SQLite dialect. Branches not taken are switched off by conditions on the materialised count (one-time filters).
 *  - hits: the newest countLimit matches, which also gives the count;
 *  - ranked: ts_rank over every match when there are at most rankLimit;
 *  - otherwise the newest matches in names (score 1), then the newest matches (score 0), names first, cap in all.
 * Each tsquery is written where it is used (not in a CTE) so the planner sees a constant and can estimate it.
 */
function planSql(plan: CandidatePlan, shares: TokenShares): { sql: string; bindings: Knex.RawBinding[] } {
  const windows = recencyWindows(plan.newestId, expectedShare(plan.clauses, shares), plan.countLimit);
  const guard: Frag = { sql: '(SELECT n FROM total) > ?', bindings: [plan.rankLimit] };
  // The newest name matches are a step of their own unless the plan ranks by newest anyway.
  const nameClauses = plan.newest ? undefined : plan.names;
  const nameWindows = nameClauses ? recencyWindows(plan.newestId, expectedShare(nameClauses, shares), plan.cap) : [];
  const shared = nameClauses ? sharedNameScan(plan, nameClauses, windows, nameWindows, guard) : null;
  const hits = newestCtes('hits', plan.clauses, plan.countLimit, windows, undefined, shared?.hits);
  const names = nameClauses ? newestCtes('name_hits', nameClauses, plan.cap, nameWindows, guard, shared?.names) : null;
  const match = matchCondition(plan.clauses);
  const sql = `WITH ${shared ? `${shared.cte.sql},\n    ` : ''}${hits.sql},
    total AS MATERIALIZED (SELECT count(*)::int AS n FROM hits),
    ${names ? `${names.sql},` : ''}
    many AS MATERIALIZED (SELECT id, max(score) AS score, min(src) AS src FROM (
      (SELECT listing_id AS id, ts_rank('{0.05, 0.2, 0.4, 1.0}', tsv, to_tsquery('simple', ?))::float8 AS score, 0 AS src FROM search_documents
        WHERE ${match.sql} AND NOT ?::boolean AND (SELECT n FROM total) <= ? ORDER BY score DESC, listing_id DESC LIMIT ?)
      ${names ? 'UNION ALL (SELECT id, 1::float8, 1 FROM name_hits)' : ''}
      UNION ALL (SELECT id, 0::float8, 2 FROM hits WHERE (?::boolean OR (SELECT n FROM total) > ?) ORDER BY id DESC LIMIT ?)
    ) AS u GROUP BY id ORDER BY src, score DESC, id DESC LIMIT ?),
    picked AS (SELECT id, score FROM many)`;
  const bindings: Knex.RawBinding[] = [
    ...(shared?.cte.bindings ?? []), ...hits.bindings, ...(names?.bindings ?? []),
    tsqueryText(plan.clauses), ...match.bindings, plan.newest, plan.rankLimit, plan.cap,
    plan.newest, plan.rankLimit, plan.cap, plan.cap,
  ];
  return { sql, bindings };
}

type Row = Record<string, unknown>;

/**
 * Candidates with their ranking facts from search_documents, and the capped count, in one statement; the candidates
 * as one JSON array of FACT_COLUMNS rows, with `page` that page's detail rows, and the closed candidates, as on SQLite.
 */
export async function candidatesWithMeta(
  db: Knex,
  plan: CandidatePlan,
  needles: Needles,
  page?: PagePrefetch,
): Promise<{ total: number; rows: unknown[][]; page: Row[] | null; closed: number[] }> {
  const { sql, bindings } = planSql(plan, await tokenShares(db));
  const facts = factsCte(needles, POSTGRES_FACTS);
  const pageSql = page
    ? `, (SELECT coalesce(json_agg(json_build_object('id', l.id, 'slug', l.slug, 'name', l.name, 'kind', l.kind, 'tagline', l.tagline,
      'description', l.description, 'primary_category_id', l.primary_category_id, 'phones', ${PHONES_JSON}, 'branches', ${BRANCHES_JSON}, 'offer', ${OFFER_JSON})), '[]')
      FROM (SELECT f.id FROM facts f WHERE f.expired = 0
        ORDER BY ${page.sort === 'newest' ? 'f.published_at DESC NULLS LAST' : RELEVANCE_ORDER}, f.id DESC LIMIT ? OFFSET ?) pg
      JOIN listings l ON l.id = pg.id) AS page`
    : '';
  const pageBindings = page ? [...(page.sort === 'newest' ? [] : [page.compact, page.compact]), page.limit, page.offset] : [];
  // Prepared per pooled connection (src/db/prepared.ts): the plan of these CTEs took ~2 ms, a fifth of a search.
  const [row] = (await queryPrepared(
    db,
    `${sql}${facts.sql}
    SELECT (SELECT n FROM total) AS total, (SELECT coalesce(json_agg(json_build_array(${FACT_COLUMNS})), '[]') FROM facts f) AS rows${pageSql},
      (SELECT coalesce(json_agg(l.id), '[]') FROM listings l WHERE l.out_of_business_at IS NOT NULL) AS closed`,
    [...bindings, ...(facts.bindings as Knex.RawBinding[]), ...pageBindings],
  )) as Array<{ total: number; rows: unknown; page?: unknown; closed: unknown }>;
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    total: Number(row.total),
    rows: parse(row.rows) as unknown[][],
    page: page ? (parse(row.page ?? []) as Row[]) : null,
    closed: parse(row.closed) as number[],
  };
}

/** Suggestions in the same order as on SQLite (see there): typed prefix first, then shorter names, then the newest. */
export async function candidatesWithNames(db: Knex, plan: CandidatePlan, typed: string, limit: number): Promise<Row[]> {
  const { sql, bindings } = planSql(plan, await tokenShares(db));
  return queryPrepared(
    db,
    `${sql}
    SELECT s.id AS listing_id, l.name, l.slug FROM (
      SELECT p.id, CASE WHEN strpos(d.name_norm, ?) = 1 THEN 0 ELSE 1 END AS later, length(d.name_norm) AS len FROM picked p JOIN search_documents d ON d.listing_id = p.id
      ORDER BY later, len, p.id DESC LIMIT ?) s JOIN listings l ON l.id = s.id ORDER BY s.later, s.len, s.id DESC`,
    [...bindings, typed, limit],
  );
}

const PHONES_JSON = `(SELECT coalesce(json_agg(json_build_array(ph.id, ph.branch_id, ph.display, ph.e164, ph.type, ph.national_digits) ORDER BY ph.sort_order, ph.id), '[]')
  FROM phones ph WHERE ph.listing_id = l.id)`;
const BRANCHES_JSON = `(SELECT coalesce(json_agg(json_build_array(b.id, b.name, b.sigungu) ORDER BY b.sort_order, b.id), '[]') FROM branches b WHERE b.listing_id = l.id)`;
/** The first offer with a price, as [name, price_krw] (null when none has one). */
const OFFER_JSON = `(SELECT json_build_array(o.name, o.price_krw) FROM offers o WHERE o.listing_id = l.id AND o.price_krw IS NOT NULL
  ORDER BY o.sort_order, o.id LIMIT 1)`;

/**
 * Listings with their phones, branches and first priced offer as JSON arrays (see PHONES_JSON, BRANCHES_JSON, OFFER_JSON), in one
 * statement.
 */
export async function detailRows(db: Knex, ids: number[]): Promise<Row[]> {
  return (
    (await db.raw(
      `SELECT l.id, l.slug, l.name, l.kind, l.tagline, l.description, l.primary_category_id, ${PHONES_JSON} AS phones, ${BRANCHES_JSON} AS branches,
      ${OFFER_JSON} AS offer
    FROM listings l WHERE l.id = ANY(?::bigint[])`,
      [ids],
    )) as { rows: Row[] }
  ).rows;
}

/** For each set of clauses, whether any document matches it (one statement; each test stops at its first match). */
export async function anyMatches(db: Knex, sets: Clause[][]): Promise<boolean[]> {
  if (sets.length === 0) return [];
  const conditions = sets.map((s) => matchCondition(s));
  const result = (await db.raw(
    `SELECT ${conditions.map((c, i) => `EXISTS (SELECT 1 FROM search_documents WHERE ${c.sql}) AS m${i}`).join(', ')}`,
    conditions.flatMap((c) => c.bindings),
  )) as { rows: Array<Record<string, unknown>> };
  return sets.map((_, i) => result.rows[0][`m${i}`] === true);
}

/** For each set of clauses, how many documents match it, counted up to `cap` (one statement; typo probes). */
export async function matchCounts(db: Knex, sets: Clause[][], cap: number): Promise<number[]> {
  if (sets.length === 0) return [];
  const conditions = sets.map((s) => matchCondition(s));
  const result = (await db.raw(
    `SELECT ${conditions.map((c, i) => `(SELECT count(*) FROM (SELECT 1 FROM search_documents WHERE ${c.sql} LIMIT ${Math.trunc(cap)}) x)::int AS m${i}`).join(', ')}`,
    conditions.flatMap((c) => c.bindings),
  )) as { rows: Array<Record<string, unknown>> };
  return sets.map((_, i) => Number(result.rows[0][`m${i}`]));
}

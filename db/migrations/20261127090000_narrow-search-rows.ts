/**
 * PostgreSQL: search rows that a frequent term can walk cheaply.
 *  - tsv_kw: an unweighted tsvector of the keywords alone, GIN-indexed. A one-syllable query searches names and
 *    keywords; as `tsv @@ '꽃':AB` GIN had to fetch and re-check the weights of every match (thousands of rows).
 *    Now it is `tsv_name @@ '꽃' OR tsv_kw @@ '꽃'`, which the two indexes answer exactly.
 *  - tsv_name and tsv_kw also carry the facet tokens (district, category, kind: self-marked, so no name or keyword
 *    match changes), so "서구 드론" in names is one GIN intersection, not a bitmap of every listing in 서구.
 *  - A recency token in every vector (tsv, tsv_name, tsv_kw): `zzr<listing_id / 4096>`. "The newest 1,000 matches"
 *    of a frequent term is first asked of the newest listings only (term & (zzr24 | zzr25 …)), which GIN intersects
 *    before the table is touched; only when that window holds too few matches is the whole index asked. Text never
 *    yields letters and digits in one token, so the token matches nothing else.
 *  - toast_tuple_target = 128: the long columns (token texts, haystack, vectors) go out of line, so the heap row a
 *    bitmap scan visits for each match holds little more than the ids and dates (~260 bytes instead of ~1.5 kB).
 *  - parallel_workers = 0: a search's steps that a count switches off (one-time filters) would still start parallel
 *    workers at a million rows, ~24 ms each for nothing; a search is short and many run at once.
 * Re-creating the vectors rewrites the table, so rows already there get all of this too.
 * SQLite: nothing (FTS5 walks its posting lists newest first; search_names_fts covers names).
 */
import type { Knex } from 'knex';

const RECENCY = `to_tsvector('simple'::regconfig, 'zzr' || (listing_id / 4096)::text)`;

async function vectors(knex: Knex, withRecency: boolean): Promise<void> {
  const recency = (weight: string | null) => (withRecency ? ` || ${weight ? `setweight(${RECENCY}, '${weight}')` : RECENCY}` : '');
  await knex.raw(`ALTER TABLE search_documents
    DROP COLUMN IF EXISTS tsv, DROP COLUMN IF EXISTS tsv_name, DROP COLUMN IF EXISTS tsv_kw,
    ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, name_t), 'A') ||
      setweight(to_tsvector('simple'::regconfig, keywords_t || ' ' || phones_t), 'B') ||
      setweight(to_tsvector('simple'::regconfig, body_t), 'C') ||
      setweight(to_tsvector('simple'::regconfig, choseong_t || ' ' || facets_t), 'D')${recency('D')}) STORED,
    ADD COLUMN tsv_name tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_t${withRecency ? " || ' ' || facets_t" : ''})${recency(null)}) STORED
    ${withRecency ? `, ADD COLUMN tsv_kw tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, keywords_t || ' ' || facets_t)${recency(null)}) STORED` : ''}`);
  await knex.raw('CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv)');
  await knex.raw('CREATE INDEX search_documents_tsv_name ON search_documents USING GIN (tsv_name)');
  if (withRecency) await knex.raw('CREATE INDEX search_documents_tsv_kw ON search_documents USING GIN (tsv_kw)');
  await knex.raw('ANALYZE search_documents');
}

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('ALTER TABLE search_documents SET (toast_tuple_target = 128, parallel_workers = 0)');
  await vectors(knex, true);
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('ALTER TABLE search_documents RESET (toast_tuple_target, parallel_workers)');
  await vectors(knex, false);
}

/**
 * PostgreSQL: search rows that a frequent term can walk cheaply.
 *  - tsv_kw: an unweighted tsvector of the keywords alone, GIN-indexed. A one-syllable query searches names and
 *    keywords; as `tsv @@ '꽃':AB` GIN had to fetch and re-check the weights of every match (thousands of rows).
 *    Now it is `tsv_name @@ '꽃' OR tsv_kw @@ '꽃'`, which the two indexes answer exactly.
 *  - toast_tuple_target = 128: the long columns (token texts, haystack, tsvectors) go out of line, so the heap row
 *    that a bitmap scan visits for each match holds little more than the ids and dates. "The newest 1,000 of
 *    20,000 matches" then reads a few hundred pages instead of most of the table. Adding the stored column
 *    rewrites the table, so rows already there get the new layout too.
 * SQLite: nothing (FTS5 reads its own posting lists; search_names_fts covers names).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('ALTER TABLE search_documents SET (toast_tuple_target = 128)');
  await knex.raw(`ALTER TABLE search_documents ADD COLUMN tsv_kw tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, keywords_t)) STORED`);
  await knex.raw('CREATE INDEX search_documents_tsv_kw ON search_documents USING GIN (tsv_kw)');
  // Statistics for the new column, so the planner estimates its matches from the start.
  await knex.raw('ANALYZE search_documents');
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('DROP INDEX IF EXISTS search_documents_tsv_kw');
  await knex.raw('ALTER TABLE search_documents DROP COLUMN IF EXISTS tsv_kw');
  await knex.raw('ALTER TABLE search_documents RESET (toast_tuple_target)');
}

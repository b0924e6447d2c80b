/**
 * SQLite: a second FTS5 index over names and facets only (search_names_fts), kept by triggers like search_fts.
 * "Newest matches in names" over the full index walks every entry of each term, name or not (at a million listings,
 * 포장 이사 with no name holding both: ~14 ms); this index holds name tokens alone, so that step costs what the names
 * hold. The same token semantics as search_fts (unicode61 over the token text). PostgreSQL: nothing (it filters on
 * the weight-A part of its one tsvector).
 */
import type { Knex } from 'knex';

const COLUMNS = 'name_t, facets_t';

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') return;
  await knex.raw(`CREATE VIRTUAL TABLE search_names_fts USING fts5(${COLUMNS},
    content='search_documents', content_rowid='listing_id', tokenize='unicode61 remove_diacritics 0')`);
  await knex.raw(`CREATE TRIGGER search_names_ai AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_names_fts(rowid, ${COLUMNS}) VALUES (new.listing_id, new.name_t, new.facets_t); END`);
  await knex.raw(`CREATE TRIGGER search_names_ad AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_names_fts(search_names_fts, rowid, ${COLUMNS}) VALUES ('delete', old.listing_id, old.name_t, old.facets_t); END`);
  await knex.raw(`CREATE TRIGGER search_names_au AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_names_fts(search_names_fts, rowid, ${COLUMNS}) VALUES ('delete', old.listing_id, old.name_t, old.facets_t);
    INSERT INTO search_names_fts(rowid, ${COLUMNS}) VALUES (new.listing_id, new.name_t, new.facets_t); END`);
  // Documents already written (an existing install) are indexed from the content table.
  await knex.raw(`INSERT INTO search_names_fts(search_names_fts) VALUES ('rebuild')`);
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') return;
  for (const trg of ['search_names_ai', 'search_names_ad', 'search_names_au']) await knex.raw(`DROP TRIGGER IF EXISTS ${trg}`);
  await knex.raw('DROP TABLE IF EXISTS search_names_fts');
}

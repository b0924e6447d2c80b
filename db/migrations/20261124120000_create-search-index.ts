/**
 * The search index: one token document per publicly visible listing (search_documents), indexed by
 * FTS5 (unicode61) on SQLite and by a GIN-indexed weighted tsvector ('simple') on PostgreSQL — the same
 * token semantics on both engines. Rows exist only for listings the public may see.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('search_documents', (t) => {
    t.integer('listing_id').primary().references('id').inTable('listings').onDelete('CASCADE');
    t.text('name_t').notNullable();
    t.text('keywords_t').notNullable();
    t.text('body_t').notNullable();
    t.text('choseong_t').notNullable();
    t.text('phones_t').notNullable();
    t.text('facets_t').notNullable();
    t.text('haystack').notNullable();
    t.string('name_norm', 400).notNullable();
    t.string('districts', 200).notNullable().defaultTo('');
    t.integer('category_id');
    t.timestamp('published_at', { useTz: true });
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('featured_until', { useTz: true });
    t.index(['name_norm']);
    t.index(['published_at']);
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple'::regconfig, name_t), 'A') ||
      setweight(to_tsvector('simple'::regconfig, keywords_t || ' ' || phones_t), 'B') ||
      setweight(to_tsvector('simple'::regconfig, body_t), 'C') ||
      setweight(to_tsvector('simple'::regconfig, choseong_t || ' ' || facets_t), 'D')) STORED`);
    await knex.raw('CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv)');
  } else {
    await knex.raw(`CREATE VIRTUAL TABLE search_fts USING fts5(
      name_t, keywords_t, body_t, choseong_t, phones_t, facets_t,
      content='search_documents', content_rowid='listing_id', tokenize='unicode61 remove_diacritics 0')`);
    await knex.raw(`CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
      INSERT INTO search_fts(rowid, name_t, keywords_t, body_t, choseong_t, phones_t, facets_t)
      VALUES (new.listing_id, new.name_t, new.keywords_t, new.body_t, new.choseong_t, new.phones_t, new.facets_t); END`);
    await knex.raw(`CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
      INSERT INTO search_fts(search_fts, rowid, name_t, keywords_t, body_t, choseong_t, phones_t, facets_t)
      VALUES ('delete', old.listing_id, old.name_t, old.keywords_t, old.body_t, old.choseong_t, old.phones_t, old.facets_t); END`);
    await knex.raw(`CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
      INSERT INTO search_fts(search_fts, rowid, name_t, keywords_t, body_t, choseong_t, phones_t, facets_t)
      VALUES ('delete', old.listing_id, old.name_t, old.keywords_t, old.body_t, old.choseong_t, old.phones_t, old.facets_t);
      INSERT INTO search_fts(rowid, name_t, keywords_t, body_t, choseong_t, phones_t, facets_t)
      VALUES (new.listing_id, new.name_t, new.keywords_t, new.body_t, new.choseong_t, new.phones_t, new.facets_t); END`);
    await knex.raw(`INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0, 5.0, 0.0)')`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') {
    for (const trg of ['search_documents_ai', 'search_documents_ad', 'search_documents_au'])
      await knex.raw(`DROP TRIGGER IF EXISTS ${trg}`);
    await knex.raw('DROP TABLE IF EXISTS search_fts');
  }
  await knex.schema.dropTable('search_documents');
}

/**
 * Where each query word matched, in finer sections (issue 26): the search document's `haystack` is now
 * names | own words (brands, tags, tagline) | offers | branch places | description | own categories | parent categories,
 * and these columns say where the last four start (1-based character positions; trade_at and kw_at now start the own
 * words and the offers). A word first found in the places is one of the listing's own branches' road, 동 or 구; one
 * found in the description is also looked up in the categories (the shop names the thing itself and is filed under it).
 * Documents written before this migration keep 0 here, which ranks every word as "description" until
 * `npm run search:reindex`.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('search_documents', (t) => {
    t.integer('place_at').notNullable().defaultTo(0);
    t.integer('category_at').notNullable().defaultTo(0);
    t.integer('more_at').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  // Plain DROP COLUMN (SQLite 3.35+), as in 20261203090000.
  for (const column of ['more_at', 'category_at', 'place_at']) await knex.raw(`ALTER TABLE search_documents DROP COLUMN ${column}`);
}

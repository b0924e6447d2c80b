/**
 * PostgreSQL: an unweighted tsvector of the names alone (tsv_name) with its own GIN index. "Newest matches in names"
 * used to be `tsv @@ 'term':A`, which GIN can only answer by fetching and re-checking the weights of every match in
 * any field; over names alone the index answers exactly. SQLite: nothing (search_names_fts does this there).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(
    `ALTER TABLE search_documents ADD COLUMN tsv_name tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_t)) STORED`,
  );
  await knex.raw('CREATE INDEX search_documents_tsv_name ON search_documents USING GIN (tsv_name)');
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw('DROP INDEX IF EXISTS search_documents_tsv_name');
  await knex.raw('ALTER TABLE search_documents DROP COLUMN IF EXISTS tsv_name');
}

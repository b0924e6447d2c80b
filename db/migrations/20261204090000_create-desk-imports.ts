import type { Knex } from 'knex';

/**
 * The newspaper's ad desk: staged imports (pasted ad pages and CSV files waiting in preview), the import batches
 * with the listings each created or merged (for undo and batch cards). Imported listings carry listings.origin =
 * 'print_ad' (the column comes with 20261203090000_search-ranking-facts, which ranks by it).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('desk_drafts', (t) => {
    t.increments('id').primary();
    t.integer('actor_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('source', 10).notNullable(); // paste | csv
    t.string('source_hash', 64).notNullable(); // sha256 of the pasted text or the uploaded bytes
    t.text('rows_json').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['actor_id']);
  });
  await knex.schema.createTable('import_batches', (t) => {
    t.increments('id').primary();
    t.integer('actor_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('source', 10).notNullable();
    t.string('source_hash', 64).notNullable();
    t.integer('created_count').notNullable().defaultTo(0);
    t.integer('merged_count').notNullable().defaultTo(0);
    t.integer('skipped_count').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('undone_at', { useTz: true });
    t.integer('undone_by').references('id').inTable('users').onDelete('SET NULL');
    t.index(['created_at']);
  });
  await knex.schema.createTable('import_batch_listings', (t) => {
    t.integer('batch_id').notNullable().references('id').inTable('import_batches').onDelete('CASCADE');
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('action', 10).notNullable(); // created | merged
    t.integer('sort_order').notNullable().defaultTo(0);
    t.timestamp('imported_at', { useTz: true }).notNullable();
    t.primary(['batch_id', 'listing_id']);
    t.index(['listing_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('import_batch_listings');
  await knex.schema.dropTable('import_batches');
  await knex.schema.dropTable('desk_drafts');
}

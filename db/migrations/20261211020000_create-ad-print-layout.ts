import type { Knex } from 'knex';

/**
 * The desk's decisions about an edition's classified pages (docs/print-pages.md): where a display ad is placed
 * (page, column, top in mm), the manual order of an ad within its group, and locked pages with the ads they keep.
 * The pages themselves are computed from these and the run list, never stored.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ad_print_items', (t) => {
    t.increments('id').primary();
    t.string('edition_date', 10).notNullable();
    t.integer('order_id').notNullable().references('id').inTable('ad_orders').onDelete('CASCADE');
    t.integer('page');
    t.integer('column_no');
    t.integer('top_mm');
    t.integer('position');
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['edition_date', 'order_id']);
  });
  await knex.schema.createTable('ad_print_locks', (t) => {
    t.increments('id').primary();
    t.string('edition_date', 10).notNullable();
    t.integer('page').notNullable();
    t.text('order_ids_json').notNullable();
    t.integer('locked_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['edition_date', 'page']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ad_print_locks');
  await knex.schema.dropTable('ad_print_items');
}

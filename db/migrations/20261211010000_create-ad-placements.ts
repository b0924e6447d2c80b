import type { Knex } from 'knex';

/**
 * Featured placements bought with an ad order: the listing shown in a "광고" slot above one category's, district's
 * or search term's results from `starts_at` to `ends_at` (set when the order is paid or scheduled), and their daily
 * impressions, visits and calls (counts only: no visitor is kept here).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ad_placements', (t) => {
    t.increments('id').primary();
    t.integer('order_id').notNullable().unique().references('id').inTable('ad_orders').onDelete('CASCADE');
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('placement', 10).notNullable();
    t.string('target', 80).notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['placement', 'target', 'ends_at']);
  });
  await knex.schema.createTable('ad_placement_daily', (t) => {
    t.integer('placement_id').notNullable().references('id').inTable('ad_placements').onDelete('CASCADE');
    t.string('day', 10).notNullable();
    t.integer('impressions').notNullable().defaultTo(0);
    t.integer('visits').notNullable().defaultTo(0);
    t.integer('calls').notNullable().defaultTo(0);
    t.primary(['placement_id', 'day']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ad_placement_daily');
  await knex.schema.dropTable('ad_placements');
}

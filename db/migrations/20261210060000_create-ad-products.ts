import type { Knex } from 'knex';

/**
 * The rate card: products the paper sells (print line and display ads, web listing periods, featured placements,
 * bundles), each with Korean and English names, the days it is on sale and its price rule as JSON
 * (src/components/ads/pricing.ts). Orders copy the rule they were priced with, so rows here may change freely.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ad_products', (t) => {
    t.increments('id').primary();
    t.string('code', 40).notNullable().unique();
    t.string('name_ko', 100).notNullable();
    t.string('name_en', 100).notNullable();
    t.string('kind', 20).notNullable();
    t.text('rule_json').notNullable();
    t.text('discounts_json').notNullable();
    t.string('active_from', 10).notNullable();
    t.string('active_to', 10);
    t.integer('sort').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ad_products');
}

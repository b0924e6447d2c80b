import type { Knex } from 'knex';

/**
 * Short codes printed with an ad (one per print order × edition) or on a shop-window card (one per listing), each
 * leading to a listing's page through /p/CODE; and the visits and calls counted per code and Seoul day. No visitor
 * is stored: the daily counters take only sums (the repeat rule's keys are the salted hashes of counter_events).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('short_codes', (t) => {
    t.increments('id').primary();
    t.string('code', 12).notNullable().unique();
    t.string('kind', 10).notNullable();
    t.integer('order_id').references('id').inTable('ad_orders').onDelete('CASCADE');
    t.string('edition_date', 10);
    // A card's code: the listing whose card it is (one each). A print code leaves it empty.
    t.integer('card_listing_id').unique().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('listing_id').references('id').inTable('listings').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['order_id', 'edition_date']);
    t.index(['listing_id']);
    t.index(['edition_date']);
  });
  await knex.schema.createTable('code_daily_stats', (t) => {
    t.integer('code_id').notNullable().references('id').inTable('short_codes').onDelete('CASCADE');
    t.string('day', 10).notNullable();
    t.integer('visits').notNullable().defaultTo(0);
    t.integer('calls').notNullable().defaultTo(0);
    t.primary(['code_id', 'day']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('code_daily_stats');
  await knex.schema.dropTable('short_codes');
}

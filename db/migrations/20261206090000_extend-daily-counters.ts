import type { Knex } from 'knex';

/**
 * Advertiser insights: more daily counters per listing, calls per phone number (kept by number, so an edit that
 * rewrites the phone rows keeps their history), the searches that showed a listing, and the time of the last
 * counted event per visitor key (the 10-minute repeat rule).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listing_daily_stats', (t) => {
    t.integer('map_taps').notNullable().defaultTo(0);
    t.integer('vcard_downloads').notNullable().defaultTo(0);
    t.integer('shares').notNullable().defaultTo(0);
    t.integer('qr_scans').notNullable().defaultTo(0);
  });
  // Epoch milliseconds of the last counted event for this key; a repeat within 10 minutes is not counted.
  await knex.schema.alterTable('counter_events', (t) => {
    t.bigInteger('last_at');
  });
  await knex.schema.createTable('listing_phone_daily_calls', (t) => {
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('day', 10).notNullable(); // YYYY-MM-DD, Asia/Seoul
    t.string('e164', 20).notNullable();
    t.integer('calls').notNullable().defaultTo(0);
    t.primary(['listing_id', 'day', 'e164']);
  });
  // Normalised query text per listing and day; never who searched.
  await knex.schema.createTable('search_query_daily', (t) => {
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('day', 10).notNullable();
    t.string('query', 60).notNullable();
    t.integer('impressions').notNullable().defaultTo(0);
    t.integer('clicks').notNullable().defaultTo(0);
    t.primary(['listing_id', 'day', 'query']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('search_query_daily');
  await knex.schema.dropTable('listing_phone_daily_calls');
  await knex.schema.alterTable('counter_events', (t) => {
    t.dropColumn('last_at');
  });
  await knex.schema.alterTable('listing_daily_stats', (t) => {
    for (const c of ['map_taps', 'vcard_downloads', 'shares', 'qr_scans']) t.dropColumn(c);
  });
}

import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_daily_stats', (t) => {
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('day', 10).notNullable(); // YYYY-MM-DD, Asia/Seoul
    t.integer('views').notNullable().defaultTo(0);
    t.integer('calls').notNullable().defaultTo(0);
    t.primary(['listing_id', 'day']);
  });
  await knex.schema.createTable('phone_daily_calls', (t) => {
    t.integer('phone_id').notNullable().references('id').inTable('phones').onDelete('CASCADE');
    t.string('day', 10).notNullable();
    t.integer('calls').notNullable().defaultTo(0);
    t.primary(['phone_id', 'day']);
  });
  // One row per (event, listing or phone, visitor, day): the dedup key for counting.
  await knex.schema.createTable('counter_events', (t) => {
    t.string('kind', 10).notNullable(); // view, call
    t.integer('subject_id').notNullable();
    t.string('day', 10).notNullable();
    t.string('visitor_hash', 64).notNullable();
    t.primary(['kind', 'subject_id', 'day', 'visitor_hash']);
    t.index(['day']);
  });
  await knex.schema.createTable('daily_salts', (t) => {
    t.string('day', 10).primary();
    t.string('salt', 64).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['daily_salts', 'counter_events', 'phone_daily_calls', 'listing_daily_stats']) {
    await knex.schema.dropTable(table);
  }
}

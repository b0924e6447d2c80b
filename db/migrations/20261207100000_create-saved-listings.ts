import type { Knex } from 'knex';

/**
 * Saved shops (저장) of signed-in residents: one row per account and listing, with the resident's own note and the
 * listing's name as it was when saved (so a listing removed later still shows what it was, to its saver only).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('saved_listings', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('listing_name', 200).notNullable();
    t.string('note', 500);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.unique(['user_id', 'listing_id']);
    t.index(['listing_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('saved_listings');
}

import type { Knex } from 'knex';

/**
 * Checks of a listing's facts by the desk or a moderator: how (called, visited, owner answered), what they found
 * (still open, closed, moved, number changed, hours changed) and when. The latest one is printed on the listing page.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_checks', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('method', 10).notNullable(); // called | visited | owner
    t.string('outcome', 20).notNullable(); // open | closed | moved | number | hours
    t.string('note', 500);
    t.integer('checked_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('checked_at', { useTz: true }).notNullable();
    t.index(['listing_id', 'checked_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('listing_checks');
}

/**
 * Demo and benchmark listings are made up: the flag says so in the data (exports, clean-ups, anyone reading the
 * database), never on a page. Real listings, including the two print ads, keep the default.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listings', (t) => {
    t.boolean('is_synthetic').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  // A plain DROP COLUMN on both engines: Knex's SQLite fallback copies the table, which the listings triggers forbid.
  await knex.raw('ALTER TABLE listings DROP COLUMN is_synthetic');
}

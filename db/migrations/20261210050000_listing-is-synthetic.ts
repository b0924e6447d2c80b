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
  await knex.schema.alterTable('listings', (t) => {
    t.dropColumn('is_synthetic');
  });
}

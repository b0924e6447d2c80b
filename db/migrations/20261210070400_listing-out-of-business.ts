import type { Knex } from 'knex';

/**
 * 폐업: when a check confirmed that the business closed for good. The listing stays published (its page says so, with
 * no call button) but leaves the browse shelves and ranks below open shops; nothing is deleted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listings', (t) => {
    t.timestamp('out_of_business_at', { useTz: true });
    // Search reads the (few) closed shops' ids on every query to rank them last.
    t.index(['out_of_business_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listings', (t) => {
    t.dropIndex(['out_of_business_at']);
  });
  // Plain DROP COLUMN on both engines: Knex would rebuild the SQLite table, which the listings triggers forbid.
  await knex.raw('ALTER TABLE listings DROP COLUMN out_of_business_at');
}

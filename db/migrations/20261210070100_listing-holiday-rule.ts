import type { Knex } from 'knex';

/**
 * A listing's standing rule for public holidays, said once and followed every year from the gazette's list:
 * null (open as usual), 'public_holidays' (공휴일 휴무) or 'lunar_days' (명절 당일만 휴무: 설날 and 추석 themselves).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listings', (t) => {
    t.string('holiday_rule', 20);
  });
}

export async function down(knex: Knex): Promise<void> {
  // Plain DROP COLUMN on both engines: Knex would rebuild the SQLite table, which the listings triggers forbid.
  await knex.raw('ALTER TABLE listings DROP COLUMN holiday_rule');
}

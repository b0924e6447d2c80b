import type { Knex } from 'knex';

/**
 * Days a listing keeps other hours than its weekly ones: a temporary closure (휴가, 내부 수리, 명절, 기타) or holiday
 * hours (10:00–15:00 on 설날), each over a range of Asia/Seoul calendar days (YYYY-MM-DD, both ends included).
 * They hold for every branch of the listing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_special_days', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('starts_on', 10).notNullable();
    t.string('ends_on', 10).notNullable();
    t.string('kind', 10).notNullable(); // closed | hours
    t.string('reason', 20); // vacation | renovation | holiday | other (closures)
    t.string('note', 200);
    t.string('opens_at', 5); // 'HH:MM' (hours); closes_at may be past midnight as in branch_hours
    t.string('closes_at', 5);
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['listing_id', 'ends_on']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('listing_special_days');
}

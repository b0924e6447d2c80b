import type { Knex } from 'knex';

/**
 * Residents' one-tap reports that a listing's facts are wrong (폐업, 전화 불통, 이사, 영업시간, 기타). Never shown one by
 * one; open reports from distinct visitors (reporter_hash) add up until a check settles them (check_id).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fact_reports', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('reason', 20).notNullable(); // closed | no_answer | moved | hours | other
    t.string('note', 500);
    t.string('reporter_hash', 64).notNullable();
    t.integer('check_id'); // the check that settled it; null while open
    t.string('owner_answer', 1000);
    t.timestamp('owner_answered_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['listing_id', 'check_id']);
    t.index(['check_id', 'listing_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('fact_reports');
}

import type { Knex } from 'knex';

/** Days the desk closed beyond public holidays (a press holiday, a founding day): no edition appears. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ad_closed_days', (t) => {
    t.string('day', 10).primary();
    t.string('note', 200).notNullable().defaultTo('');
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ad_closed_days');
}

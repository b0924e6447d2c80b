import type { Knex } from 'knex';

/**
 * Money received for ad orders. A payment is a method (bank_transfer today; a card provider later fills provider and
 * provider_ref) and a whole-won amount; a bank transfer points at the statement line it came from. Statement lines
 * are kept once each (line_key: a hash of the line's fields and its position among identical lines), so uploading
 * the same statement again adds nothing; unmatched and ambiguous lines wait for the desk.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ad_statement_lines', (t) => {
    t.increments('id').primary();
    t.string('line_key', 64).notNullable().unique();
    t.string('booked_on', 10).notNullable();
    t.string('depositor', 100).notNullable();
    t.integer('amount').notNullable();
    t.string('memo', 200).notNullable().defaultTo('');
    t.string('status', 20).notNullable();
    t.integer('order_id').references('id').inTable('ad_orders').onDelete('SET NULL');
    t.integer('uploaded_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['status']);
  });
  await knex.schema.createTable('ad_payments', (t) => {
    t.increments('id').primary();
    t.integer('order_id').notNullable().references('id').inTable('ad_orders').onDelete('CASCADE');
    t.string('method', 20).notNullable();
    t.integer('amount').notNullable();
    t.string('provider', 40);
    t.string('provider_ref', 100);
    t.integer('statement_line_id').references('id').inTable('ad_statement_lines').onDelete('SET NULL');
    t.integer('recorded_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['order_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ad_payments');
  await knex.schema.dropTable('ad_statement_lines');
}

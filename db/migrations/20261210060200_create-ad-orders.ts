import type { Knex } from 'knex';

/**
 * Ad orders: who ordered (and which desk member entered it for a walk-in or phone customer), the product as it was
 * priced (product_json: names and rule), the copy and options, the server's price, the state, how it is paid; one
 * row per print edition it runs in (ad_order_runs: the layout's run list); and every proof sent, as versions.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ad_orders', (t) => {
    t.increments('id').primary();
    t.integer('advertiser_id').notNullable().references('id').inTable('users').onDelete('RESTRICT');
    t.integer('entered_by').references('id').inTable('users').onDelete('SET NULL');
    t.integer('product_id').references('id').inTable('ad_products').onDelete('SET NULL');
    t.text('product_json').notNullable();
    t.integer('listing_id').references('id').inTable('listings').onDelete('SET NULL');
    t.text('copy').notNullable();
    t.text('options_json').notNullable();
    t.string('customer_name', 100).notNullable();
    t.string('state', 20).notNullable();
    t.integer('supply').notNullable();
    t.integer('vat').notNullable();
    t.integer('total').notNullable();
    t.string('billing', 20).notNullable().defaultTo('bank_transfer');
    t.string('depositor', 40).notNullable();
    t.boolean('tax_invoice').notNullable().defaultTo(false);
    t.string('tax_business_no', 10);
    t.timestamp('first_deadline', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['advertiser_id', 'id']);
    t.index(['state']);
  });
  await knex.schema.createTable('ad_order_runs', (t) => {
    t.increments('id').primary();
    t.integer('order_id').notNullable().references('id').inTable('ad_orders').onDelete('CASCADE');
    t.string('edition_date', 10).notNullable();
    t.unique(['order_id', 'edition_date']);
    t.index(['edition_date']);
  });
  await knex.schema.createTable('ad_proofs', (t) => {
    t.increments('id').primary();
    t.integer('order_id').notNullable().references('id').inTable('ad_orders').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.text('copy').notNullable();
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.string('decision', 20);
    t.string('note', 1000);
    t.timestamp('decided_at', { useTz: true });
    t.unique(['order_id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ad_proofs');
  await knex.schema.dropTable('ad_order_runs');
  await knex.schema.dropTable('ad_orders');
}

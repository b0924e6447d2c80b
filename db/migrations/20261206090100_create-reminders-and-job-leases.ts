import type { Knex } from 'knex';

/**
 * Freshness reminders and the job runner's leases. A reminder row is claimed (unique per listing, kind and cycle)
 * before its mail goes out, so two runners never send the same reminder; its link works once (used_at).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_reminders', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('kind', 20).notNullable(); // confirm (business, 6 months) | renew (classified, 3 days before expiry)
    // What the reminder is about: the last_confirmed_at or expires_at it was sent for (epoch ms), so the next cycle gets a new one.
    t.bigInteger('cycle').notNullable();
    t.string('status', 10).notNullable(); // sending | sent | failed
    t.timestamp('claimed_at', { useTz: true }).notNullable();
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('used_at', { useTz: true });
    t.unique(['listing_id', 'kind', 'cycle']);
  });
  // One row per job: the instance that holds it until expires_at (epoch ms). Taken by a conditional update.
  await knex.schema.createTable('job_leases', (t) => {
    t.string('name', 40).primary();
    t.string('holder', 64).notNullable().defaultTo('');
    t.bigInteger('expires_at').notNullable().defaultTo(0);
  });
  await knex.schema.alterTable('listings', (t) => {
    t.index(['kind', 'status', 'last_confirmed_at']);
    t.index(['kind', 'status', 'expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listings', (t) => {
    t.dropIndex(['kind', 'status', 'last_confirmed_at']);
    t.dropIndex(['kind', 'status', 'expires_at']);
  });
  await knex.schema.dropTable('job_leases');
  await knex.schema.dropTable('listing_reminders');
}

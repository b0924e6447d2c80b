import type { Knex } from 'knex';

/** Proposed edits of published listings (the published version stays live until a moderator applies one). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_revisions', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('proposed_by').references('id').inTable('users').onDelete('SET NULL');
    // The whole proposed listing graph (ListingGraphInput plus media ids) as JSON.
    t.text('graph').notNullable();
    t.string('status', 20).notNullable().defaultTo('pending'); // pending, approved, rejected, superseded
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('decided_at', { useTz: true });
    t.integer('decided_by').references('id').inTable('users').onDelete('SET NULL');
    t.string('decision_note', 500);
    t.index(['listing_id', 'status']);
    t.index(['status', 'created_at']);
  });
  // What a soft-deleted listing was before, so a moderator can restore it within 30 days.
  await knex.schema.alterTable('listings', (t) => {
    t.string('status_before_removal', 20);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listings', (t) => {
    t.dropColumn('status_before_removal');
  });
  await knex.schema.dropTable('listing_revisions');
}

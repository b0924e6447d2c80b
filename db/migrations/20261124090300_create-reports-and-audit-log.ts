import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reports', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('reason', 20).notNullable(); // wrong_number, closed, moved, spam, offensive, other
    t.string('note', 1000);
    t.integer('reporter_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('reporter_hash', 64).notNullable(); // daily salted hash of the visitor, never a raw IP
    t.string('status', 20).notNullable().defaultTo('open'); // open, awaiting_owner, resolved, dismissed
    t.timestamp('owner_deadline', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('resolved_at', { useTz: true });
    t.integer('resolved_by').references('id').inTable('users').onDelete('SET NULL');
    t.index(['status', 'created_at']);
    t.index(['listing_id']);
  });
  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id').primary();
    t.integer('actor_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('action', 40).notNullable();
    t.string('subject_type', 20).notNullable();
    t.integer('subject_id').notNullable();
    t.string('reason', 1000);
    t.text('before_json');
    t.text('after_json');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['subject_type', 'subject_id']);
    t.index(['created_at']);
  });
  // The audit log is append-only at the database level: no UPDATE or DELETE, whoever asks.
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE OR REPLACE FUNCTION golmok_audit_log_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql`);
    await knex.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION golmok_audit_log_append_only()`);
  } else {
    await knex.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
    await knex.raw(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  if (knex.client.config.client === 'pg') await knex.raw('DROP FUNCTION IF EXISTS golmok_audit_log_append_only()');
  await knex.schema.dropTable('reports');
}

import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('categories', (t) => {
    t.increments('id').primary();
    t.integer('parent_id').references('id').inTable('categories').onDelete('RESTRICT');
    t.string('slug', 80).notNullable().unique();
    t.string('name_ko', 80).notNullable();
    t.string('name_en', 80).notNullable();
    // Space-separated search synonyms, Korean and English (drone 드론 dji).
    t.text('synonyms').notNullable().defaultTo('');
    t.string('schema_type', 60).notNullable().defaultTo('LocalBusiness');
    t.integer('sort_order').notNullable().defaultTo(0);
    t.boolean('is_active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['parent_id', 'sort_order']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('categories');
}

/** A review's photos are media rows (same upload checks, storage and serving) that name their review instead of a listing. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('media', (t) => {
    // No foreign key: on SQLite that would rebuild the media table (and drop its triggers). A deleted review's photos are detached by the
    // reviews component.
    t.integer('review_id');
    t.index(['review_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('media', (t) => {
    t.dropIndex(['review_id']);
    t.dropColumn('review_id');
  });
}

/**
 * "Near me": branches are found by a bounding box on their coordinates (columns since 20261124090200), then the exact
 * haversine distance is computed for the rows inside it. The index covers what that query reads (lat, lng, listing_id),
 * and only located branches are in it.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX branches_lat_lng ON branches (lat, lng, listing_id) WHERE lat IS NOT NULL AND lng IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS branches_lat_lng');
}

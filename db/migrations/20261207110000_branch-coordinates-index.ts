/**
 * "Near me": branches are found by a bounding box on their coordinates (columns since 20261124090200), then the exact
 * haversine distance is computed for the rows inside it. A plain (lat, lng) index would scan the whole latitude band
 * of the box, across the city; this one leads with the latitude in bands of 0.01° (about 1.1 km), so a box reads, per
 * band it touches, only its longitude range: cost follows the box's area. The same expression is written in the query
 * (near.repository.ts) on each engine; only located branches are in the index, which covers the query.
 */
import type { Knex } from 'knex';

const isPg = (knex: Knex) => ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

export async function up(knex: Knex): Promise<void> {
  const band = isPg(knex) ? 'floor(lat * 100)' : 'CAST(lat * 100 AS INTEGER)';
  await knex.raw(`CREATE INDEX branches_lat_lng ON branches ((${band}), lng, lat, listing_id) WHERE lat IS NOT NULL AND lng IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS branches_lat_lng');
}

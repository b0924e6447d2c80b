/**
 * "Near me" asks, for each branch inside a bounding box, whether its listing stands on a shelf (listing_facets):
 * an index on (listing_id, facet) answers that with one seek inside the index. It replaces the index on listing_id
 * alone (20261201090000), which it covers: the shelves' writers look rows up by listing_id as before.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listing_facets', (t) => {
    t.index(['listing_id', 'facet'], 'listing_facets_listing_facet');
  });
  await knex.schema.alterTable('listing_facets', (t) => {
    t.dropIndex(['listing_id'], 'listing_facets_listing_id_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listing_facets', (t) => {
    t.index(['listing_id'], 'listing_facets_listing_id_index');
  });
  await knex.schema.alterTable('listing_facets', (t) => {
    t.dropIndex(['listing_id', 'facet'], 'listing_facets_listing_facet');
  });
}

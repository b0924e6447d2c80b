/**
 * "Near me" on a category or district page starts its bounding box at the part of the map where that shelf's
 * listings are (near.repository.ts). shelf_extents holds, per shelf (listing_facets.facet), the box around every
 * located branch of its listings, kept up to date on write by triggers, so no writer can forget it and reading it is
 * one primary-key lookup:
 *  - a listing put on a shelf (listing_facets insert) widens that shelf's box by its located branches;
 *  - a branch given coordinates (insert, or update of lat/lng) widens the boxes of its listing's shelves.
 * A box only grows: a listing taken off a shelf leaves it as wide as it was, which costs a little speed, never a
 * result (the box must hold every located branch of the shelf, and still does).
 */
import type { Knex } from 'knex';

const isPg = (knex: Knex) => ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

/** The upsert tail that widens a row by `excluded`; `lo`/`hi` are the engine's two-argument min and max. */
const widen = (lo: string, hi: string) => `ON CONFLICT (facet) DO UPDATE SET
  min_lat = ${lo}(shelf_extents.min_lat, excluded.min_lat), max_lat = ${hi}(shelf_extents.max_lat, excluded.max_lat),
  min_lng = ${lo}(shelf_extents.min_lng, excluded.min_lng), max_lng = ${hi}(shelf_extents.max_lng, excluded.max_lng)
  WHERE excluded.min_lat < shelf_extents.min_lat OR excluded.max_lat > shelf_extents.max_lat
     OR excluded.min_lng < shelf_extents.min_lng OR excluded.max_lng > shelf_extents.max_lng`;

/** The rows to upsert: a new shelf row's listing's located branches (`row` is NEW), grouped so none come when none is located. */
const fromFacet = (row: string) => `SELECT ${row}.facet, MIN(b.lat), MAX(b.lat), MIN(b.lng), MAX(b.lng) FROM branches b
  WHERE b.listing_id = ${row}.listing_id AND b.lat IS NOT NULL AND b.lng IS NOT NULL GROUP BY b.listing_id`;
/** A located branch (`row` is NEW) on each shelf of its listing. */
const fromBranch = (row: string) => `SELECT f.facet, ${row}.lat, ${row}.lat, ${row}.lng, ${row}.lng FROM listing_facets f
  WHERE f.listing_id = ${row}.listing_id`;
const INTO = 'INSERT INTO shelf_extents (facet, min_lat, max_lat, min_lng, max_lng)';

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  await knex.schema.createTable('shelf_extents', (t) => {
    t.string('facet', 80).primary();
    t.double('min_lat').notNullable();
    t.double('max_lat').notNullable();
    t.double('min_lng').notNullable();
    t.double('max_lng').notNullable();
  });
  await knex.raw(`${INTO} SELECT f.facet, MIN(b.lat), MAX(b.lat), MIN(b.lng), MAX(b.lng)
    FROM listing_facets f JOIN branches b ON b.listing_id = f.listing_id
    WHERE b.lat IS NOT NULL AND b.lng IS NOT NULL GROUP BY f.facet`);
  if (pg) {
    const [lo, hi] = ['LEAST', 'GREATEST'];
    await knex.raw(`CREATE FUNCTION shelf_extent_from_facet() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${INTO} ${fromFacet('NEW')} ${widen(lo, hi)}; RETURN NULL; END $$`);
    await knex.raw(`CREATE FUNCTION shelf_extent_from_branch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.lat IS NOT NULL AND NEW.lng IS NOT NULL THEN ${INTO} ${fromBranch('NEW')} ${widen(lo, hi)}; END IF;
        RETURN NULL;
      END $$`);
    await knex.raw(
      'CREATE TRIGGER listing_facets_extent AFTER INSERT ON listing_facets FOR EACH ROW EXECUTE FUNCTION shelf_extent_from_facet()',
    );
    await knex.raw(
      'CREATE TRIGGER branches_extent AFTER INSERT OR UPDATE OF lat, lng ON branches FOR EACH ROW EXECUTE FUNCTION shelf_extent_from_branch()',
    );
  } else {
    const [lo, hi] = ['min', 'max'];
    await knex.raw(`CREATE TRIGGER listing_facets_extent AFTER INSERT ON listing_facets
      BEGIN ${INTO} ${fromFacet('NEW')} ${widen(lo, hi)}; END`);
    for (const [name, event] of [['branches_extent_ins', 'INSERT'], ['branches_extent_upd', 'UPDATE OF lat, lng']]) {
      await knex.raw(`CREATE TRIGGER ${name} AFTER ${event} ON branches WHEN NEW.lat IS NOT NULL AND NEW.lng IS NOT NULL
        BEGIN ${INTO} ${fromBranch('NEW')} ${widen(lo, hi)}; END`);
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw('DROP TRIGGER IF EXISTS listing_facets_extent ON listing_facets');
    await knex.raw('DROP TRIGGER IF EXISTS branches_extent ON branches');
    await knex.raw('DROP FUNCTION IF EXISTS shelf_extent_from_facet(), shelf_extent_from_branch()');
  } else {
    for (const t of ['listing_facets_extent', 'branches_extent_ins', 'branches_extent_upd']) await knex.raw(`DROP TRIGGER IF EXISTS ${t}`);
  }
  await knex.schema.dropTable('shelf_extents');
}

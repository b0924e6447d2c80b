/**
 * cache_versions('pages') moves only when a change touches a listing that is public before or after it (status
 * 'published'): a draft saved, a submission waiting for review or a rejected ad changes no page anyone else sees, so
 * it no longer throws away every kept page (web/page-cache.ts). Only published listings are shown to visitors
 * (listings.service isPubliclyVisible); child-row changes reach this trigger through the listings.version bump.
 * PostgreSQL keeps one statement-level trigger per event, with transition tables, so a bulk write bumps the stamp once.
 */
import type { Knex } from 'knex';

const isPg = (knex: Knex) => ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));
const BUMP = `UPDATE cache_versions SET version = version + 1 WHERE name = 'pages';`;
const OPS = ['insert', 'update', 'delete'] as const;

export async function up(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    await knex.raw('DROP TRIGGER IF EXISTS listings_pages ON listings');
    await knex.raw(`CREATE FUNCTION pages_version_public() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE public_rows boolean;
      BEGIN
        -- One branch per event: each names only the transition tables its event has.
        IF TG_OP = 'INSERT' THEN
          public_rows := EXISTS (SELECT 1 FROM new_rows WHERE status = 'published');
        ELSIF TG_OP = 'DELETE' THEN
          public_rows := EXISTS (SELECT 1 FROM old_rows WHERE status = 'published');
        ELSE
          public_rows := EXISTS (SELECT 1 FROM new_rows WHERE status = 'published') OR EXISTS (SELECT 1 FROM old_rows WHERE status = 'published');
        END IF;
        IF public_rows THEN ${BUMP} END IF;
        RETURN NULL;
      END $$`);
    await knex.raw(`CREATE TRIGGER listings_pages_insert AFTER INSERT ON listings REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION pages_version_public()`);
    await knex.raw(`CREATE TRIGGER listings_pages_update AFTER UPDATE ON listings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION pages_version_public()`);
    await knex.raw(`CREATE TRIGGER listings_pages_delete AFTER DELETE ON listings REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION pages_version_public()`);
    // pages_version() stays: other tables' triggers (reviews) bump the stamp with it.
    return;
  }
  for (const op of OPS) await knex.raw(`DROP TRIGGER IF EXISTS listings_pages_${op}`);
  await knex.raw(`CREATE TRIGGER listings_pages_insert AFTER INSERT ON listings WHEN NEW.status = 'published' BEGIN ${BUMP} END`);
  await knex.raw(`CREATE TRIGGER listings_pages_update AFTER UPDATE ON listings WHEN OLD.status = 'published' OR NEW.status = 'published'
    BEGIN ${BUMP} END`);
  await knex.raw(`CREATE TRIGGER listings_pages_delete AFTER DELETE ON listings WHEN OLD.status = 'published' BEGIN ${BUMP} END`);
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) {
    for (const op of OPS) await knex.raw(`DROP TRIGGER IF EXISTS listings_pages_${op} ON listings`);
    await knex.raw('DROP FUNCTION IF EXISTS pages_version_public()');
    await knex.raw(
      'CREATE TRIGGER listings_pages AFTER INSERT OR UPDATE OR DELETE ON listings FOR EACH STATEMENT EXECUTE FUNCTION pages_version()',
    );
    return;
  }
  for (const op of OPS) {
    await knex.raw(`DROP TRIGGER IF EXISTS listings_pages_${op}`);
    await knex.raw(`CREATE TRIGGER listings_pages_${op} AFTER ${op.toUpperCase()} ON listings BEGIN ${BUMP} END`);
  }
}

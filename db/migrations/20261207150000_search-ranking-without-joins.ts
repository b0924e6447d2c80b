/**
 * Ranking facts a search reads without visiting the listings table (issue 13's speed criterion):
 *  - search_documents.confirmed_at: when a business listing was last confirmed, or created when never confirmed; null
 *    for classifieds (they expire instead). The stale penalty compares it with STALE_AFTER_DAYS. Written with the
 *    document and kept in step by a trigger on listings, since a confirmation changes last_confirmed_at and nothing
 *    else (no re-index).
 *  - listing_daily_stats (listing_id, day, views, calls): a covering index, so a candidate's recent use is summed from
 *    the index alone instead of one table visit per day.
 *  - SQLite: the triggers that copy a document into the full-text tables fire only when a column those tables hold
 *    changes, so setting confirmed_at (here for every document, later on each confirmation) leaves them alone.
 * Existing documents are filled in here.
 */
import type { Knex } from 'knex';

const isPg = (knex: Knex) => ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

/** The value of confirmed_at for a listings row (`row` is NEW in a trigger, or the listings alias in the backfill). */
const FTS_COLUMNS = 'new.listing_id, new.name_t, new.keywords_t, new.body_t, new.choseong_t, new.phones_t, new.facets_t';
const FTS_OLD = FTS_COLUMNS.replaceAll('new.', 'old.');
const NAMES_COLUMNS = 'new.listing_id, new.name_t, new.facets_t';
const NAMES_OLD = NAMES_COLUMNS.replaceAll('new.', 'old.');

/** SQLite's update triggers of the full-text tables (20261124120000, 20261126150000), on `when` updates. */
async function sqliteFtsUpdateTriggers(knex: Knex, when: string): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS search_documents_au');
  await knex.raw('DROP TRIGGER IF EXISTS search_names_au');
  await knex.raw(`CREATE TRIGGER search_documents_au AFTER UPDATE${when} ON search_documents BEGIN
      INSERT INTO search_fts(search_fts, rowid, name_t, keywords_t, body_t, choseong_t, phones_t, facets_t) VALUES ('delete', ${FTS_OLD});
      INSERT INTO search_fts(rowid, name_t, keywords_t, body_t, choseong_t, phones_t, facets_t) VALUES (${FTS_COLUMNS}); END`);
  await knex.raw(`CREATE TRIGGER search_names_au AFTER UPDATE${when} ON search_documents BEGIN
    INSERT INTO search_names_fts(search_names_fts, rowid, name_t, facets_t) VALUES ('delete', ${NAMES_OLD});
    INSERT INTO search_names_fts(rowid, name_t, facets_t) VALUES (${NAMES_COLUMNS}); END`);
}

const confirmedAt = (row: string) => `CASE WHEN ${row}.kind = 'business' THEN coalesce(${row}.last_confirmed_at, ${row}.created_at) END`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('search_documents', (t) => {
    t.timestamp('confirmed_at', { useTz: true });
  });
  if (!isPg(knex)) await sqliteFtsUpdateTriggers(knex, ' OF listing_id, name_t, keywords_t, body_t, choseong_t, phones_t, facets_t');
  await knex.raw(
    `UPDATE search_documents SET confirmed_at = (SELECT ${confirmedAt('l')} FROM listings l WHERE l.id = search_documents.listing_id)`,
  );
  if (isPg(knex)) {
    await knex.raw(`CREATE FUNCTION search_documents_confirmed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE search_documents SET confirmed_at = ${confirmedAt('NEW')} WHERE listing_id = NEW.id;
        RETURN NULL;
      END $$`);
    await knex.raw(`CREATE TRIGGER listings_search_confirmed AFTER UPDATE OF last_confirmed_at, created_at, kind ON listings
      FOR EACH ROW EXECUTE FUNCTION search_documents_confirmed()`);
  } else {
    await knex.raw(`CREATE TRIGGER listings_search_confirmed AFTER UPDATE OF last_confirmed_at, created_at, kind ON listings
      BEGIN UPDATE search_documents SET confirmed_at = ${confirmedAt('NEW')} WHERE listing_id = NEW.id; END`);
  }
  await knex.schema.alterTable('listing_daily_stats', (t) => {
    t.index(['listing_id', 'day', 'views', 'calls'], 'listing_daily_stats_recent_use');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listing_daily_stats', (t) => {
    t.dropIndex(['listing_id', 'day', 'views', 'calls'], 'listing_daily_stats_recent_use');
  });
  if (isPg(knex)) {
    await knex.raw('DROP TRIGGER IF EXISTS listings_search_confirmed ON listings');
    await knex.raw('DROP FUNCTION IF EXISTS search_documents_confirmed()');
  } else {
    await knex.raw('DROP TRIGGER IF EXISTS listings_search_confirmed');
    await sqliteFtsUpdateTriggers(knex, '');
  }
  // A plain DROP COLUMN (SQLite 3.35+), as in 20261203090000: knex's SQLite fallback would copy the table.
  await knex.raw('ALTER TABLE search_documents DROP COLUMN confirmed_at');
}

/**
 * Pages that cost the same at a million listings as at two hundred.
 *  - listing_facets: one row per public listing and "shelf" it stands on — `all`, a category (`c12`, its parent too),
 *    a Gwangju district (`d북구`) and the pair (`c12d북구`) — ordered as the browse pages list them (newest first).
 *    A category or district page reads its page straight off this index instead of filtering the whole directory.
 *  - directory_counts: how many public listings each shelf holds, kept up to date on write (same transaction).
 *  - listings.is_listed: whether the listing has shelves now; with expires_at it finds the ads that expired since.
 *  - listings.version, bumped by triggers on every change to a listing or any of its child rows, and
 *    cache_versions('categories'), bumped on any category change, and cache_versions('pages'), bumped on any change to
 *    any listing: caches compare these stamps, so no instance serves an edited or removed listing.
 * Existing rows are filled in here; from now on the listings component maintains the shelves (listing change hook).
 */
import type { Knex } from 'knex';

const CHILDREN = ['phones', 'branches', 'offers', 'payment_accounts', 'media', 'listing_categories'] as const;
const BRANCH_CHILDREN = ['branch_hours', 'branch_closures'] as const;

const isPg = (knex: Knex) => ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

async function sqliteTriggers(knex: Knex): Promise<void> {
  // The guard (versions equal) stops the trigger's own update, and those of the child triggers, from bumping twice.
  await knex.raw(`CREATE TRIGGER listings_version AFTER UPDATE ON listings FOR EACH ROW WHEN NEW.version = OLD.version
    BEGIN UPDATE listings SET version = OLD.version + 1 WHERE id = NEW.id; END`);
  const bump = (expr: string) => `UPDATE listings SET version = version + 1 WHERE id = ${expr};`;
  for (const t of CHILDREN) {
    await knex.raw(`CREATE TRIGGER ${t}_version_ins AFTER INSERT ON ${t} BEGIN ${bump('NEW.listing_id')} END`);
    await knex.raw(`CREATE TRIGGER ${t}_version_upd AFTER UPDATE ON ${t} BEGIN ${bump('OLD.listing_id')} ${bump('NEW.listing_id')} END`);
    await knex.raw(`CREATE TRIGGER ${t}_version_del AFTER DELETE ON ${t} BEGIN ${bump('OLD.listing_id')} END`);
  }
  const viaBranch = (row: string) => bump(`(SELECT listing_id FROM branches WHERE id = ${row}.branch_id)`);
  for (const t of BRANCH_CHILDREN) {
    await knex.raw(`CREATE TRIGGER ${t}_version_ins AFTER INSERT ON ${t} BEGIN ${viaBranch('NEW')} END`);
    await knex.raw(`CREATE TRIGGER ${t}_version_upd AFTER UPDATE ON ${t} BEGIN ${viaBranch('OLD')} ${viaBranch('NEW')} END`);
    await knex.raw(`CREATE TRIGGER ${t}_version_del AFTER DELETE ON ${t} BEGIN ${viaBranch('OLD')} END`);
  }
  const cats = `UPDATE cache_versions SET version = version + 1 WHERE name = 'categories';`;
  for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
    await knex.raw(`CREATE TRIGGER categories_version_${op.toLowerCase()} AFTER ${op} ON categories BEGIN ${cats} END`);
  }
  // Any change to any listing (its row, or a child row through the version bump above) moves the pages stamp.
  const pages = `UPDATE cache_versions SET version = version + 1 WHERE name = 'pages';`;
  for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
    await knex.raw(`CREATE TRIGGER listings_pages_${op.toLowerCase()} AFTER ${op} ON listings BEGIN ${pages} END`);
  }
}

async function pgTriggers(knex: Knex): Promise<void> {
  await knex.raw(`CREATE FUNCTION listings_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.version = OLD.version THEN NEW.version := OLD.version + 1; END IF;
      RETURN NEW;
    END $$`);
  await knex.raw('CREATE TRIGGER listings_version BEFORE UPDATE ON listings FOR EACH ROW EXECUTE FUNCTION listings_version()');
  // TG_ARGV[0]: 'listing' when the row carries listing_id, 'branch' when it carries branch_id.
  await knex.raw(`CREATE FUNCTION listing_child_version() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ids integer[] := '{}';
    BEGIN
      IF TG_ARGV[0] = 'listing' THEN
        IF TG_OP <> 'INSERT' THEN ids := ids || OLD.listing_id; END IF;
        IF TG_OP <> 'DELETE' THEN ids := ids || NEW.listing_id; END IF;
      ELSE
        IF TG_OP <> 'INSERT' THEN ids := ids || (SELECT listing_id FROM branches WHERE id = OLD.branch_id); END IF;
        IF TG_OP <> 'DELETE' THEN ids := ids || (SELECT listing_id FROM branches WHERE id = NEW.branch_id); END IF;
      END IF;
      UPDATE listings SET version = version + 1 WHERE id = ANY(ids);
      RETURN NULL;
    END $$`);
  for (const t of CHILDREN) {
    await knex.raw(
      `CREATE TRIGGER ${t}_version AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION listing_child_version('listing')`,
    );
  }
  for (const t of BRANCH_CHILDREN) {
    await knex.raw(
      `CREATE TRIGGER ${t}_version AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION listing_child_version('branch')`,
    );
  }
  await knex.raw(`CREATE FUNCTION categories_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'categories'; RETURN NULL; END $$`);
  await knex.raw(
    'CREATE TRIGGER categories_version AFTER INSERT OR UPDATE OR DELETE ON categories FOR EACH STATEMENT EXECUTE FUNCTION categories_version()',
  );
  // Any change to any listing (its row, or a child row through the version bump above) moves the pages stamp.
  await knex.raw(`CREATE FUNCTION pages_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE cache_versions SET version = version + 1 WHERE name = 'pages'; RETURN NULL; END $$`);
  await knex.raw(
    'CREATE TRIGGER listings_pages AFTER INSERT OR UPDATE OR DELETE ON listings FOR EACH STATEMENT EXECUTE FUNCTION pages_version()',
  );
}

export async function up(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  await knex.schema.alterTable('listings', (t) => {
    t.integer('version').notNullable().defaultTo(0);
    t.boolean('is_listed').notNullable().defaultTo(false);
  });
  await knex.schema.createTable('listing_facets', (t) => {
    t.string('facet', 80).notNullable();
    t.timestamp('published_at', { useTz: true }).notNullable();
    // No foreign key: a listing removed outright is taken off its shelves by the change hook, counts included.
    t.integer('listing_id').notNullable();
    t.primary(['facet', 'published_at', 'listing_id']);
    t.index(['listing_id']);
  });
  await knex.schema.createTable('directory_counts', (t) => {
    t.string('facet', 80).primary();
    t.integer('n').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('cache_versions', (t) => {
    t.string('name', 40).primary();
    t.bigInteger('version').notNullable().defaultTo(0);
  });
  await knex('cache_versions').insert([{ name: 'categories', version: 0 }, { name: 'pages', version: 0 }]);
  // The ads whose time ran out while they were listed: found by the sweep without walking the directory.
  await knex.raw('CREATE INDEX listings_listed_expiry ON listings (expires_at) WHERE is_listed');
  // Home page: the newest public listings, and the featured ones.
  await knex.raw('CREATE INDEX listings_featured ON listings (featured_until) WHERE featured_until IS NOT NULL');

  const now = pg ? 'now()' : "CAST(strftime('%s', 'now') AS INTEGER) * 1000";
  await knex.raw(`
    WITH visible AS (
      SELECT id, COALESCE(published_at, created_at) AS p FROM listings
      WHERE status = 'published' AND (expires_at IS NULL OR expires_at > ${now})
    ),
    cats AS (
      SELECT lc.listing_id, lc.category_id AS cid FROM listing_categories lc
      UNION SELECT lc.listing_id, c.parent_id FROM listing_categories lc JOIN categories c ON c.id = lc.category_id WHERE c.parent_id IS NOT NULL
    ),
    dists AS (SELECT DISTINCT listing_id, sigungu FROM branches WHERE sido = '광주광역시' AND sigungu IS NOT NULL AND sigungu <> '')
    INSERT INTO listing_facets (facet, published_at, listing_id)
    SELECT 'all', v.p, v.id FROM visible v
    UNION SELECT 'c' || cats.cid, v.p, v.id FROM visible v JOIN cats ON cats.listing_id = v.id
    UNION SELECT 'd' || d.sigungu, v.p, v.id FROM visible v JOIN dists d ON d.listing_id = v.id
    UNION SELECT 'c' || cats.cid || 'd' || d.sigungu, v.p, v.id FROM visible v JOIN cats ON cats.listing_id = v.id JOIN dists d ON d.listing_id = v.id`);
  await knex.raw('INSERT INTO directory_counts (facet, n) SELECT facet, COUNT(*) FROM listing_facets GROUP BY facet');
  await knex.raw(
    `UPDATE listings SET is_listed = ${pg ? 'true' : '1'} WHERE id IN (SELECT listing_id FROM listing_facets WHERE facet = 'all')`,
  );

  if (pg) await pgTriggers(knex);
  else await sqliteTriggers(knex);
}

export async function down(knex: Knex): Promise<void> {
  const pg = isPg(knex);
  if (pg) {
    for (const t of [...CHILDREN, ...BRANCH_CHILDREN]) await knex.raw(`DROP TRIGGER IF EXISTS ${t}_version ON ${t}`);
    await knex.raw('DROP TRIGGER IF EXISTS listings_version ON listings');
    await knex.raw('DROP TRIGGER IF EXISTS categories_version ON categories');
    await knex.raw('DROP TRIGGER IF EXISTS listings_pages ON listings');
    await knex.raw('DROP FUNCTION IF EXISTS listings_version(), listing_child_version(), categories_version(), pages_version()');
  } else {
    await knex.raw('DROP TRIGGER IF EXISTS listings_version');
    for (const t of [...CHILDREN, ...BRANCH_CHILDREN])
      for (const op of ['ins', 'upd', 'del']) await knex.raw(`DROP TRIGGER IF EXISTS ${t}_version_${op}`);
    for (const op of ['insert', 'update', 'delete']) await knex.raw(`DROP TRIGGER IF EXISTS categories_version_${op}`);
    for (const op of ['insert', 'update', 'delete']) await knex.raw(`DROP TRIGGER IF EXISTS listings_pages_${op}`);
  }
  await knex.raw('DROP INDEX IF EXISTS listings_listed_expiry');
  await knex.raw('DROP INDEX IF EXISTS listings_featured');
  await knex.schema.dropTable('cache_versions');
  await knex.schema.dropTable('directory_counts');
  await knex.schema.dropTable('listing_facets');
  await knex.schema.alterTable('listings', (t) => {
    t.dropColumn('is_listed');
    t.dropColumn('version');
  });
}

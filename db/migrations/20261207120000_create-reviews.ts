/**
 * Keyword reviews (리뷰): a signed-in resident picks keywords from a list (review_keywords, reference data seeded by the
 * next migration), optionally with a short text; the listing's owner replies once (editable). Moderators hide and
 * restore both; reports on them are kept in review_reports. Any change to a review or a reply moves the rendered-pages
 * stamp (cache_versions 'pages'), so a cached anonymous listing page never shows reviews from before the change.
 */
import type { Knex } from 'knex';

const isPg = (knex: Knex) => ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));
const TABLES = ['reviews', 'review_replies'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('review_keywords', (t) => {
    t.increments('id').primary();
    t.string('code', 40).notNullable().unique();
    // A category slug (top-level or not) the keyword belongs to; null = offered for every listing.
    t.string('category_slug', 60);
    t.string('label_ko', 60).notNullable();
    t.string('label_en', 80).notNullable();
    t.integer('sort_order').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('reviews', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('body', 400); // null when there is no text (or after the author deleted the review)
    t.string('status', 20).notNullable(); // visible, held (a spam check tripped), hidden (a moderator), deleted (its author)
    t.string('flags', 500); // what the spam checks found, for moderators
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['listing_id', 'status', 'created_at']);
    t.index(['user_id', 'listing_id', 'created_at']);
    t.index(['status', 'created_at']);
  });
  await knex.schema.createTable('review_keyword_picks', (t) => {
    t.integer('review_id').notNullable().references('id').inTable('reviews').onDelete('CASCADE');
    t.integer('keyword_id').notNullable().references('id').inTable('review_keywords').onDelete('CASCADE');
    t.integer('listing_id').notNullable();
    t.primary(['review_id', 'keyword_id']);
  });
  await knex.schema.createTable('review_replies', (t) => {
    t.increments('id').primary();
    // One reply per review.
    t.integer('review_id').notNullable().unique().references('id').inTable('reviews').onDelete('CASCADE');
    t.integer('listing_id').notNullable();
    t.integer('user_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('body', 400).notNullable();
    t.string('status', 20).notNullable(); // visible, held, hidden
    t.string('flags', 500);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.index(['status', 'updated_at']);
  });
  await knex.schema.createTable('review_reports', (t) => {
    t.increments('id').primary();
    t.integer('review_id').notNullable().references('id').inTable('reviews').onDelete('CASCADE');
    t.string('target', 10).notNullable(); // review, reply
    t.string('reason', 20).notNullable(); // spam, offensive, fraud, other
    t.string('note', 1000);
    t.integer('reporter_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('reporter_hash', 64).notNullable(); // daily salted hash of the visitor, never a raw IP
    t.string('status', 20).notNullable().defaultTo('open'); // open, resolved, dismissed
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('resolved_at', { useTz: true });
    t.integer('resolved_by').references('id').inTable('users').onDelete('SET NULL');
    t.index(['status', 'created_at']);
    t.index(['review_id']);
  });
  if (isPg(knex)) {
    // pages_version() comes with migration 20261201090000.
    for (const t of TABLES)
      await knex.raw(
        `CREATE TRIGGER ${t}_pages AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION pages_version()`,
      );
  } else {
    const pages = `UPDATE cache_versions SET version = version + 1 WHERE name = 'pages';`;
    for (const t of TABLES) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE'])
        await knex.raw(`CREATE TRIGGER ${t}_pages_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN ${pages} END`);
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['review_reports', 'review_replies', 'review_keyword_picks', 'reviews', 'review_keywords'])
    await knex.schema.dropTableIfExists(t);
}

/**
 * Facts that rank equal matches (issue 13):
 *  - listings.origin: 'print_ad' (the ad came from the paper's print edition) or 'verified' (checked by a moderator);
 *    null for everything else. Never set from a form field.
 *  - search_documents.quality: the listing's completeness (phones, address, hours, photos, offers: a point each) plus
 *    2 for a print-ad or verified origin, written with the document; recent use is added at query time.
 *  - search_documents.trade_at / kw_at / body_at: where the sections of `haystack` start (names | own categories and
 *    brands | keywords | body, 1-based character positions), so the first occurrence of a word tells its best field.
 *  - search_documents.choseong_words: the 초성 of each word of the names and own categories (' ㅎㄴㄷㄹ ㄷㄹ ㅋㅁㄹ '), so a
 *    bare-consonant query can tell a whole-word match from one inside a word.
 * Documents written before this migration keep defaults that rank every match as "body" until `npm run search:reindex`.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listings', (t) => {
    t.string('origin', 20);
  });
  await knex.schema.alterTable('search_documents', (t) => {
    t.integer('quality').notNullable().defaultTo(0);
    t.integer('trade_at').notNullable().defaultTo(0);
    t.integer('kw_at').notNullable().defaultTo(0);
    t.integer('body_at').notNullable().defaultTo(0);
    t.text('choseong_words').notNullable().defaultTo('');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('search_documents', (t) => {
    t.dropColumn('choseong_words');
    t.dropColumn('body_at');
    t.dropColumn('kw_at');
    t.dropColumn('trade_at');
    t.dropColumn('quality');
  });
  // A plain DROP COLUMN (SQLite 3.35+): knex's SQLite fallback copies the table, which the triggers on listings'
  // child tables (20261201090000) would not survive.
  await knex.raw('ALTER TABLE listings DROP COLUMN origin');
}

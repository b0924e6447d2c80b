import type { Knex } from 'knex';

/** The banned-words list shipped with the project; admins edit it from then on. Flags, never silent drops. */
const BANNED_WORDS = ['대출', '도박', '카지노', '토토', '사설토토', '바카라', '슬롯머신', '먹튀', '급전', '작업대출', '대포통장', '대포폰', '비아그라', '환전', '홀덤', '경마', '파워볼'];

/** Spam-check flags, banned words and phones, proof-of-work replay protection, and what moderation keeps per listing and user. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_flags', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('check', 30).notNullable(); // banned_word, banned_phone, shared_phone, duplicate_text, many_links, new_account_burst, post_review
    t.string('detail', 500).notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('cleared_at', { useTz: true });
    t.index(['listing_id', 'cleared_at']);
  });
  await knex.schema.createTable('banned_terms', (t) => {
    t.increments('id').primary();
    t.string('kind', 10).notNullable(); // word | phone (E.164)
    t.string('value', 100).notNullable();
    t.integer('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['kind', 'value']);
  });
  // A proof-of-work solution is accepted once, on whichever instance sees it first.
  await knex.schema.createTable('pow_replays', (t) => {
    t.string('key', 64).primary();
    t.timestamp('expires_at', { useTz: true }).notNullable().index();
  });
  await knex.schema.alterTable('listings', (t) => {
    t.string('status_before_suspension', 20); // set while the owner is disabled
    t.string('moderation_note', 1000); // the reason the owner sees after a rejection or a request for changes
    t.timestamp('reviewed_at', { useTz: true });
  });
  await knex.schema.alterTable('reports', (t) => {
    t.string('owner_response', 20); // confirmed | disputed
    t.string('owner_note', 1000);
  });
  const now = new Date();
  await knex('banned_terms').insert(BANNED_WORDS.map((value) => ({ kind: 'word', value, created_at: now })));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    t.dropColumn('owner_response');
    t.dropColumn('owner_note');
  });
  await knex.schema.alterTable('listings', (t) => {
    t.dropColumn('status_before_suspension');
    t.dropColumn('moderation_note');
    t.dropColumn('reviewed_at');
  });
  await knex.schema.dropTable('pow_replays');
  await knex.schema.dropTable('banned_terms');
  await knex.schema.dropTable('listing_flags');
}

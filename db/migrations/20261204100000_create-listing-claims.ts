import type { Knex } from 'knex';

/** "이 업체의 사장님이신가요?": an advertiser's request to own a listing, with the 사업자등록증 kept privately. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listing_claims', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('business_reg_no', 10).notNullable();
    t.string('document_key', 100).notNullable(); // file name under the private claims folder (random)
    t.string('document_type', 40).notNullable(); // application/pdf | image/webp
    t.string('status', 20).notNullable().defaultTo('open'); // open, approved, rejected
    t.string('decision_reason', 1000);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('decided_at', { useTz: true });
    t.integer('decided_by').references('id').inTable('users').onDelete('SET NULL');
    t.index(['status', 'created_at']);
    t.index(['listing_id']);
  });
  // One open claim per listing and account, whoever asks twice at once.
  await knex.raw("CREATE UNIQUE INDEX listing_claims_one_open ON listing_claims (listing_id, user_id) WHERE status = 'open'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('listing_claims');
}

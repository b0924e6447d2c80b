import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('listings', (t) => {
    t.increments('id').primary();
    t.string('kind', 20).notNullable().defaultTo('business');
    t.string('status', 20).notNullable().defaultTo('draft');
    t.string('slug', 120).notNullable();
    t.string('name', 120).notNullable();
    t.string('name_latin', 120);
    t.string('legal_name', 120);
    t.string('tagline', 200);
    t.text('description').notNullable().defaultTo('');
    t.string('service_area', 200);
    t.string('delivery_note', 500);
    t.string('website', 500);
    t.string('email', 254);
    t.string('business_reg_no', 10);
    // Space-separated brands and tags as typed by the advertiser (DJI).
    t.string('brands', 500).notNullable().defaultTo('');
    t.string('tags', 500).notNullable().defaultTo('');
    t.integer('owner_id').references('id').inTable('users').onDelete('SET NULL');
    t.integer('primary_category_id').references('id').inTable('categories').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.timestamp('published_at', { useTz: true });
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('featured_until', { useTz: true });
    t.timestamp('last_confirmed_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.timestamp('deleted_at', { useTz: true });
    t.index(['status', 'published_at']);
    t.index(['primary_category_id', 'status']);
    t.index(['owner_id']);
    t.index(['business_reg_no']);
  });
  await knex.schema.createTable('listing_categories', (t) => {
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('category_id').notNullable().references('id').inTable('categories').onDelete('CASCADE');
    t.primary(['listing_id', 'category_id']);
    t.index(['category_id']);
  });
  await knex.schema.createTable('branches', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('name', 80);
    t.string('sido', 40);
    t.string('sigungu', 40);
    t.string('road_name', 80);
    t.string('building_no', 20);
    t.string('address_detail', 200);
    t.string('postal_code', 10);
    t.double('lat');
    t.double('lng');
    t.string('hours_note', 300);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['listing_id', 'sort_order']);
    t.index(['sido', 'sigungu']);
  });
  await knex.schema.createTable('branch_hours', (t) => {
    t.increments('id').primary();
    t.integer('branch_id').notNullable().references('id').inTable('branches').onDelete('CASCADE');
    // 0 = Sunday … 6 = Saturday (Date#getDay in Asia/Seoul).
    t.integer('weekday').notNullable();
    t.boolean('is_closed').notNullable().defaultTo(false);
    // 'HH:MM' in Asia/Seoul; closes_at may be past midnight ('02:00' with opens_at '18:00').
    t.string('opens_at', 5);
    t.string('closes_at', 5);
    t.string('break_start', 5);
    t.string('break_end', 5);
    t.unique(['branch_id', 'weekday']);
  });
  await knex.schema.createTable('branch_closures', (t) => {
    t.increments('id').primary();
    t.integer('branch_id').notNullable().references('id').inTable('branches').onDelete('CASCADE');
    t.string('day', 10).notNullable(); // YYYY-MM-DD
    t.string('note', 200);
    t.unique(['branch_id', 'day']);
  });
  await knex.schema.createTable('phones', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.integer('branch_id').references('id').inTable('branches').onDelete('CASCADE');
    t.string('label', 40);
    t.string('type', 20).notNullable(); // mobile, landline, voip, safe, representative, fax
    t.string('e164', 20).notNullable();
    t.string('display', 20).notNullable();
    // National digits (0625222000) for phone search by trailing digits.
    t.string('national_digits', 16).notNullable();
    t.string('extension', 10);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.index(['listing_id', 'sort_order']);
    t.index(['branch_id']);
    t.index(['e164']);
    t.index(['national_digits']);
  });
  await knex.schema.createTable('offers', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('name', 120).notNullable();
    t.bigInteger('price_krw');
    t.string('price_style', 10).notNullable().defaultTo('full'); // full = 60,000원, man = 6만원
    t.string('price_note', 200);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.index(['listing_id', 'sort_order']);
  });
  await knex.schema.createTable('payment_accounts', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.string('bank', 40).notNullable();
    t.string('holder', 60).notNullable();
    t.string('number', 40).notNullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.index(['listing_id']);
  });
  await knex.schema.createTable('media', (t) => {
    t.increments('id').primary();
    t.integer('listing_id').references('id').inTable('listings').onDelete('CASCADE');
    t.integer('owner_id').references('id').inTable('users').onDelete('SET NULL');
    t.string('role', 10).notNullable().defaultTo('photo'); // logo, photo
    t.string('storage_key', 120).notNullable(); // content-hash base name
    t.text('variants').notNullable(); // JSON: [{ "name": "1600", "file": "…webp", "width", "height", "bytes" }]
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    t.integer('bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('alt_text', 200);
    t.integer('sort_order').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['listing_id', 'role', 'sort_order']);
    t.index(['sha256']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'media',
    'payment_accounts',
    'offers',
    'phones',
    'branch_closures',
    'branch_hours',
    'branches',
    'listing_categories',
    'listings',
  ]) {
    await knex.schema.dropTable(table);
  }
}

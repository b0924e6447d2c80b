/** Demo data: the two print ads plus ~200 synthetic Gwangju listings. Loaded by `npm run db:seed` and on the first start. */
import type { Knex } from 'knex';
import type { ListingGraphInput } from '../components/listings/index.js';
import { printAdListings } from './print-ads.js';
import { createNameBook } from './synthetic-names.js';
import { syntheticListing } from './synthetic.js';

export const DEMO_SYNTHETIC_COUNT = 200;
export const DEMO_SEED = 20261124;

export interface SeedDeps {
  db: Knex;
  createListing(input: ListingGraphInput, trx: Knex.Transaction): Promise<number>;
  now?: Date;
}

async function categoryMaps(db: Knex) {
  const rows = (await db('categories').select('id', 'slug', 'name_ko')) as Array<{ id: number; slug: string; name_ko: string }>;
  return { byName: new Map(rows.map((r) => [r.name_ko, Number(r.id)])), bySlug: new Map(rows.map((r) => [r.slug, Number(r.id)])) };
}

/** Loads the demo listings in one transaction. Returns how many were written. */
export async function seedDemo(deps: SeedDeps): Promise<{ printAds: number; synthetic: number }> {
  const now = deps.now ?? new Date();
  const { byName, bySlug } = await categoryMaps(deps.db);
  const ads = printAdListings(byName, now);
  await deps.db.transaction(async (trx) => {
    for (const ad of ads) await deps.createListing(ad, trx);
    const names = createNameBook();
    for (let i = 0; i < DEMO_SYNTHETIC_COUNT; i++) await deps.createListing(syntheticListing(i, DEMO_SEED, bySlug, now, names), trx);
  });
  return { printAds: ads.length, synthetic: DEMO_SYNTHETIC_COUNT };
}

/** Seeds only an empty database (no listings yet): the first `npm start`. */
export async function seedIfEmpty(deps: SeedDeps): Promise<{ printAds: number; synthetic: number } | null> {
  // Whether any row exists, not how many: a count would walk a million-row table on every start.
  if (await deps.db('listings').first('id')) return null;
  return seedDemo(deps);
}

/**
 * Bulk synthetic listings for benchmarks: `npm run db:generate -- --listings N --seed S`.
 * Rows are built in memory per batch with explicit ids and written with multi-row inserts, one transaction per batch.
 */
import type { Knex } from 'knex';
import { clientOf } from '../db/index.js';
import { createNameBook } from './synthetic-names.js';
import { syntheticListing } from './synthetic.js';

export interface GenerateOptions {
  count: number;
  seed: number;
  batchSize?: number;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  /** Called with each batch's new listing ids inside its transaction (the search index hooks in here). */
  afterBatch?: (trx: Knex.Transaction, ids: number[]) => Promise<void>;
}

type Row = Record<string, unknown>;
const TABLES = ['listings', 'listing_categories', 'branches', 'branch_hours', 'phones', 'offers'] as const;
const ID_TABLES = ['listings', 'branches', 'branch_hours', 'phones', 'offers'] as const;

async function nextIds(db: Knex): Promise<Record<(typeof ID_TABLES)[number], number>> {
  const entries = await Promise.all(ID_TABLES.map(async (t) => {
    const row = await db(t).max({ m: 'id' }).first();
    return [t, Number(row?.m ?? 0) + 1] as const;
  }));
  return Object.fromEntries(entries) as Record<(typeof ID_TABLES)[number], number>;
}

/** Inserts rows in chunks that stay under both engines' bound-parameter limits. */
async function insertChunked(trx: Knex.Transaction, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]).length;
  // SQLite: at most 500 rows per compound insert (Knex builds "select … union all"); both: under the bound-parameter limit.
  const chunk = Math.max(1, Math.min(clientOf(trx) === 'sqlite' ? 400 : 5000, Math.floor(30000 / perRow)));
  for (let i = 0; i < rows.length; i += chunk) await trx(table).insert(rows.slice(i, i + chunk));
}

async function fixSequences(db: Knex): Promise<void> {
  if (clientOf(db) !== 'pg') return;
  for (const t of ID_TABLES) {
    await db.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM ??), 1))`, [t, t]);
  }
}

export async function generateListings(db: Knex, opts: GenerateOptions): Promise<{ first: number; last: number }> {
  const now = opts.now ?? new Date();
  const batchSize = opts.batchSize ?? 2000;
  const categories = (await db('categories').select('id', 'slug')) as Array<{ id: number; slug: string }>;
  const bySlug = new Map(categories.map((c) => [c.slug, Number(c.id)]));
  const ids = await nextIds(db);
  const first = ids.listings;
  const names = createNameBook();
  for (let start = 0; start < opts.count; start += batchSize) {
    const rows: Record<(typeof TABLES)[number], Row[]> = {
      listings: [],
      listing_categories: [],
      branches: [],
      branch_hours: [],
      phones: [],
      offers: [],
    };
    const batchIds: number[] = [];
    for (let i = start; i < Math.min(opts.count, start + batchSize); i++) {
      const l = syntheticListing(i + first, opts.seed, bySlug, now, names);
      const id = ids.listings++;
      batchIds.push(id);
      rows.listings.push({
        id,
        kind: l.kind,
        status: l.status,
        slug:
          l.name
            .toLowerCase()
            .replace(/[^\p{L}\p{N}]+/gu, '-')
            .replace(/^-|-$/g, '') || 'listing',
        name: l.name,
        tagline: l.tagline ?? null,
        description: l.description,
        brands: '',
        tags: '',
        primary_category_id: l.categoryIds[0] ?? null,
        created_at: now,
        updated_at: now,
        published_at: l.publishedAt ?? null,
        expires_at: l.expiresAt ?? null,
        last_confirmed_at: l.lastConfirmedAt ?? null,
        is_synthetic: true,
      });
      for (const categoryId of l.categoryIds) rows.listing_categories.push({ listing_id: id, category_id: categoryId });
      const phone = (p: (typeof l.phones)[number], branchId: number | null, order: number) =>
        rows.phones.push({
          id: ids.phones++,
          listing_id: id,
          branch_id: branchId,
          label: null,
          type: p.type,
          e164: p.e164,
          display: p.display,
          national_digits: p.nationalDigits,
          sort_order: order,
        });
      l.phones.forEach((p, n) => phone(p, null, n));
      l.branches.forEach((b, n) => {
        const branchId = ids.branches++;
        rows.branches.push({
          id: branchId,
          listing_id: id,
          name: b.name ?? null,
          sido: b.sido,
          sigungu: b.sigungu,
          road_name: b.roadName,
          building_no: b.buildingNo,
          lat: b.lat ?? null,
          lng: b.lng ?? null,
          sort_order: n,
          created_at: now,
        });
        for (const h of b.hours) {
          rows.branch_hours.push({
            id: ids.branch_hours++,
            branch_id: branchId,
            weekday: h.weekday,
            is_closed: h.isClosed,
            opens_at: h.opensAt ?? null,
            closes_at: h.closesAt ?? null,
            break_start: h.breakStart ?? null,
            break_end: h.breakEnd ?? null,
          });
        }
        b.phones.forEach((p, k) => phone(p, branchId, k));
      });
      l.offers.forEach((o, n) =>
        rows.offers.push({ id: ids.offers++, listing_id: id, name: o.name, price_krw: o.priceKrw, price_style: 'full', sort_order: n }),
      );
    }
    await db.transaction(async (trx) => {
      for (const table of TABLES) await insertChunked(trx, table, rows[table]);
      if (opts.afterBatch) await opts.afterBatch(trx, batchIds);
    });
    opts.onProgress?.(Math.min(opts.count, start + batchSize), opts.count);
  }
  await fixSequences(db);
  // After a bulk load the planner needs fresh statistics (PostgreSQL's autovacuum would get there, later).
  if (clientOf(db) === 'pg') await db.raw(`ANALYZE ${[...TABLES, 'search_documents'].join(', ')}`);
  else await db.raw('ANALYZE');
  return { first, last: ids.listings - 1 };
}

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase } from '../../../src/db/index.js';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/core/logger.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';
import { createUser } from '../../helpers/auth.js';

const TABLES = [
  'users',
  'categories',
  'listings',
  'listing_categories',
  'branches',
  'branch_hours',
  'phones',
  'offers',
  'payment_accounts',
  'listing_daily_stats',
  'phone_daily_calls',
  'counter_events',
  'daily_salts',
  'email_verifications',
  'search_documents',
];

/** Engine-neutral values: Dates and SQLite epoch numbers as milliseconds, booleans as 0/1. */
function normalise(v: unknown, column: string): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /_at$|_until$|^expired$/.test(column) && !/^\d+$/.test(v)) return new Date(v).getTime();
  if (typeof v === 'string' && /^\d+$/.test(v) && /(_at|_until)$/.test(column)) return Number(v);
  return v;
}
async function dump(db: TestDb['db'], table: string) {
  const rows = (await db(table).select('*')) as Array<Record<string, unknown>>;
  // listings.version is a cache stamp that triggers bump on every write, the copy's own inserts included.
  const skip = table === 'listings' ? ['version'] : ['tsv', 'tsv_name', 'tsv_kw'];
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k)).map(([k, v]) => [k, normalise(v, k)])))
    .sort((a, b) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('db:copy from a seeded SQLite database to PostgreSQL', () => {
  let src: TestApp;
  let dst: TestDb;
  beforeAll(async () => {
    src = await createTestApp({ engine: 'sqlite', seed: true });
    await createUser(src, { email: 'owner@60flower.kr' });
    const phone = await src.db('phones').where({ e164: '+82625222000' }).first();
    await request(src.app)
      .post(`/listings/${phone.listing_id}/calls`)
      .set('User-Agent', 'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36')
      .type('form')
      .send({ phone: phone.id })
      .expect(204);
    dst = await createTestDb('pg');
    // Small batches: every table is read in many pages (keyset by id, offset for tables without one).
    // No re-index: the search documents must be usable as copied.
    await copyDatabase(src.db, dst.db, { batchSize: 37 });
  });
  afterAll(async () => {
    await src.close();
    await dst.destroy();
  });

  it.each(TABLES)('%s: every row identical after the copy', async (table) => {
    const [a, b] = [await dump(src.db, table), await dump(dst.db, table)];
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
  });

  it('search gives the same results on the copy', async () => {
    const target = createApp({ config: dst.config, db: dst.db, logger: createLogger('silent'), clock: src.clock });
    for (const q of ['화환', '드론', '522-2000', '북구', 'dji']) {
      const ids = async (s: typeof src.services.search) =>
        ((await s.search({ q, sort: 'relevance', page: 1, pageSize: 1000 }))?.results.map((r) => r.id) ?? []).sort((x, y) => x - y);
      expect(await ids(target.services.search)).toEqual(await ids(src.services.search));
    }
  });

  it('every index of a freshly migrated database is there after the copy, with the same definition', async () => {
    const fresh = await createTestDb('pg');
    try {
      const defs = async (db: TestDb['db']) =>
        (
          (await db.raw(`SELECT indexname, regexp_replace(indexdef, ' ON \\S+\\.', ' ON ') AS def
        FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`)) as { rows: Array<{ indexname: string; def: string }> }
        ).rows;
      const expected = await defs(fresh.db);
      expect(expected.some((r) => /USING gin/.test(r.def))).toBe(true);
      expect(await defs(dst.db)).toEqual(expected);
    } finally {
      await fresh.destroy();
    }
  });

  it('the copied tables are analysed: the planner has column statistics before autovacuum comes round', async () => {
    for (const table of ['listings', 'phones', 'search_documents', 'listing_facets']) {
      const { rows } = await dst.db.raw('SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = current_schema() AND tablename = ?', [
        table,
      ]);
      expect(rows[0].n, table).toBeGreaterThan(0);
    }
  });

  it('sequences are fixed: a new listing after the copy gets a fresh id', async () => {
    const max = Number((await dst.db('listings').max({ m: 'id' }).first())?.m);
    const [row] = await dst
      .db('listings')
      .insert({
        kind: 'business',
        status: 'draft',
        slug: 'n',
        name: 'n',
        description: '',
        brands: '',
        tags: '',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id');
    expect(Number(row.id)).toBe(max + 1);
    await dst.db('listings').where({ id: row.id }).del();
  });

  it('a target that already holds data is refused without --force', async () => {
    await expect(copyDatabase(src.db, dst.db)).rejects.toThrow(/already holds data/);
  });

  it('--force onto a target with audit entries is refused with a clear message, and the target is untouched', async () => {
    await dst.db('audit_log').insert({ action: 'approve', subject_type: 'listing', subject_id: 1, created_at: new Date() });
    const before = await dst.db('listings').count({ n: '*' }).first();
    await expect(copyDatabase(src.db, dst.db, { force: true })).rejects.toThrow(/audit log, which is append-only/);
    expect(await dst.db('listings').count({ n: '*' }).first()).toEqual(before);
  });
});

/**
 * The test suite's own fixtures: a database copied from the run's template (tests/global-setup.ts) holds exactly what
 * migrating and seeding from scratch writes — every table, every column, and the id sequences — on each engine.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { engines, type TestDb } from '../../helpers/test-db.js';
import { createKnex } from '../../../src/db/index.js';

type Snapshotted = Pick<TestDb, 'engine' | 'db'>;

async function tableNames(t: Snapshotted): Promise<string[]> {
  if (t.engine === 'sqlite') {
    const rows = (await t.db.raw(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'knex_migrations%' ORDER BY name",
    )) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }
  const res = (await t.db.raw(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'knex_migrations%' ORDER BY 1",
  )) as { rows: Array<{ name: string }> };
  return res.rows.map((r) => r.name);
}

/** Reference rows the migrations insert, stamped with the clock of whenever the migration ran. */
const MIGRATION_STAMPED = ['banned_terms', 'categories'];

/** Every row of every table (knex's own bookkeeping aside, which records when it ran), in a stable order. */
async function snapshot(t: Snapshotted): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of await tableNames(t)) {
    const rows = (await t.db.raw(t.engine === 'pg' ? 'SELECT row_to_json(x)::text AS j FROM ?? x' : 'SELECT * FROM ??', [
      table,
    ])) as unknown;
    const objects =
      t.engine === 'pg'
        ? (rows as { rows: Array<{ j: string }> }).rows.map((r) => JSON.parse(r.j) as Record<string, unknown>)
        : (rows as Array<Record<string, unknown>>);
    out[table] = objects
      .map((r) =>
        JSON.stringify(r, (k, v) =>
          MIGRATION_STAMPED.includes(table) && k === 'created_at' ? undefined : Buffer.isBuffer(v) ? v.toString('hex') : v,
        ),
      )
      .sort();
  }
  if (t.engine === 'sqlite') out['(sequences)'] = await t.db.raw('SELECT name, seq FROM sqlite_sequence ORDER BY name');
  else {
    const seqs = (await t.db.raw(
      'SELECT sequence_name AS s FROM information_schema.sequences WHERE sequence_schema = current_schema() ORDER BY 1',
    )) as { rows: Array<{ s: string }> };
    out['(sequences)'] = await Promise.all(
      seqs.rows.map(async ({ s }) => [s, ((await t.db.raw('SELECT last_value, is_called FROM ??', [s])) as { rows: unknown[] }).rows[0]]),
    );
  }
  return out;
}

describe('the run has templates (npm test runs tests/global-setup.ts)', () => {
  it('a migrated and a demo SQLite template; with TEST_DATABASE_URL a demo PostgreSQL schema', () => {
    const templates = inject('golmokTemplates');
    expect(templates?.sqlite.migrated).toMatch(/golmok\.sqlite$/);
    expect(templates?.sqlite.demo).toMatch(/golmok\.sqlite$/);
    expect(Boolean(templates?.pg?.demoSchema)).toBe(Boolean(process.env.TEST_DATABASE_URL));
  });
});

describe('a demo database from the template on sqlite', () => {
  let copied: TestApp;
  let scratch: TestApp;
  beforeAll(async () => {
    copied = await createTestApp({ seed: true });
    scratch = await createTestApp({ seed: true, template: false });
  });
  afterAll(async () => {
    await copied?.close();
    await scratch?.close();
  });

  it('holds row for row what seeding from scratch writes, sequences included', async () => {
    const [a, b] = [await snapshot(copied), await snapshot(scratch)];
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect((a.listings as unknown[]).length).toBe(202);
    for (const table of Object.keys(b)) expect(a[table], table).toEqual(b[table]);
  });

  it('takes new rows after the seeded ones', async () => {
    // Inserted and rolled back, so the other test's row-for-row comparison never sees it.
    const nextUserId = async (t: TestApp) => {
      const trx = await t.db.transaction();
      try {
        const now = t.clock.now();
        const [row] = await trx('users')
          .insert({ email: 'next@example.kr', password_hash: 'x', role: 'advertiser', created_at: now, updated_at: now })
          .returning('id');
        return Number(typeof row === 'object' ? row.id : row);
      } finally {
        await trx.rollback();
      }
    };
    const [x, y] = [await nextUserId(copied), await nextUserId(scratch)];
    expect(x).toBe(y);
    expect(x).toBeGreaterThan(Number((await copied.db('users').max({ id: 'id' }).first())?.id ?? 0));
  });
});

// The template schema is seeded by the same code as the SQLite template (checked against a seed from scratch above;
// on PostgreSQL that seed alone took 15-140 s here), so on PostgreSQL the copy is checked against the template itself.
describe.runIf(engines().includes('pg'))('a demo database from the template on pg', () => {
  let copied: TestApp;
  const template = createKnex({
    client: 'pg',
    connection: process.env.TEST_DATABASE_URL ?? '',
    schema: inject('golmokTemplates')?.pg?.demoSchema,
    poolMax: 1,
  });
  beforeAll(async () => {
    copied = await createTestApp({ engine: 'pg', seed: true });
  });
  afterAll(async () => {
    await copied?.close();
    await template.destroy();
  });

  it('holds row for row what the template schema holds, sequences included', async () => {
    const [a, b] = [await snapshot(copied), await snapshot({ engine: 'pg', db: template })];
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect((a.listings as unknown[]).length).toBe(202);
    for (const table of Object.keys(b)) expect(a[table], table).toEqual(b[table]);
  });
});

/**
 * SQLite search statements prepared once per connection (dialects/sqlite-statements.ts): the same answers as an
 * ordinary query, shapes past the per-connection quota still answered, a write seen by the next run, and the
 * connection still closes (its statements are finalised first).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';
import { allPrepared } from '../../../src/components/search/dialects/sqlite-statements.js';

describe('prepared search statements (SQLite)', () => {
  let t: TestDb | null = null;
  afterEach(async () => {
    await t?.destroy();
    t = null;
  });

  it('answer as an ordinary query does, past the quota of 32 shapes too, and see writes made between runs', async () => {
    t = await createTestDb('sqlite');
    const db = t.db;
    for (let shape = 0; shape < 40; shape++) {
      for (const n of [1, 2]) {
        const rows = await allPrepared(db, `SELECT ? + ${shape} AS v, ? AS s`, [n, '검색']);
        expect(rows).toEqual([{ v: n + shape, s: '검색' }]);
      }
    }
    const count = () => allPrepared(db, 'SELECT count(*) AS n FROM categories WHERE slug = ?', ['prepared-test']);
    expect(await count()).toEqual([{ n: 0 }]);
    await db('categories').insert({
      slug: 'prepared-test',
      name_ko: '시험',
      name_en: 'Test',
      synonyms: '',
      sort_order: 99,
      created_at: new Date(),
    });
    expect(await count()).toEqual([{ n: 1 }]);
    // Inside a transaction it runs as an ordinary query on the transaction's connection.
    await db.transaction(async (trx) => {
      expect(await allPrepared(trx, 'SELECT ? AS v', [7])).toEqual([{ v: 7 }]);
    });
  });

  it('a connection holding prepared statements closes cleanly', async () => {
    t = await createTestDb('sqlite');
    await allPrepared(t.db, 'SELECT ? AS v', [1]);
    await t.destroy();
    t = null;
  });
});

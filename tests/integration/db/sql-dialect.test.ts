/** The named engine helpers of src/db/sql-dialect.ts give the same answers on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commaList, engineOf, firstRowOf, floatRow, instantAtMost, joinInWrittenOrder, jsonArrayAgg, jsonObjectFn, lockedForUpdate, rowsOf,
} from '../../../src/db/index.js';
import { createTestDb, engines, type TestDb } from '../../helpers/test-db.js';

const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

describe.each(engines())('engine helpers (%s)', (engineName) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engineName);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('engineOf names the engine; rowsOf and firstRowOf read a raw result of either driver', async () => {
    expect(engineOf(t.db)).toBe(engineName);
    const result = await t.db.raw('SELECT 1 AS n UNION ALL SELECT 2 AS n ORDER BY n');
    expect(rowsOf<{ n: number | string }>(result).map((r) => Number(r.n))).toEqual([1, 2]);
    expect(Number(firstRowOf<{ n: number }>(result)!.n)).toBe(1);
    expect(rowsOf(await t.db.raw('SELECT 1 AS n WHERE 1 = 0'))).toEqual([]);
  });

  it('a JSON array of objects, in order, and [] over no rows; a comma list of numbers', async () => {
    const engine = engineOf(t.db);
    const values = `(SELECT 2 AS k UNION ALL SELECT 1 AS k UNION ALL SELECT 3 AS k) v`;
    const agg = jsonArrayAgg(engine, `${jsonObjectFn(engine)}('k', v.k)`, 'v.k', { orderOnSqlite: true });
    const row = firstRowOf<Record<string, unknown>>(await t.db.raw(`SELECT (SELECT ${agg} FROM ${values}) AS a,
      (SELECT ${agg} FROM ${values} WHERE v.k > 9) AS e, (SELECT ${commaList(engine, 'w.k')} FROM (SELECT 4 AS k) w) AS c`))!;
    expect(parsed(row.a)).toEqual([{ k: 1 }, { k: 2 }, { k: 3 }]);
    expect(parsed(row.e)).toEqual([]);
    expect(String(row.c)).toBe('4');
  });

  it('a join in written order, float rows in VALUES, an instant compared with a timestamp, a locked read', async () => {
    const engine = engineOf(t.db);
    const r = await t.db.raw(
      `WITH p (a, b) AS (VALUES ${floatRow(engine, 2)}) SELECT p.a + p.b AS s FROM p ${joinInWrittenOrder(engine)} (SELECT 1 AS one) o
      ON o.one = 1`,
      [1.5, 2.25],
    );
    expect(Number(firstRowOf<{ s: number }>(r)!.s)).toBe(3.75);
    const now = new Date('2026-11-24T02:00:00Z');
    // Stored as the session store writes it: an ISO instant.
    await t.db('sessions').insert({ sid: 'probe', sess: '{}', expired: new Date(now.getTime() + 60_000).toISOString() });
    await t.db('sessions').insert({ sid: 'gone', sess: '{}', expired: new Date(now.getTime() - 60_000).toISOString() });
    const live = await t
      .db('sessions')
      .whereIn('sid', ['probe', 'gone'])
      .andWhereRaw(instantAtMost(engine, 'expired'), [now.toISOString()])
      .pluck('sid');
    expect(live).toEqual(['probe']);
    await t.db.transaction(async (trx) => {
      expect(await lockedForUpdate(trx('sessions').where('sid', 'probe').select('sid'), engine)).toEqual([{ sid: 'probe' }]);
    });
  });
});

/** Graceful shutdown: the pool is destroyed only after work still holding or waiting for a connection has finished. */
import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';
import { drainPool } from '../../../src/db/index.js';

describe('drainPool', () => {
  it('a transaction in flight and a query waiting for the one connection both finish before the pool is destroyed', async () => {
    const db = knexFactory({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
    let committed = false;
    const inFlight = db.transaction(async (trx) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await trx.raw('SELECT 1');
      committed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const waiting = db.raw('SELECT 2 AS two').then((rows: unknown) => rows); // started now: waits for the connection the transaction holds
    await drainPool(db, 30_000);
    await db.destroy();
    await expect(inFlight).resolves.toBeUndefined();
    expect(committed).toBe(true);
    expect((await waiting) as Array<{ two: number }>).toEqual([{ two: 2 }]);
  });
});

/** Waiting for a pool to fall idle before it is destroyed (graceful shutdown). */
import type { Knex } from 'knex';

interface PoolCounts { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number }

/** Resolves when no connection of `db` is in use or waited for, or after `timeoutMs`. */
export async function drainPool(db: Knex, timeoutMs: number): Promise<void> {
  const pool = (db.client as { pool?: PoolCounts }).pool;
  const until = Date.now() + timeoutMs;
  while (pool && pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

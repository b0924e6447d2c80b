/**
 * The desk's bulk parses run in a worker pool (src/lib/worker-pool.ts): the pool's failures become errors the desk page
 * shows in the user's language — a job over its time limit, or a pool too busy to take one more.
 */
import { createWorkerPool, type WorkerPoolOptions } from '../../lib/worker-pool.js';
import { runPooled } from '../../core/pooled-job.js';
import type { BulkParse } from './desk.service.js';

export function createBulkParser(opts: WorkerPoolOptions) {
  const pool = createWorkerPool(opts);
  const bulkParse: BulkParse = (job) => runPooled(pool, job);
  return { bulkParse, pool };
}

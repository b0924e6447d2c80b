/**
 * The desk's bulk parses run in a worker pool (src/lib/worker-pool.ts): the pool's failures become errors the desk page
 * shows in the user's language — a job over its time limit, or a pool too busy to take one more.
 */
import { createWorkerPool, JobTimeoutError, type WorkerPoolOptions } from '../../lib/worker-pool.js';
import { AppError } from '../../core/errors.js';
import type { BulkParse } from './desk.service.js';

export function createBulkParser(opts: WorkerPoolOptions) {
  const pool = createWorkerPool(opts);
  const bulkParse: BulkParse = async (job) => {
    try {
      return await pool.run(job);
    } catch (err) {
      if (err instanceof JobTimeoutError)
        throw new AppError(503, 'desk.error.jobTimeout', { params: { seconds: Math.ceil(err.timeoutMs / 1000) } });
      if (err instanceof Error && (err.name === 'PoolBusyError' || err.name === 'PoolClosedError'))
        throw new AppError(503, 'desk.error.jobBusy');
      throw err;
    }
  };
  return { bulkParse, pool };
}

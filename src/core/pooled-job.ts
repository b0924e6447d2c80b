/**
 * A job run in a worker pool (src/lib/worker-pool.ts), its failures turned into errors the desk page shows in the
 * user's language: a job over its time limit, or a pool too busy (or closing) to take one more.
 */
import { JobTimeoutError, type WorkerPool } from '../lib/worker-pool.js';
import { AppError } from './errors.js';

export async function runPooled<T>(pool: WorkerPool, job: unknown, busyKey = 'desk.error.jobBusy'): Promise<T> {
  try {
    return await pool.run<T>(job);
  } catch (err) {
    if (err instanceof JobTimeoutError)
      throw new AppError(503, 'desk.error.jobTimeout', { params: { seconds: Math.ceil(err.timeoutMs / 1000) } });
    if (err instanceof Error && (err.name === 'PoolBusyError' || err.name === 'PoolClosedError')) throw new AppError(503, busyKey);
    throw err;
  }
}

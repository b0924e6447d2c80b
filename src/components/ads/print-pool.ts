/**
 * Print jobs (layout and PDF of an edition) run in a worker pool (src/lib/worker-pool.ts) so that an edition of
 * hundreds of ads never holds the event loop; the pool's failures become errors the desk sees in its language.
 */
import { createWorkerPool, JobTimeoutError, type WorkerPoolOptions } from '../../lib/worker-pool.js';
import { AppError } from '../../core/errors.js';
import type { PrintJob, PrintResult } from './print-layout/print-job.js';

/** `workerUrl`: print-layout/print.worker.js, resolved by the caller (the bundled server lives elsewhere than this file). */
export function createPrintPool(opts: WorkerPoolOptions) {
  const pool = createWorkerPool(opts);
  const run = async (job: PrintJob): Promise<PrintResult> => {
    try {
      return await pool.run<PrintResult>(job);
    } catch (err) {
      if (err instanceof JobTimeoutError)
        throw new AppError(503, 'desk.error.jobTimeout', { params: { seconds: Math.ceil(err.timeoutMs / 1000) } });
      if (err instanceof Error && (err.name === 'PoolBusyError' || err.name === 'PoolClosedError'))
        throw new AppError(503, 'desk.error.jobBusy');
      throw err;
    }
  };
  return { run, pool };
}

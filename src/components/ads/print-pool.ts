/**
 * Print jobs (layout and PDF of an edition) run in a worker pool (src/lib/worker-pool.ts) so that an edition of
 * hundreds of ads never holds the event loop; the pool's failures become errors the desk sees in its language.
 */
import { createWorkerPool, type WorkerPoolOptions } from '../../lib/worker-pool.js';
import { runPooled } from '../../core/pooled-job.js';
import type { PrintJob, PrintResult } from './print-layout/print-job.js';

/** `workerUrl`: print-layout/print.worker.js, resolved by the caller (the bundled server lives elsewhere than this file). */
export function createPrintPool(opts: WorkerPoolOptions) {
  const pool = createWorkerPool(opts);
  const run = (job: PrintJob) => runPooled<PrintResult>(pool, job);
  return { run, pool };
}

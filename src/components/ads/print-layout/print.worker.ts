/** A worker thread of the print pool (see src/lib/worker-pool.ts): lays out and draws one edition per message. */
import { serveJobs } from '../../../lib/worker-pool.js';
import { runPrintJob } from './print-job.js';

serveJobs(runPrintJob);

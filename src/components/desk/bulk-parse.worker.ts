/** A worker thread of the desk's bulk-parse pool (see src/lib/worker-pool.ts): runs one job per message. */
import { serveJobs } from '../../lib/worker-pool.js';
import { runBulkJob } from './bulk-parse.js';

serveJobs(runBulkJob);

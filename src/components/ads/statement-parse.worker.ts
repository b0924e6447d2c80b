/** A worker thread parsing uploaded bank statements (see src/lib/worker-pool.ts): one job per message. */
import { serveJobs } from '../../lib/worker-pool.js';
import { runStatementJob } from './statement-rows.js';

serveJobs(runStatementJob);

/**
 * `npm run jobs:run-once`: runs every job once (reminder mails, classified expiry and archiving) and exits; for cron
 * when the in-app runner is off (JOBS_ENABLED=false), or beside it: the database lease keeps runs from overlapping.
 */
import { createApp } from '../app.js';
import { createLogger } from '../web/logger.js';
import { runCli } from './cli-kit.js';

runCli(async ({ config, db }) => {
  const { services, close } = createApp({ config, db, logger: createLogger(config.logLevel) });
  try {
    const done = await services.jobs.runOnce();
    console.log(done ? `Jobs done: ${Object.entries(done).map(([k, v]) => `${k} ${v}`).join(', ')}.` : 'Another instance holds the job lease; nothing done.');
  } finally {
    await close();
  }
}, { migrate: true });

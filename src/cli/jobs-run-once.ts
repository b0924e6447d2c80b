/**
 * `npm run jobs:run-once`: runs every job once (reminder mails, classified expiry and archiving) and exits; for cron
 * when the in-app runner is off (JOBS_ENABLED=false), or beside it: the database lease keeps runs from overlapping.
 */
import { println, runIfMain, withDatabase, type CliEnv, type CliIo } from './cli-kit.js';

export async function main(_argv: string[], env: CliEnv, io: CliIo): Promise<number> {
  return withDatabase(env, io, async ({ config, db }) => {
    const [{ createServices }, { createLogger }] = await Promise.all([import('../services.js'), import('../core/logger.js')]);
    const { jobs, close } = createServices(config, db, { logger: createLogger(config.logLevel) });
    try {
      const done = await jobs.runOnce();
      println(
        io.stdout,
        done
          ? `Jobs done: ${Object.entries(done)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}.`
          : 'Another instance holds the job lease; nothing done.',
      );
    } finally {
      await close();
    }
  }, { migrate: true });
}

runIfMain(import.meta.url, main);

/** The frame every command-line tool shares: config, a reachable database, clean exit codes. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { loadConfig, type Config } from '../config/index.js';
import { assertReachable, createKnex, migrateLatest } from '../db/index.js';
import { createLogger } from '../web/logger.js';

export function runCli(main: (ctx: { config: Readonly<Config>; db: Knex }) => Promise<void>, opts: { migrate?: boolean } = {}): void {
  (async () => {
    const config = loadConfig();
    // knex's own warnings go to the log (at LOG_LEVEL), so an unreachable database is reported in one line.
    const db = createKnex(config.db, { logger: createLogger(config.logLevel) });
    try {
      await assertReachable(db);
      if (opts.migrate) await migrateLatest(db);
      await main({ config, db });
    } finally {
      await db.destroy();
    }
  })().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}

/**
 * Runs `main` when the calling file is the process's entry point, not when a test imports it; `main` resolves to the
 * exit code, and a thrown error is printed as one line with exit code 1.
 */
export function runIfEntry(moduleUrl: string, main: () => Promise<number>): void {
  const entry = process.argv[1] ? fs.realpathSync(path.resolve(process.argv[1])) : '';
  if (entry !== fs.realpathSync(fileURLToPath(moduleUrl))) return;
  main().then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}

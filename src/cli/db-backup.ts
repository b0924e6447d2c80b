/**
 * `npm run db:backup [-- --to DIR]`: an online backup of the configured database and uploads folder into DIR
 * (default: BACKUP_DIR/golmok-<UTC time>), with a manifest of row counts and file hashes. Safe while the site serves.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { assertReachable, createKnex } from '../db/index.js';
import { createBackup, defaultBackupName } from '../db/backup.js';
import { createLogger } from '../core/logger.js';
import { runIfEntry } from './cli-kit.js';

const USAGE = 'Usage: npm run db:backup [-- --to DIR]';

/** The command, callable in-process: returns the exit code (0 done, 1 failed, 2 bad arguments). */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out: (line: string) => void = console.log,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { to: { type: 'string' } } }));
  } catch (err) {
    out(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(env);
  const started = Date.now();
  const to = path.resolve(values.to ?? path.join(config.backupDir, defaultBackupName(new Date())));
  const db = createKnex(config.db, { logger: createLogger(config.logLevel) });
  try {
    await assertReachable(db);
    const manifest = await createBackup({ db, config, to, log: (line) => out(`  ${line}`) });
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    out(
      `Backed up ${rows} rows in ${Object.keys(manifest.tables).length} tables and ${manifest.uploads.length} upload files to ${to} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

runIfEntry(import.meta.url, () => main(process.argv.slice(2)));

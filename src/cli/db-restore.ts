/**
 * `npm run db:restore -- --from DIR [--force]`: restores a backup made by db:backup into the configured database and
 * uploads folder (stop the site first). Refuses a target holding data unless --force; checks the manifest throughout.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { restoreBackup } from '../db/restore.js';
import { runIfEntry } from './cli-kit.js';

const USAGE = 'Usage: npm run db:restore -- --from DIR [--force]';

/** The command, callable in-process: returns the exit code (0 done, 1 failed or refused, 2 bad arguments). */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out: (line: string) => void = console.log,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: 'string' }, force: { type: 'boolean', default: false } } }));
  } catch (err) {
    out(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.from) {
    out(USAGE);
    return 2;
  }
  const config = loadConfig(env);
  const manifest = await restoreBackup({ config, from: values.from, force: values.force, log: (line) => out(`  ${line}`) });
  const into = config.db.client === 'pg' ? `PostgreSQL schema ${config.db.schema ?? 'public'}` : config.db.filename;
  out(`Restored the backup of ${manifest.createdAt} into ${into} and ${config.uploadsDir}; row counts and file hashes match the manifest.`);
  return 0;
}

runIfEntry(import.meta.url, () => main(process.argv.slice(2)));

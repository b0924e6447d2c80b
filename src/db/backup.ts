/**
 * Online backup of a whole site: the database (SQLite VACUUM INTO, or pg_dump of the configured schema) and the
 * uploads folder, with a manifest of row counts per table and a hash of every file. A backup folder appears under
 * its final name only when complete (it is written under a temporary sibling name and renamed).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../config/index.js';
import { clientOf } from './knex.js';
import { migrationStatus } from './migrate.js';
import { snapshotSqlite } from './backup-sqlite.js';
import { dumpPg } from './backup-pg.js';
import { copyTree, isEmptyFolder, sha256File, type FileEntry } from './backup-files.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'golmok-backup/1';

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  engine: 'sqlite' | 'pg';
  /** PostgreSQL: the schema dumped; null on SQLite. */
  schema: string | null;
  migrations: string[];
  database: FileEntry;
  tables: Record<string, number>;
  uploads: FileEntry[];
  /** Files that media rows of the snapshot name but the uploads folder did not hold at backup time. */
  missingUploads: string[];
}

/** The default folder name for a backup taken at `now`: golmok-20261124-020000. */
export function defaultBackupName(now: Date): string {
  return `golmok-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`;
}

export async function createBackup(opts: {
  db: Knex;
  config: Readonly<Config>;
  to: string;
  now?: Date;
  log?: (line: string) => void;
}): Promise<BackupManifest> {
  const { db, config } = opts;
  const log = opts.log ?? (() => undefined);
  const to = path.resolve(opts.to);
  if (!(await isEmptyFolder(to))) throw new Error(`${to} already exists and is not empty; choose another --to folder.`);
  const work = `${to}.partial-${process.pid}`;
  await fs.rm(work, { recursive: true, force: true });
  await fs.mkdir(work, { recursive: true });
  try {
    const engine = clientOf(db);
    const dbFile = engine === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
    const schema = config.db.client === 'pg' ? (config.db.schema ?? 'public') : null;
    // Migrations are read before the snapshot: one landing in between would show up as a count mismatch, never silently.
    const migrations = (await migrationStatus(db)).done;
    const { tables, referenced } =
      config.db.client === 'pg'
        ? await dumpPg(db, config.db.connection, schema!, path.join(work, dbFile))
        : await snapshotSqlite(db, path.join(work, dbFile));
    log(`database: ${Object.values(tables).reduce((a, b) => a + b, 0)} rows in ${Object.keys(tables).length} tables`);
    // After the snapshot: every media row in it was written after its files, so they are here (unless cleaned up since).
    const uploads = await copyTree(config.uploadsDir, path.join(work, 'uploads'));
    log(`uploads: ${uploads.length} files, ${uploads.reduce((a, f) => a + f.bytes, 0)} bytes`);
    const present = new Set(uploads.map((u) => u.path));
    const stat = await fs.stat(path.join(work, dbFile));
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      createdAt: (opts.now ?? new Date()).toISOString(),
      engine,
      schema,
      migrations,
      database: { path: dbFile, bytes: stat.size, sha256: await sha256File(path.join(work, dbFile)) },
      tables,
      uploads,
      missingUploads: [...referenced].filter((f) => !present.has(f)).sort(),
    };
    if (manifest.missingUploads.length)
      log(`warning: ${manifest.missingUploads.length} files named by media rows were not in the uploads folder`);
    await fs.writeFile(path.join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    await fs.rm(to, { recursive: true, force: true });
    await fs.rename(work, to);
    return manifest;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

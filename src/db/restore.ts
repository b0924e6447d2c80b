/**
 * Restores a backup made by createBackup into the configured database and uploads folder: the manifest and every
 * file's hash are checked before anything is touched; a target holding data is refused unless forced; the restored
 * row counts and files are checked against the manifest again.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/index.js';
import { migrations } from '../../db/migrations/index.js';
import { createKnex } from './knex.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, type BackupManifest } from './backup.js';
import { checkPgTarget, restorePg } from './backup-pg.js';
import { countDifferences, restoreSqlite, sqliteTablesHoldingData } from './backup-sqlite.js';
import { copyTree, findMismatches, isEmptyFolder, listFiles } from './backup-files.js';

export async function readManifest(from: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(from, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch (err) {
    throw new Error(`${from} is not a Golmok backup (no readable ${MANIFEST_FILE}: ${(err as Error).message})`);
  }
  if (manifest?.format !== MANIFEST_FORMAT) throw new Error(`${from}: unknown backup format ${JSON.stringify(manifest?.format)}`);
  return manifest;
}

/** Everything wrong with a backup folder (missing or altered files, a newer schema than this code knows), as lines. */
export async function verifyBackup(from: string, manifest: BackupManifest): Promise<string[]> {
  const known = new Set(migrations.map(([name]) => name));
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  return [
    ...(unknown.length ? [`made by a newer version of Golmok (unknown migrations: ${unknown.join(', ')})`] : []),
    ...(await findMismatches(from, [manifest.database])),
    ...(await findMismatches(path.join(from, 'uploads'), manifest.uploads)).map((line) => `uploads/${line}`),
  ];
}

export async function restoreBackup(opts: {
  config: Readonly<Config>;
  from: string;
  force?: boolean;
  log?: (line: string) => void;
}): Promise<BackupManifest> {
  const { config } = opts;
  const force = opts.force ?? false;
  const log = opts.log ?? (() => undefined);
  const from = path.resolve(opts.from);
  const manifest = await readManifest(from);
  if (manifest.engine !== config.db.client) {
    throw new Error(
      `This backup is of a ${manifest.engine === 'pg' ? 'PostgreSQL' : 'SQLite'} database; the configuration points at ${config.db.client === 'pg' ? 'PostgreSQL' : 'SQLite'} (restore on the same engine, then use db:copy).`,
    );
  }
  const problems = await verifyBackup(from, manifest);
  if (problems.length) throw new Error(`The backup in ${from} does not match its manifest: ${problems.slice(0, 10).join('; ')}`);
  log(`backup verified: ${manifest.uploads.length + 1} files, ${Object.keys(manifest.tables).length} tables`);
  if (!force && !(await isEmptyFolder(config.uploadsDir)))
    throw new Error(`The uploads folder ${config.uploadsDir} is not empty; use --force to replace its contents.`);
  const snapshot = path.join(from, manifest.database.path);

  if (config.db.client === 'sqlite') {
    const holding = await sqliteTablesHoldingData(config.db.filename);
    if (holding.length && !force)
      throw new Error(`The database ${config.db.filename} already holds data (${holding.join(', ')}); use --force to replace it.`);
    await fs.mkdir(path.dirname(config.db.filename), { recursive: true });
    await restoreSqlite(snapshot, config.db.filename, manifest.tables);
  } else {
    const toSchema = config.db.schema ?? 'public';
    const db = createKnex(config.db);
    try {
      await checkPgTarget(db, manifest.schema ?? 'public', toSchema, force);
      const counts = await restorePg(db, config.db.connection, snapshot, manifest.schema ?? 'public', toSchema);
      const diff = countDifferences(manifest.tables, counts);
      if (diff.length) throw new Error(`The restored database does not match the manifest: ${diff.join(', ')}`);
    } finally {
      await db.destroy();
    }
  }
  log(`database restored: ${Object.values(manifest.tables).reduce((a, b) => a + b, 0)} rows, counts verified`);

  // The folder itself stays (it may be a mount point shared by several instances); its contents are replaced.
  for (const rel of await listFiles(config.uploadsDir)) await fs.rm(path.join(config.uploadsDir, ...rel.split('/')), { force: true });
  await copyTree(path.join(from, 'uploads'), config.uploadsDir);
  const bad = await findMismatches(config.uploadsDir, manifest.uploads);
  if (bad.length) throw new Error(`Restored uploads do not match the manifest: ${bad.slice(0, 10).join('; ')}`);
  log(`uploads restored: ${manifest.uploads.length} files, hashes verified`);
  return manifest;
}

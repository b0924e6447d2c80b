/** SQLite side of backup and restore: an online snapshot with VACUUM INTO, checked before it is given its name. */
import fs from 'node:fs/promises';
import knexFactory, { type Knex } from 'knex';
import { countAllRows, referencedUploads, tablesHoldingData, type SnapshotFacts } from './tables.js';

/** A plain connection to a database file (no WAL switch, no pool of writers): for checking snapshots and targets. */
function openFile(file: string): Knex {
  return knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
}

/** `PRAGMA integrity_check` of a file, then its row counts and the uploads it names; throws unless the check says ok. */
export async function checkSqliteFile(file: string): Promise<SnapshotFacts> {
  const db = openFile(file);
  try {
    const rows = (await db.raw('PRAGMA integrity_check')) as Array<{ integrity_check: string }>;
    const result = rows.map((r) => r.integrity_check).join('; ');
    if (result !== 'ok') throw new Error(`Integrity check of ${file} failed: ${result.slice(0, 500)}`);
    return { tables: await countAllRows(db), referenced: await referencedUploads(db) };
  } finally {
    await db.destroy();
  }
}

/**
 * Writes a consistent copy of the live database to `file`: VACUUM INTO reads one snapshot (WAL lets the site keep
 * writing), into a temporary name; the copy is integrity-checked and counted, then renamed. Returns its row counts.
 */
export async function snapshotSqlite(db: Knex, file: string): Promise<SnapshotFacts> {
  const temp = `${file}.tmp`;
  await fs.rm(temp, { force: true });
  try {
    await db.raw('VACUUM INTO ?', [temp]);
    const facts = await checkSqliteFile(temp);
    await fs.rename(temp, file);
    return facts;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** Data tables of an existing database file ([] when there is no file or it is empty). */
export async function sqliteTablesHoldingData(file: string): Promise<string[]> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat || stat.size === 0) return [];
  const db = openFile(file);
  try {
    return await tablesHoldingData(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Puts a verified snapshot in place of `target`: copy beside it, check integrity and counts, drop the old WAL and
 * shared-memory files (their frames belong to the old database), rename. The site must be stopped.
 */
export async function restoreSqlite(snapshot: string, target: string, expected: Record<string, number>): Promise<void> {
  const temp = `${target}.restore-${process.pid}.tmp`;
  try {
    await fs.copyFile(snapshot, temp);
    const diff = countDifferences(expected, (await checkSqliteFile(temp)).tables);
    if (diff.length) throw new Error(`The restored database does not match the manifest: ${diff.join(', ')}`);
    for (const suffix of ['-wal', '-shm', '-journal']) await fs.rm(`${target}${suffix}`, { force: true });
    await fs.rename(temp, target);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** "table: expected N, found M" for every table whose count differs (or is missing on one side). */
export function countDifferences(expected: Record<string, number>, found: Record<string, number>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  return names
    .filter((t) => expected[t] !== found[t])
    .map((t) => `${t}: expected ${expected[t] ?? 'no table'}, found ${found[t] ?? 'no table'}`);
}

/**
 * The benchmark's database: generated once per size with the app's own CLIs (demo data, then `db:generate`; on
 * PostgreSQL the SQLite database of the same size moved with `db:copy`), kept in BENCH_DATA_DIR between runs,
 * migrated before every run. SQLite files are generated under a temporary
 * name and renamed when complete, so a cancelled or concurrent generation is never mistaken for a finished one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { BenchOptions } from './options.js';
import { runNodeScript } from './processes.js';

export interface BenchDatabase {
  /** Environment the app and its CLIs get to use this database. */
  env: Record<string, string>;
  /** For the report: engine and where. */
  label: string;
  reused: boolean;
  /** Seconds the generation took (this run or the one that made the cached database). */
  generatedSeconds: number | null;
  open(): Knex;
}

interface Marker { listings: number; seed: number; engine: string; generatedSeconds: number; generatedAt: string }

const SEED = 7;

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function countListings(db: Knex): Promise<number> {
  const row = await db('listings').count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

function sqliteKnex(file: string): Knex {
  return knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true });
}

async function sqliteDatabase(opts: BenchOptions): Promise<BenchDatabase> {
  const file = opts.sqliteFile ?? path.join(opts.dataDir, `sqlite-${opts.listings}.sqlite`);
  const markerFile = `${file}.json`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const open = () => sqliteKnex(file);
  const base = { env: { SQLITE_FILE: file }, label: `SQLite ${file}`, open };
  if (fs.existsSync(file)) {
    const marker = readJson<Marker>(markerFile);
    if (marker) return { ...base, reused: true, generatedSeconds: marker.generatedSeconds };
    const db = open();
    const have = await countListings(db).finally(() => db.destroy());
    if (have < opts.listings)
      throw new Error(
        `${file} holds ${have} listings, fewer than ${opts.listings}: delete it (or set BENCH_SQLITE_FILE) to generate a new one`,
      );
    return { ...base, reused: true, generatedSeconds: null };
  }
  const generatedSeconds = await generateSqlite(opts, file);
  const marker: Marker = { listings: opts.listings, seed: SEED, engine: 'sqlite', generatedSeconds, generatedAt: new Date().toISOString() };
  fs.writeFileSync(markerFile, JSON.stringify(marker, null, 2));
  return { ...base, reused: false, generatedSeconds };
}

/** Only one bench generates a given file; a lock left by a process that is gone is taken over. */
function takeLock(lock: string): void {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      alive = Number.isSafeInteger(pid) && pid > 0 && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`process ${pid} is generating this database now (${lock}); wait for it`);
    fs.writeFileSync(lock, String(process.pid));
  }
}

/**
 * Generates into `<file>.partial` and renames it when complete. An interrupted generation is resumed: its
 * committed batches stay, and `db:generate` continues at the next id (listings depend only on id and seed, so a
 * resumed database holds the same listings as one generated in one go). Returns the seconds spent generating.
 */
async function generateSqlite(opts: BenchOptions, file: string): Promise<number> {
  const partial = `${file}.partial`;
  const progressFile = `${partial}.json`;
  const lock = `${file}.lock`;
  takeLock(lock);
  try {
    let progress = readJson<{ demoListings: number; seconds: number }>(progressFile);
    const env = { SQLITE_FILE: partial };
    const count = async () => {
      const db = sqliteKnex(partial);
      return countListings(db).finally(() => db.destroy());
    };
    if (!progress || !fs.existsSync(partial)) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(partial + suffix, { force: true });
      const started = Date.now();
      await runNodeScript('dist/src/cli/db.js', ['seed'], env, { nice: true });
      progress = { demoListings: await count(), seconds: (Date.now() - started) / 1000 };
      fs.writeFileSync(progressFile, JSON.stringify(progress));
    }
    const missing = opts.listings - ((await count()) - progress.demoListings);
    if (missing > 0) {
      process.stderr.write(
        `generating ${missing.toLocaleString('en-US')} of ${opts.listings.toLocaleString('en-US')} listings into ${partial} (nice; resumable; this takes a while)…\n`,
      );
      const started = Date.now();
      try {
        await runNodeScript('dist/src/cli/db-generate.js', ['--listings', String(missing), '--seed', String(SEED)], env, { nice: true });
      } finally {
        progress.seconds += (Date.now() - started) / 1000;
        fs.writeFileSync(progressFile, JSON.stringify(progress));
      }
      process.stderr.write(`generated in ${progress.seconds.toFixed(0)} s in all\n`);
    }
    for (const suffix of ['-wal', '-shm']) if (fs.existsSync(partial + suffix)) fs.renameSync(partial + suffix, file + suffix);
    fs.renameSync(partial, file);
    fs.rmSync(progressFile, { force: true });
    return progress.seconds;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Written when a generated PostgreSQL schema is complete (per schema and server). */
export function pgMarkerFile(opts: Pick<BenchOptions, 'dataDir' | 'dbSchema' | 'databaseUrl'>): string {
  return path.join(
    opts.dataDir,
    `pg-${opts.dbSchema}-${crypto.createHash('sha256').update(opts.databaseUrl!).digest('hex').slice(0, 10)}.json`,
  );
}

async function pgDatabase(opts: BenchOptions): Promise<BenchDatabase> {
  const url = opts.databaseUrl!;
  const schema = opts.dbSchema;
  const markerFile = pgMarkerFile(opts);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const open = () => knexFactory({ client: 'pg', connection: url, searchPath: [schema], pool: { min: 0, max: 2 } });
  const env = { DATABASE_URL: url, DB_SCHEMA: schema };
  const base = { env, label: `PostgreSQL, schema ${schema}`, open };
  const db = open();
  try {
    const exists = (await db.raw('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [schema])).rows.length > 0;
    const tables = exists
      ? Number((await db.raw('SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ?', [schema])).rows[0].n)
      : 0;
    const marker = readJson<Marker>(markerFile);
    if (marker && tables > 0 && (await countListings(db)) >= opts.listings)
      return { ...base, reused: true, generatedSeconds: marker.generatedSeconds };
    if (tables > 0 && !marker) {
      throw new Error(
        `schema ${schema} already holds tables the bench did not generate: drop it (DROP SCHEMA ${schema} CASCADE) or set BENCH_DB_SCHEMA`,
      );
    }
    // Ours but incomplete (an interrupted generation): start over.
    if (exists) await db.raw('DROP SCHEMA ?? CASCADE', [schema]);
  } finally {
    await db.destroy();
  }
  fs.rmSync(markerFile, { force: true });
  // The same listings as the SQLite database of this size (generated first when missing), moved with db:copy:
  // generating straight into PostgreSQL runs every row through the triggers and takes hours at a million listings.
  const sqlite = await sqliteDatabase({ ...opts, engine: 'sqlite' });
  const started = Date.now();
  process.stderr.write(`copying ${sqlite.label} into PostgreSQL schema ${schema} with db:copy…\n`);
  const admin = open();
  await admin.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]).finally(() => admin.destroy());
  await runNodeScript('dist/src/cli/db-copy.js', ['--from', `sqlite:${sqlite.env.SQLITE_FILE}`, '--to', url, '--to-schema', schema], {});
  const generatedSeconds = (sqlite.generatedSeconds ?? 0) + (Date.now() - started) / 1000;
  process.stderr.write(`copied in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  const marker: Marker = { listings: opts.listings, seed: SEED, engine: 'pg', generatedSeconds, generatedAt: new Date().toISOString() };
  fs.writeFileSync(markerFile, JSON.stringify(marker, null, 2));
  return { ...base, reused: false, generatedSeconds };
}

/** Generates or reuses the database for this run, then applies pending migrations (the app starts on a migrated database). */
export async function prepareDatabase(opts: BenchOptions): Promise<BenchDatabase> {
  const database = opts.engine === 'pg' ? await pgDatabase(opts) : await sqliteDatabase(opts);
  await runNodeScript('dist/src/cli/db.js', ['migrate'], database.env);
  return database;
}

/**
 * The load test's database: a private copy of the page bench's cached database (SQLite: `VACUUM INTO` a file of the
 * run; PostgreSQL: `pg_dump | pg_restore` of the bench schema into a database of its own), or with --listings 0 a
 * fresh one holding the demo data. The cache itself is never written to. Also: the advertiser accounts created up
 * front, and the call counter totals the beacons are checked against.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { main as dbCli } from '../../../src/cli/db.js';
import { main as userCreate } from '../../../src/cli/user-create.js';
import type { CliIo } from '../../../src/cli/cli-kit.js';
import { parseOptions } from '../pages/options.js';
import { pgMarkerFile, prepareDatabase } from '../pages/bench-database.js';
import { appEnv } from '../pages/processes.js';
import type { LoadTestOptions } from './options.js';

export interface LoadDatabase {
  /** What the app processes get to use this database. */
  env: Record<string, string>;
  label: string;
  open(): Knex;
  /** Removes the copy (not the cache it came from). */
  drop(): Promise<void>;
}

export const ACCOUNT_PASSWORD = 'load-test-only-password-1234';

/** Runs one of the app's CLIs in this process with the app's environment; its error output becomes the error. */
async function cli(
  main: (argv: string[], env: Record<string, string | undefined>, io: CliIo) => Promise<number>,
  argv: string[],
  env: Record<string, string>,
): Promise<void> {
  let errors = '';
  const io: CliIo = { stdout: { write: () => true }, stderr: { write: (s: string) => (errors += s) } };
  const code = await main(argv, appEnv(env), io);
  if (code !== 0) throw new Error(`${argv.join(' ')} failed (${code}): ${errors.trim()}`);
}

function pipeline(from: { cmd: string; args: string[] }, to: { cmd: string; args: string[] }): Promise<void> {
  const a = spawn(from.cmd, from.args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const b = spawn(to.cmd, to.args, { stdio: ['pipe', 'ignore', 'inherit'] });
  a.stdout.pipe(b.stdin);
  const done = (p: ChildProcess, name: string) => new Promise<void>((resolve, reject) => {
    p.once('error', reject);
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
  });
  return Promise.all([done(a, from.cmd), done(b, to.cmd)]).then(() => undefined);
}

async function sqliteCopy(opts: LoadTestOptions, runDir: string): Promise<LoadDatabase> {
  const file = path.join(runDir, 'golmok.sqlite');
  const open = () => knexFactory({ client: 'sqlite3', connection: { filename: file }, useNullAsDefault: true });
  if (opts.listings === 0) {
    await cli(dbCli, ['seed'], { SQLITE_FILE: file });
    return { env: { SQLITE_FILE: file }, label: `SQLite, demo data only (${file})`, open, drop: async () => undefined };
  }
  let source = opts.sqliteFile ?? path.join(opts.dataDir, `sqlite-${opts.listings}.sqlite`);
  // Generated (and migrated) by the page bench's code when missing; an existing cache file is only read.
  if (!fs.existsSync(source)) source = (await prepareDatabase(benchOptions(opts))).env.SQLITE_FILE;
  const reader = knexFactory({
    client: 'sqlite3',
    connection: { filename: `file:${encodeURI(source)}?mode=ro`, flags: ['OPEN_URI'] },
    useNullAsDefault: true,
  });
  try {
    await reader.raw('VACUUM INTO ?', [file]);
  } finally {
    await reader.destroy();
  }
  await cli(dbCli, ['migrate'], { SQLITE_FILE: file });
  return { env: { SQLITE_FILE: file }, label: `SQLite, a copy of ${source}`, open, drop: async () => undefined };
}

function benchOptions(opts: LoadTestOptions) {
  const env: NodeJS.ProcessEnv = {
    BENCH_DATA_DIR: opts.dataDir,
    BENCH_DB_SCHEMA: opts.dbSchema,
    BENCH_DATABASE_URL: opts.databaseUrl ?? '',
  };
  if (opts.sqliteFile) env.BENCH_SQLITE_FILE = opts.sqliteFile;
  return parseOptions(['--listings', String(opts.listings), '--engine', opts.engine], { ...env, PATH: '' });
}

async function pgCopy(opts: LoadTestOptions): Promise<LoadDatabase> {
  const sourceUrl = opts.databaseUrl!;
  const target = new URL(sourceUrl);
  const dbName = `golmok_load_${opts.listings || 'demo'}`;
  target.pathname = `/${dbName}`;
  const admin = knexFactory({ client: 'pg', connection: sourceUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw('DROP DATABASE IF EXISTS ??', [dbName]);
    await admin.raw('CREATE DATABASE ??', [dbName]);
  } finally {
    await admin.destroy();
  }
  const env = { DATABASE_URL: target.toString(), DB_SCHEMA: opts.dbSchema };
  const drop = async () => {
    const db = knexFactory({ client: 'pg', connection: sourceUrl, pool: { min: 0, max: 1 } });
    await db.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [dbName]).finally(() => db.destroy());
  };
  try {
    if (opts.listings === 0) {
      await cli(dbCli, ['seed'], env);
    } else {
      // Generated by the page bench's code when missing; a complete schema (its marker written) is only read.
      if (!fs.existsSync(pgMarkerFile(opts))) await prepareDatabase(benchOptions(opts));
      await pipeline(
        { cmd: 'pg_dump', args: ['-Fc', '-n', opts.dbSchema, sourceUrl] },
        { cmd: 'pg_restore', args: ['--no-owner', '-d', target.toString()] },
      );
      await cli(dbCli, ['migrate'], env);
    }
  } catch (err) {
    await drop();
    throw err;
  }
  return {
    env,
    label: `PostgreSQL, database ${dbName} (${opts.listings ? `a copy of schema ${opts.dbSchema}` : 'demo data only'})`,
    open: () => knexFactory({ client: 'pg', connection: env.DATABASE_URL, searchPath: [opts.dbSchema], pool: { min: 0, max: 2 } }),
    drop,
  };
}

export function prepareLoadDatabase(opts: LoadTestOptions, runDir: string): Promise<LoadDatabase> {
  return opts.engine === 'pg' ? pgCopy(opts) : sqliteCopy(opts, runDir);
}

/** `count` advertisers made with `user:create` (the app's CLI, in this process), or found from an earlier run. */
export async function createAccounts(db: Knex, dbEnv: Record<string, string>, count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, i) => `load-advertiser-${i + 1}@example.com`);
  const existing = new Set((await db('users').whereIn('email', emails).pluck('email')) as string[]);
  for (const email of emails.filter((e) => !existing.has(e))) {
    await cli(userCreate, ['--email', email, '--role', 'advertiser'], { ...dbEnv, GOLMOK_USER_PASSWORD: ACCOUNT_PASSWORD });
  }
  return emails;
}

/** All call taps ever counted: per listing and day, and per phone and day. */
export async function callTotals(db: Knex): Promise<{ listingCalls: number; phoneCalls: number }> {
  const a = await db('listing_daily_stats').sum({ n: 'calls' }).first();
  const b = await db('phone_daily_calls').sum({ n: 'calls' }).first();
  return { listingCalls: Number(a?.n ?? 0), phoneCalls: Number(b?.n ?? 0) };
}

/** The category every load-test submission goes to. */
export async function submissionCategoryId(db: Knex): Promise<number> {
  const row = await db('categories').where({ slug: 'flowers' }).first('id');
  if (!row) throw new Error('category "flowers" is missing: is the database migrated?');
  return Number(row.id);
}

/**
 * PostgreSQL side of backup and restore: pg_dump (custom format) of one schema inside an exported snapshot, so the
 * manifest's counts are those of the dump; pg_restore in one transaction into an empty schema.
 */
import { spawn } from 'node:child_process';
import type { Knex } from 'knex';
import type { Config } from '../config/index.js';
import { countAllRows, referencedUploads, tablesHoldingData, type SnapshotFacts } from './tables.js';

type PgConnection = Extract<Config['db'], { client: 'pg' }>['connection'];

/** libpq environment variables for pg_dump/pg_restore (the password stays out of the process list). */
export function libpqEnv(connection: PgConnection): Record<string, string> {
  const env: Record<string, string> = {};
  const set = (k: string, v: unknown) => {
    if (v !== undefined && v !== null && String(v) !== '') env[k] = String(v);
  };
  if (typeof connection === 'string') {
    const url = new URL(connection);
    set('PGHOST', url.searchParams.get('host') ?? decodeURIComponent(url.hostname));
    set('PGPORT', url.port);
    set('PGUSER', decodeURIComponent(url.username));
    set('PGPASSWORD', decodeURIComponent(url.password));
    set('PGDATABASE', decodeURIComponent(url.pathname.replace(/^\//, '')));
    set('PGSSLMODE', url.searchParams.get('sslmode'));
  } else {
    set('PGHOST', connection.host);
    set('PGPORT', connection.port);
    set('PGUSER', connection.user);
    set('PGPASSWORD', connection.password);
    set('PGDATABASE', connection.database);
  }
  return env;
}

/** Runs a PostgreSQL client program; rejects with its last lines of stderr when it exits non-zero. */
function run(program: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const pgVars = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
    const child = spawn(program, args, { env: { ...pgVars, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-4000)));
    child.once('error', (err) =>
      reject(new Error(`${program} could not be started (${err.message}); install the PostgreSQL client programs`)),
    );
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${program} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`)),
    );
  });
}

async function schemaExists(db: Knex, schema: string): Promise<boolean> {
  const res = (await db.raw('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [schema])) as { rows: unknown[] };
  return res.rows.length > 0;
}

/**
 * Dumps `schema` to `file` while the site keeps writing: a REPEATABLE READ transaction exports its snapshot, the
 * tables are counted in it and pg_dump reads the same snapshot. Returns the row counts and the uploads it names.
 */
export async function dumpPg(db: Knex, connection: PgConnection, schema: string, file: string): Promise<SnapshotFacts> {
  return db.transaction(async (trx) => {
    await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const snapshot = String(((await trx.raw('SELECT pg_export_snapshot() AS s')) as { rows: Array<{ s: string }> }).rows[0].s);
    const facts = { tables: await countAllRows(trx), referenced: await referencedUploads(trx) };
    await run('pg_dump', ['--format=custom', `--schema=${schema}`, `--snapshot=${snapshot}`, `--file=${file}`], libpqEnv(connection));
    return facts;
  });
}

/**
 * Refuses a target that cannot take the restore: one holding data (unless `force`), or, when the configured schema
 * differs from the dumped one, a database where the dumped schema's name is taken.
 */
export async function checkPgTarget(db: Knex, fromSchema: string, toSchema: string, force: boolean): Promise<void> {
  if (fromSchema !== toSchema && (await schemaExists(db, fromSchema))) {
    throw new Error(
      `This backup holds schema "${fromSchema}", which exists in the target database: restore with DB_SCHEMA=${fromSchema} into an empty database, or drop or rename that schema first.`,
    );
  }
  if (!(await schemaExists(db, toSchema))) return;
  const holding = await db.transaction(async (trx) => {
    await trx.raw('SET LOCAL search_path TO ??', [toSchema]);
    return tablesHoldingData(trx);
  });
  if (holding.length && !force)
    throw new Error(`The target schema "${toSchema}" already holds data (${holding.join(', ')}); use --force to replace it.`);
}

/**
 * Restores a dump of `fromSchema` into `toSchema` (the configured one; checked with checkPgTarget first). An existing
 * target schema is dropped; when the names differ the dump is restored under its own name and renamed. pg_restore
 * runs as one transaction. Returns the restored row counts.
 */
export async function restorePg(
  db: Knex,
  connection: PgConnection,
  file: string,
  fromSchema: string,
  toSchema: string,
): Promise<Record<string, number>> {
  await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [toSchema]);
  const env = libpqEnv(connection);
  // Without --dbname pg_restore would only print the SQL.
  await run(
    'pg_restore',
    [
      '--single-transaction',
      '--exit-on-error',
      '--no-owner',
      '--no-privileges',
      `--dbname=${env.PGDATABASE ?? env.PGUSER ?? 'postgres'}`,
      file,
    ],
    env,
  );
  if (fromSchema !== toSchema) await db.raw('ALTER SCHEMA ?? RENAME TO ??', [fromSchema, toSchema]);
  return db.transaction(async (trx) => {
    await trx.raw('SET LOCAL search_path TO ??', [toSchema]);
    return countAllRows(trx);
  });
}

/** The one place a Knex instance is made. Engine differences in connection set-up live here. */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import knexFactory, { type Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';

let pgTypesSet = false;
/** Loads the pg driver (only a PostgreSQL site needs it: it is not loaded on SQLite) and sets how it reads numbers. */
function preparePgDriver(): void {
  if (pgTypesSet) return;
  const pg = createRequire(import.meta.url)('pg') as typeof import('pg');
  // Return BIGINT (count(*), bigserial) as numbers: every id and count Golmok keeps fits in 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  // NUMERIC as numbers too (lat/lng, averages).
  pg.types.setTypeParser(1700, (v: string) => Number(v));
  pgTypesSet = true;
}

export type Db = Knex;
export type DbClient = 'sqlite' | 'pg';

/**
 * Knex's own messages, routed to pino instead of console.log. "Acquire connection error" is knex repeating,
 * with a stack, the error the failing query rejects with; whoever awaited that query reports it, so it is debug.
 */
function knexLogTo(logger: Logger): Knex.Logger {
  return {
    warn: (message) => {
      if (String(message).startsWith('Acquire connection error')) logger.debug({ knex: message }, 'knex: acquire connection error');
      else logger.warn({ knex: message }, 'knex warning');
    },
    error: (message) => logger.error({ knex: message }, 'knex error'),
    debug: (message) => logger.debug({ knex: message }, 'knex debug'),
    deprecate: (method, alternative) => logger.warn(`knex: ${method} is deprecated, use ${alternative}`),
  };
}

/** SQLITE_BUSY (another process holds the write lock past busy_timeout, or a snapshot went stale). */
export function isBusyError(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; message?: string } | null;
  return e?.code === 'SQLITE_BUSY' || e?.errno === 5 || /SQLITE_BUSY/.test(String(e?.message ?? ''));
}

/**
 * SQLite: a transaction that meets SQLITE_BUSY (a CLI tool, a backup or another process writing; WAL's stale
 * snapshot) is run again from the start after a short, growing, jittered pause; a transaction is all or nothing,
 * so running it again is safe. What still fails after the last try reaches the error handler as a 503 with a
 * "try again" message, never the driver's text. Only callback transactions are retried.
 */
export function retryBusyTransactions(knex: Knex, opts: { tries?: number; baseMs?: number; logger?: Logger } = {}): Knex {
  const tries = opts.tries ?? 5;
  const baseMs = opts.baseMs ?? 50;
  const original = knex.transaction.bind(knex) as (...args: unknown[]) => unknown;
  const retrying = (async (...args: unknown[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await original(...args);
      } catch (err) {
        if (!isBusyError(err) || attempt >= tries) throw err;
        opts.logger?.warn({ attempt }, 'SQLITE_BUSY: transaction retried');
        await new Promise((r) => setTimeout(r, baseMs * 2 ** (attempt - 1) * (0.5 + Math.random())));
      }
    }
  }) as unknown as Knex['transaction'];
  // knex defines `transaction` as a non-writable (but configurable) property.
  Object.defineProperty(knex, 'transaction', {
    configurable: true,
    value: (...args: unknown[]) => (typeof args[0] === 'function' ? retrying(...(args as [never])) : original(...args)),
  });
  return knex;
}

/** `logger`: where knex's own warnings go (see knexLogTo); without it knex prints them with console.log. */
export function createKnex(db: Config['db'], opts: { logger?: Logger } = {}): Knex {
  const log = opts.logger ? knexLogTo(opts.logger) : undefined;
  if (db.client === 'sqlite') {
    if (db.filename !== ':memory:') fs.mkdirSync(path.dirname(db.filename), { recursive: true });
    return retryBusyTransactions(knexFactory({
      client: 'sqlite3',
      log,
      connection: { filename: db.filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        // Single writer connection: WAL lets readers of other processes (CLI tools) proceed.
        afterCreate(conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, c: unknown) => void) {
          conn.exec(
            `PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${db.busyTimeoutMs}; PRAGMA synchronous = NORMAL;`,
            (err) => done(err, conn),
          );
        },
      },
    }), { logger: opts.logger });
  }
  preparePgDriver();
  return knexFactory({
    client: 'pg',
    log,
    connection: db.connection as Knex.PgConnectionConfig | string,
    searchPath: db.schema ? [db.schema, 'public'] : undefined,
    // A refused connection rejects the waiting query at once instead of retrying until the acquire timeout;
    // the timeout only bounds a server that never answers.
    pool: {
      min: 0,
      max: db.poolMax,
      propagateCreateError: true,
      // No JIT: this site's statements are short, and at a million listings the planner's estimates cross
      // jit_above_cost, so a 10 ms search spent 40+ ms compiling itself first.
      afterCreate(conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, c: unknown) => void) {
        conn.query('SET jit = off', (err) => done(err, conn));
      },
    },
    acquireConnectionTimeout: 10000,
  });
}

/**
 * SQLite only: a pool of read-only connections beside the single writer, so page reads run side by side (WAL
 * lets them read the last commit while the writer writes) instead of queueing on one connection. Transactions
 * never span the two: writes, and reads inside a write, go to the writer. Null where there is nothing to gain:
 * PostgreSQL (its pool already serves reads), `:memory:` (a second connection would see another database),
 * or SQLITE_READERS=0.
 */
export function createReadKnex(db: Config['db'], opts: { logger?: Logger } = {}): Knex | null {
  if (db.client !== 'sqlite' || db.filename === ':memory:' || db.readers < 1) return null;
  return knexFactory({
    client: 'sqlite3',
    log: opts.logger ? knexLogTo(opts.logger) : undefined,
    connection: { filename: db.filename },
    useNullAsDefault: true,
    pool: {
      min: 0,
      max: db.readers,
      afterCreate(conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, c: unknown) => void) {
        // query_only: a write sent here by mistake fails loudly instead of racing the writer.
        conn.exec(`PRAGMA query_only = ON; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${db.busyTimeoutMs};`, (err) => done(err, conn));
      },
    },
  });
}

export function clientOf(knex: Knex): DbClient {
  const name = String(knex.client.config.client);
  return name === 'pg' || name === 'postgres' || name === 'postgresql' ? 'pg' : 'sqlite';
}

/** Throws a one-line error when the database cannot be reached. */
export async function assertReachable(knex: Knex): Promise<void> {
  try {
    await knex.raw('select 1');
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`Cannot reach the database (${clientOf(knex)}): ${reason}`);
  }
}

/** Runs a trivial query; resolves to the engine name, rejects when the database does not answer. */
export async function checkDatabase(knex: Knex): Promise<DbClient> {
  await knex.raw('select 1');
  return clientOf(knex);
}

/**
 * Statements run the same way many times a second (a listing's page, a search shape) are planned once per pooled
 * PostgreSQL connection: they run as named prepared statements, named after their text. On SQLite (whose driver
 * keeps no plans between calls anyway) and inside a transaction they run as an ordinary query.
 * A kept plan holds up to a few hundred kB of server memory, so a connection keeps at most PREPARED_PER_CONNECTION
 * of them (the common ones come first); others run unnamed. Behind PgBouncer use session pooling, or 1.21+ with
 * max_prepared_statements.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { clientOf } from './knex.js';

type Row = Record<string, unknown>;

interface PgConnection { query(q: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }> }

const PREPARED_PER_CONNECTION = 32;
const preparedOn = new WeakMap<PgConnection, Set<string>>();
const names = new Map<string, string>();

const inTransaction = (db: Knex) => Boolean((db as Knex & { isTransaction?: boolean }).isTransaction);

/** Runs `fn` on a connection taken from `db`'s pool, handed back when it settles. */
async function onPooledConnection<C, T>(db: Knex, fn: (conn: C) => Promise<T>): Promise<T> {
  const client = db.client as { acquireConnection(): Promise<C>; releaseConnection(c: C): Promise<void> };
  const conn = await client.acquireConnection();
  try {
    return await fn(conn);
  } finally {
    await client.releaseConnection(conn);
  }
}

/** The rows of `sql` with its `?` bindings, as a prepared statement on PostgreSQL. */
export async function queryPrepared(db: Knex, sql: string, bindings: readonly Knex.RawBinding[]): Promise<Row[]> {
  if (clientOf(db) !== 'pg') return (await db.raw(sql, bindings as Knex.RawBinding[])) as Row[];
  if (inTransaction(db)) return ((await db.raw(sql, bindings as Knex.RawBinding[])) as { rows: Row[] }).rows;
  const native = db.raw(sql, bindings as Knex.RawBinding[]).toSQL().toNative();
  const name = names.get(native.sql) ?? `golmok_${createHash('sha1').update(native.sql).digest('hex').slice(0, 24)}`;
  if (!names.has(native.sql) && names.size < 1000) names.set(native.sql, name);
  return onPooledConnection(db, async (conn: PgConnection) => {
    const kept = preparedOn.get(conn) ?? new Set<string>();
    preparedOn.set(conn, kept);
    if (!kept.has(name) && kept.size >= PREPARED_PER_CONNECTION)
      return (await conn.query({ text: native.sql, values: [...native.bindings] })).rows;
    kept.add(name);
    return (await conn.query({ name, text: native.sql, values: [...native.bindings] })).rows;
  });
}

interface SqliteStatement { all(cb: (err: Error | null, rows: Row[]) => void): unknown }
interface SqliteConnection { prepare(sql: string): SqliteStatement }
const statementsOn = new WeakMap<object, Map<string, SqliteStatement>>();

/**
 * The rows of a statement without bindings that runs for nearly every request (the page stamps): straight on a pooled
 * connection, without the query builder and its runner. On PostgreSQL a named prepared statement (queryPrepared); on
 * SQLite one prepared once per connection. The driver resets it before each run and steps it to its end, so it holds
 * no read transaction between runs: every run reads the last commit, as an ordinary query does.
 */
export async function queryHot(db: Knex, sql: string): Promise<Row[]> {
  if (clientOf(db) === 'pg' || inTransaction(db)) return queryPrepared(db, sql, []);
  return onPooledConnection(db, async (conn: SqliteConnection) => {
    const kept = statementsOn.get(conn) ?? new Map<string, SqliteStatement>();
    statementsOn.set(conn, kept);
    let statement = kept.get(sql);
    if (!statement) {
      statement = conn.prepare(sql);
      kept.set(sql, statement);
    }
    const run = statement;
    return new Promise<Row[]>((resolve, reject) => run.all((err, rows) => (err ? reject(err) : resolve(rows))));
  });
}

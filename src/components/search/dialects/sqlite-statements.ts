/**
 * SQLite: search statements prepared once per connection, as on PostgreSQL (see runPrepared in postgres.ts). A search
 * statement's text depends only on the query's shape (tokens are bound), and compiling its CTEs cost about a third of
 * a millisecond, a tenth of a search; knex prepares every statement anew. Each connection keeps at most
 * PREPARED_PER_CONNECTION shapes (the first ones met: the common shapes); others run as ordinary queries. A cached
 * statement is only ever run to completion, so it holds no read snapshot between searches; SQLite re-prepares it by
 * itself after a schema change. The statements are finalised before their connection closes (sqlite3_close refuses a
 * connection with live statements).
 */
import type { Knex } from 'knex';

type Row = Record<string, unknown>;
interface Statement {
  all(params: unknown[], cb: (err: Error | null, rows: Row[]) => void): void;
  finalize(cb: () => void): void;
}
interface Connection {
  prepare(sql: string, cb: (err: Error | null) => void): Statement;
  close(cb?: (err: Error | null) => void): void;
}

const PREPARED_PER_CONNECTION = 32;
const statementsOf = new WeakMap<Connection, Map<string, Statement>>();

function statementsFor(conn: Connection): Map<string, Statement> {
  let statements = statementsOf.get(conn);
  if (statements) return statements;
  const cache = new Map<string, Statement>();
  statements = cache;
  statementsOf.set(conn, cache);
  const close = conn.close.bind(conn);
  conn.close = (cb) => {
    const live = [...cache.values()];
    cache.clear();
    let left = live.length;
    if (left === 0) return close(cb);
    for (const st of live) st.finalize(() => { if (--left === 0) close(cb); });
  };
  return statements;
}

function prepare(conn: Connection, sql: string): Promise<Statement> {
  return new Promise((resolve, reject) => {
    const st = conn.prepare(sql, (err) => (err ? reject(err) : resolve(st)));
  });
}

/**
 * The rows of a search statement, through the connection's prepared statement for its text (inside a transaction: as an ordinary query).
 */
export async function allPrepared(db: Knex, sql: string, bindings: Knex.RawBinding[]): Promise<Row[]> {
  if ((db as Knex & { isTransaction?: boolean }).isTransaction) return (await db.raw(sql, bindings)) as Row[];
  const native = db.raw(sql, bindings).toSQL().toNative();
  const client = db.client as { acquireConnection(): Promise<Connection>; releaseConnection(c: Connection): Promise<void> };
  const conn = await client.acquireConnection();
  let st: Statement | undefined;
  try {
    const statements = statementsFor(conn);
    st = statements.get(native.sql);
    if (!st && statements.size < PREPARED_PER_CONNECTION) {
      st = await prepare(conn, native.sql);
      statements.set(native.sql, st);
    }
    const prepared = st;
    if (prepared)
      return await new Promise<Row[]>((resolve, reject) =>
        prepared.all([...native.bindings], (err, rows) => (err ? reject(err) : resolve(rows))),
      );
  } finally {
    await client.releaseConnection(conn);
  }
  // A shape past the connection's quota: an ordinary query (after the connection went back: the writer's pool holds one).
  return (await db.raw(sql, bindings)) as Row[];
}

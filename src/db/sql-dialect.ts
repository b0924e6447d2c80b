/**
 * SQL that differs between SQLite and PostgreSQL, named by what it means. Repositories build statements from these
 * instead of branching on the engine inline (search keeps its own pair in components/search/dialects/).
 */
import type { Knex } from 'knex';
import { clientOf } from './knex.js';
import { toNumber } from './dialect.js';

export type Engine = 'pg' | 'sqlite';

export function engineOf(db: Knex): Engine {
  return clientOf(db) === 'pg' ? 'pg' : 'sqlite';
}

/** The rows of a `db.raw()` result: the SQLite driver hands back the array itself, the PostgreSQL one an object with `rows`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] } | null)?.rows ?? [];
}

/** The first row of a `db.raw()` result (see rowsOf), or undefined. */
export function firstRowOf<T = Record<string, unknown>>(result: unknown): T | undefined {
  return rowsOf<T>(result)[0];
}

/** The function building a JSON object from key, value pairs. */
export function jsonObjectFn(engine: Engine): string {
  return engine === 'pg' ? 'json_build_object' : 'json_object';
}

/**
 * A JSON array of `expr` over the rows, `[]` when there are none. PostgreSQL always orders by `orderBy`; SQLite only
 * with `orderOnSqlite` (else it keeps the order the rows arrive in, which an ordered subquery already gives).
 */
export function jsonArrayAgg(engine: Engine, expr: string, orderBy: string, opts: { orderOnSqlite?: boolean } = {}): string {
  if (engine === 'pg') return `coalesce(json_agg(${expr} ORDER BY ${orderBy}), '[]'::json)`;
  return opts.orderOnSqlite ? `json_group_array(${expr} ORDER BY ${orderBy})` : `json_group_array(${expr})`;
}

/** The values of `expr` over the rows as one comma-separated text (NULL when there are none). */
export function commaList(engine: Engine, expr: string): string {
  return engine === 'pg' ? `string_agg(${expr}::text, ',')` : `group_concat(${expr})`;
}

/** A join the planner must walk in the written order, left table outside (SQLite's CROSS JOIN); PostgreSQL plans its own. */
export function joinInWrittenOrder(engine: Engine): string {
  return engine === 'pg' ? 'JOIN' : 'CROSS JOIN';
}

/** A row of `n` bound numbers for a VALUES list: typed as double precision where the engine cannot infer it. */
export function floatRow(engine: Engine, n: number): string {
  const one = engine === 'pg' ? 'CAST(? AS DOUBLE PRECISION)' : '?';
  return `(${Array.from({ length: n }, () => one).join(', ')})`;
}

/** A bound instant (an ISO string) at or before a timestamp column. */
export function instantAtMost(engine: Engine, column: string): string {
  return engine === 'pg' ? `CAST(? AS timestamptz) <= ${column}` : `datetime(?) <= datetime(${column})`;
}

/**
 * The selected rows locked until the transaction ends, where the engine locks rows (PostgreSQL); SQLite's one writer
 * already holds the whole database.
 */
export function lockedForUpdate<T extends Knex.QueryBuilder>(query: T, engine: Engine): T {
  return engine === 'pg' ? (query.forUpdate() as T) : query;
}

/** The id of a row written with `.insert(…).returning('id')`: an object `{ id }`, or the bare id from older drivers. */
export function insertedId(row: unknown): number {
  return toNumber(typeof row === 'object' && row !== null ? (row as { id: unknown }).id : row);
}

/** What a Golmok database holds: its data tables (virtual search tables and knex's own left out) and their row counts. */
import type { Knex } from 'knex';
import { clientOf } from './knex.js';

/** Reference data the migrations seed on every install: it does not count as "holding data". */
export const SEEDED_TABLES: ReadonlySet<string> = new Set([
  'categories',
  'banned_terms',
  'cache_versions',
  'review_keywords',
  'ad_products',
]);

/** Base tables of the current database (SQLite) or schema (PostgreSQL), without FTS5 shadow tables and knex_*. */
export async function tablesOf(db: Knex): Promise<string[]> {
  if (clientOf(db) === 'sqlite') {
    const rows = (await db.raw(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'knex_%'",
    )) as Array<{ name: string; sql: string }>;
    const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql)).map((r) => r.name);
    return rows.map((r) => r.name).filter((n) => !virtual.some((v) => n === v || n.startsWith(`${v}_`)));
  }
  const res = (await db.raw(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'knex_%'",
  )) as { rows: Array<{ table_name: string }> };
  return res.rows.map((r) => r.table_name);
}

export async function countRows(db: Knex, table: string): Promise<number> {
  return Number((await db(table).count({ n: '*' }).first())?.n ?? 0);
}

/** Row counts of every table, sorted by name. */
export async function countAllRows(db: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of (await tablesOf(db)).sort()) out[t] = await countRows(db, t);
  return out;
}

/** Tables other than seeded reference data that have rows: a target holding any is "not empty". */
export async function tablesHoldingData(db: Knex): Promise<string[]> {
  const out: string[] = [];
  for (const t of await tablesOf(db)) if (!SEEDED_TABLES.has(t) && (await countRows(db, t)) > 0) out.push(t);
  return out;
}

/** What a backup records of its database snapshot. */
export interface SnapshotFacts { tables: Record<string, number>; referenced: Set<string> }

/** File names the media rows refer to (every stored variant). */
export async function referencedUploads(db: Knex): Promise<Set<string>> {
  const rows = (await db('media').select('variants')) as Array<{ variants: string }>;
  return new Set(rows.flatMap((r) => (JSON.parse(String(r.variants)) as Array<{ file: string }>).map((v) => v.file)));
}

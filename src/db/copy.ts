/**
 * Copies a whole Golmok database to another engine (SQLite → PostgreSQL is the path a growing site takes):
 * migrate the target, copy every table in foreign-key order in one transaction, convert values to the target's
 * column types, fix sequences, verify row counts. Derived tables (search documents, directory shelves, counts) come
 * along as they are: they were kept by the same code on the source, so the copy is consistent without a rebuild.
 */
import type { Knex } from 'knex';
import { clientOf } from './knex.js';
import { migrateLatest } from './migrate.js';
import { SEEDED_TABLES, tablesOf } from './tables.js';

type Row = Record<string, unknown>;
interface Column { name: string; type: string; generated: boolean }

async function columnsOf(db: Knex, table: string): Promise<Column[]> {
  if (clientOf(db) === 'sqlite') {
    const rows = (await db.raw('SELECT name, type, hidden FROM pragma_table_xinfo(?)', [table])) as Array<{
      name: string;
      type: string;
      hidden: number;
    }>;
    return rows.map((r) => ({ name: r.name, type: r.type.toLowerCase(), generated: r.hidden !== 0 }));
  }
  const res = (await db.raw(
    'SELECT column_name, data_type, is_generated FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
    [table],
  )) as { rows: Array<{ column_name: string; data_type: string; is_generated: string }> };
  return res.rows.map((r) => ({ name: r.column_name, type: r.data_type.toLowerCase(), generated: r.is_generated === 'ALWAYS' }));
}

async function parentsOf(db: Knex, table: string): Promise<string[]> {
  if (clientOf(db) === 'sqlite')
    return ((await db.raw('SELECT "table" AS t FROM pragma_foreign_key_list(?)', [table])) as Array<{ t: string }>).map((r) => r.t);
  const res = (await db.raw(
    `SELECT ccu.table_name AS t FROM information_schema.table_constraints tc
    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = ?`,
    [table],
  )) as { rows: Array<{ t: string }> };
  return res.rows.map((r) => r.t);
}

/** Parents before children (self-references are handled by copying in id order). */
async function dependencyOrder(db: Knex, tables: string[]): Promise<string[]> {
  const parents = new Map<string, string[]>();
  for (const t of tables) parents.set(t, (await parentsOf(db, t)).filter((p) => p !== t && tables.includes(p)));
  const out: string[] = [];
  const visit = (t: string, path: string[] = []) => {
    if (out.includes(t) || path.includes(t)) return;
    for (const p of parents.get(t) ?? []) visit(p, [...path, t]);
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t);
  return out;
}

function convert(value: unknown, targetType: string): unknown {
  if (value === null || value === undefined) return null;
  if (targetType.startsWith('timestamp') || targetType === 'datetime' || targetType === 'date') {
    if (value instanceof Date) return value;
    if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return new Date(Number(value));
    return new Date(String(value));
  }
  if (targetType === 'boolean') return value === true || value === 1 || value === '1' || value === 't';
  return value;
}

/**
 * One statement per batch on PostgreSQL: the rows travel as one JSON parameter and the server turns them into the
 * table's own row type, instead of a statement with tens of thousands of bound parameters to plan.
 */
async function insertAsJson(trx: Knex.Transaction, table: string, cols: Column[], rows: Row[]): Promise<void> {
  const list = cols.map(() => '??').join(', ');
  const names = cols.map((c) => c.name);
  await trx.raw(`INSERT INTO ?? (${list}) SELECT ${list} FROM json_populate_recordset(NULL::??, ?::json)`, [
    table,
    ...names,
    ...names,
    table,
    JSON.stringify(rows),
  ]);
}

interface IndexDefinition { name: string; definition: string }

/** Drops the secondary indexes (those backing no constraint) of the given tables; returns how to make them again. */
async function dropSecondaryIndexes(trx: Knex.Transaction, tables: string[]): Promise<IndexDefinition[]> {
  const res = (await trx.raw(`SELECT ix.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ix ON ix.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND t.relname = ANY(?) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    ORDER BY ix.relname`, [tables])) as { rows: IndexDefinition[] };
  for (const { name } of res.rows) await trx.raw('DROP INDEX ??', [name]);
  return res.rows;
}

export interface CopyReport { table: string; rows: number }

export async function copyDatabase(
  source: Knex,
  target: Knex,
  opts: { force?: boolean; batchSize?: number; log?: (line: string) => void } = {},
): Promise<CopyReport[]> {
  const log = opts.log ?? (() => undefined);
  await migrateLatest(target);
  const tables = await dependencyOrder(target, await tablesOf(source));
  const targetTables = new Set(await tablesOf(target));
  const order = tables.filter((t) => targetTables.has(t));
  const nonEmpty = [];
  for (const t of order) if (!SEEDED_TABLES.has(t) && Number((await target(t).count({ n: '*' }).first())?.n ?? 0) > 0) nonEmpty.push(t);
  if (nonEmpty.length && !opts.force) throw new Error(`The target already holds data (${nonEmpty.join(', ')}); use --force to replace it.`);
  // The audit log refuses DELETE (append-only, enforced by the database), so even --force cannot replace a used target.
  if (nonEmpty.includes('audit_log'))
    throw new Error('The target has an audit log, which is append-only and cannot be replaced; copy into an empty database or schema.');
  const pg = clientOf(target) === 'pg';
  const batch = opts.batchSize ?? (pg ? 2000 : 500);
  const report: CopyReport[] = [];
  await target.transaction(async (trx) => {
    // Every table is copied, derived ones (directory shelves and counts, version stamps) included, from one consistent
    // source: the target's triggers would only recompute the same rows, one statement per row. A superuser can turn
    // them off for this transaction (and foreign-key checks with them; the counts are verified below), which makes a
    // million-listing copy minutes instead of hours. Generated columns (the search vectors) are computed either way.
    if (pg && (await trx.raw("SELECT current_setting('is_superuser') AS su")).rows[0].su === 'on') {
      await trx.raw('SET LOCAL session_replication_role = replica');
      log('triggers off for the copy (superuser: session_replication_role = replica)');
    }
    for (const t of [...order].reverse()) await trx(t).del();
    // PostgreSQL builds secondary indexes (GIN over the search vectors above all) far faster in one pass over loaded
    // rows than row by row: they are dropped here and made again from their own definitions after the load, in this
    // transaction, as pg_restore does. Indexes that back a constraint (keys, uniques) stay.
    const rebuild = pg ? await dropSecondaryIndexes(trx, order) : [];
    for (const table of order) {
      const srcCols = new Set((await columnsOf(source, table)).filter((c) => !c.generated).map((c) => c.name));
      const cols = (await columnsOf(target, table)).filter((c) => !c.generated && srcCols.has(c.name));
      const key = cols.some((c) => c.name === 'id') ? ['id'] : cols.map((c) => c.name).slice(0, 2);
      let copied = 0;
      // Tables with an id are read in id order from the last id copied (keyset), so each batch is an index range read
      // and a million-row table copies in linear time; the few tables without one page by offset.
      const byId = key.length === 1 && key[0] === 'id';
      let lastId: unknown = null;
      for (let offset = 0; ; offset += batch) {
        const page = source(table)
          .select(cols.map((c) => c.name))
          .orderBy(key)
          .limit(batch);
        if (byId && lastId !== null) page.where('id', '>', lastId as number);
        else if (!byId) page.offset(offset);
        const rows = (await page) as Row[];
        if (rows.length === 0) break;
        if (byId) lastId = rows[rows.length - 1].id;
        const converted = rows.map((r) => Object.fromEntries(cols.map((c) => [c.name, convert(r[c.name], c.type)])));
        if (pg) await insertAsJson(trx, table, cols, converted);
        else {
          // Under SQLite's bound-parameter limit and its 500-term compound insert.
          const per = Math.max(1, Math.min(400, Math.floor(30000 / Math.max(1, cols.length))));
          for (let i = 0; i < converted.length; i += per) await trx(table).insert(converted.slice(i, i + per));
        }
        copied += rows.length;
      }
      report.push({ table, rows: copied });
      log(`${table}: ${copied}`);
    }
    for (const { name, definition } of rebuild) {
      await trx.raw(definition);
      log(`index ${name} made`);
    }
    if (pg) {
      for (const table of order) {
        if (!(await columnsOf(trx, table)).some((c) => c.name === 'id')) continue;
        await trx.raw(
          `SELECT setval(pg_get_serial_sequence(?, 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM ??), 1), (SELECT COUNT(*) > 0 FROM ??))`,
          [table, table, table],
        );
      }
    }
  });
  // Fresh statistics for the planner: autovacuum analyses a bulk-loaded table only at its next round, and until then
  // PostgreSQL plans the copied million rows as an empty table (sequential scans, wrong join orders).
  if (pg) for (const { table } of report) await target.raw('ANALYZE ??', [table]);
  for (const { table, rows } of report) {
    const n = Number((await target(table).count({ n: '*' }).first())?.n ?? 0);
    const expected = Number((await source(table).count({ n: '*' }).first())?.n ?? 0);
    if (n !== expected || n !== rows) throw new Error(`Row count mismatch in ${table}: source ${expected}, target ${n}`);
  }
  return report;
}

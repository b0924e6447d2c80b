/**
 * Copies every row of a PostgreSQL template schema into the current (freshly migrated, so identically shaped) schema,
 * inside the database: one transaction, the migration's own reference rows replaced, generated columns recomputed by
 * PostgreSQL, sequences set to the template's positions. With session_replication_role = replica no trigger or
 * foreign-key check runs during the copy (the rows are already consistent in the template), so table order is free.
 */
import type { Knex } from 'knex';

export async function copyRowsFromSchema(db: Knex, fromSchema: string): Promise<void> {
  await db.transaction(async (trx) => {
    const target = ((await trx.raw('SELECT current_schema() AS s')) as { rows: Array<{ s: string }> }).rows[0].s;
    if (target === fromSchema) throw new Error('copyRowsFromSchema: the target is the template itself');
    const tables = (
      (await trx.raw(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'knex\\_%' ORDER BY table_name`,
        [target],
      )) as { rows: Array<{ t: string }> }
    ).rows.map((r) => r.t);
    const columns = (
      (await trx.raw(
        `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = ? AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
        [target],
      )) as { rows: Array<{ t: string; c: string }> }
    ).rows;
    await trx.raw('SET LOCAL session_replication_role = replica');
    await trx.raw(`TRUNCATE ${tables.map(() => '??').join(', ')}`, tables.map((t) => `${target}.${t}`));
    for (const table of tables) {
      const cols = columns.filter((c) => c.t === table).map((c) => c.c);
      const list = cols.map(() => '??').join(', ');
      await trx.raw(`INSERT INTO ?? (${list}) SELECT ${list} FROM ??`, [`${target}.${table}`, ...cols, ...cols, `${fromSchema}.${table}`]);
    }
    const sequences = (
      (await trx.raw(`SELECT sequence_name AS s FROM information_schema.sequences WHERE sequence_schema = ?`, [target])) as {
        rows: Array<{ s: string }>;
      }
    ).rows.map((r) => r.s);
    for (const seq of sequences) {
      const { rows } = (await trx.raw('SELECT last_value, is_called FROM ??', [`${fromSchema}.${seq}`])) as {
        rows: Array<{ last_value: number; is_called: boolean }>;
      };
      await trx.raw('SELECT setval(?::regclass, ?, ?)', [`${target}.${seq}`, rows[0].last_value, rows[0].is_called]);
    }
  });
}

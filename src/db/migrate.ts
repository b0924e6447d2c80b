/** Runs the static migration list with Knex's migrator, on whichever engine the Knex instance speaks. */
import type { Knex } from 'knex';
import { migrations, type Migration } from '../../db/migrations/index.js';

class StaticMigrationSource implements Knex.MigrationSource<string> {
  async getMigrations(): Promise<string[]> {
    return migrations.map(([name]) => name);
  }
  getMigrationName(name: string): string {
    return name;
  }
  async getMigration(name: string): Promise<Migration> {
    const found = migrations.find(([n]) => n === name);
    if (!found) throw new Error(`Unknown migration ${name}`);
    return found[1];
  }
}

function migratorConfig(): Knex.MigratorConfig {
  return { migrationSource: new StaticMigrationSource(), tableName: 'knex_migrations' };
}

async function ensureSchema(knex: Knex): Promise<void> {
  const searchPath = (knex.client.config as { searchPath?: string[] }).searchPath;
  if (searchPath?.[0] && searchPath[0] !== 'public') {
    await knex.raw('CREATE SCHEMA IF NOT EXISTS ??', [searchPath[0]]);
  }
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  await ensureSchema(knex);
  const [, applied] = (await knex.migrate.latest(migratorConfig())) as [number, string[]];
  return applied;
}

export async function migrateRollback(knex: Knex, all = false): Promise<string[]> {
  const [, reverted] = (await knex.migrate.rollback(migratorConfig(), all)) as [number, string[]];
  return reverted;
}

export async function migrationStatus(knex: Knex): Promise<{ done: string[]; pending: string[] }> {
  const [done, pending] = (await knex.migrate.list(migratorConfig())) as [Array<{ name: string }>, Array<string | { file: string }>];
  return {
    done: done.map((d) => d.name),
    pending: pending.map((p) => (typeof p === 'string' ? p : p.file)),
  };
}

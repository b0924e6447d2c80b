/**
 * Test databases: SQLite in a temp file always; PostgreSQL in a schema of its own when TEST_DATABASE_URL is set.
 * Every test file gets fresh, migrated databases and drops them afterwards.
 *
 * Under `npm test` (tests/global-setup.ts) the migrations run once per test run into template databases:
 * SQLite test databases are copies of the migrated (or demo-seeded) template file; PostgreSQL schemas are migrated as
 * before (DDL cannot be copied between schemas safely) and a demo-seeded one gets its rows copied from a seeded
 * template schema (tests/helpers/pg-clone.ts). Without the global setup (a config that lacks it) everything is made
 * from scratch, so the API and the results are the same either way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config/index.js';
import { createKnex, migrateLatest } from '../../src/db/index.js';
import { copyRowsFromSchema } from './pg-clone.js';

export type Engine = 'sqlite' | 'pg';

/** What tests/global-setup.ts prepared for this run. */
export interface TestTemplates {
  sqlite: { migrated: string; demo: string };
  pg?: { demoSchema: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    golmokTemplates: TestTemplates | undefined;
  }
}

/** The engines this run covers: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'pg'] : ['sqlite'];
}

export interface TestDb {
  engine: Engine;
  db: Knex;
  config: Readonly<Config>;
  dir: string;
  destroy(): Promise<void>;
}

/** The environment every test database is configured with (cheap password hashes, no proof of work, silent logs). */
export function testEnv(engine: Engine, dir: string, schema: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    UPLOADS_DIR: path.join(dir, 'uploads'),
    OUTBOX_DIR: path.join(dir, 'outbox'),
    SEED_ON_START: 'false',
    PASSWORD_HASH_COST: '1024',
    // Proof of work has its own tests (they turn it on); other suites post forms without solving it.
    POW_ENABLED: 'false',
    ...(engine === 'pg'
      ? { DATABASE_URL: process.env.TEST_DATABASE_URL ?? '', DB_SCHEMA: schema, DB_POOL_MAX: '4' }
      : { SQLITE_FILE: path.join(dir, 'golmok.sqlite') }),
    ...env,
  };
}

function templates(): TestTemplates | undefined {
  try {
    return inject('golmokTemplates');
  } catch {
    return undefined; // not inside a Vitest worker
  }
}

async function openTestDb(
  engine: Engine,
  env: Record<string, string>,
  templateFile: string | undefined,
  fill?: (db: Knex) => Promise<void>,
): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-test-'));
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const config = loadConfig(testEnv(engine, dir, schema, env), dir);
  if (templateFile && config.db.client === 'sqlite') {
    fs.mkdirSync(path.dirname(config.db.filename), { recursive: true });
    fs.copyFileSync(templateFile, config.db.filename);
  }
  const db = createKnex(config.db);
  // On a template copy this only confirms that nothing is pending (a stale template would be migrated here).
  await migrateLatest(db);
  await fill?.(db);
  return {
    engine,
    db,
    config,
    dir,
    async destroy() {
      if (engine === 'pg') await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated database on the given engine, with its own temp folder for uploads and mail. */
export async function createTestDb(engine: Engine = 'sqlite', env: Record<string, string> = {}): Promise<TestDb> {
  return openTestDb(engine, env, engine === 'sqlite' ? templates()?.sqlite.migrated : undefined);
}

/**
 * A fresh database already holding the demo data as tests/helpers/test-app.ts seeds it at TEST_NOW, copied from this
 * run's template; null when the run has no such template (the caller seeds it itself).
 */
export async function createDemoTestDb(engine: Engine, env: Record<string, string> = {}): Promise<TestDb | null> {
  const t = templates();
  if (engine === 'sqlite') return t ? openTestDb(engine, env, t.sqlite.demo) : null;
  const demoSchema = t?.pg?.demoSchema;
  if (!demoSchema) return null;
  return openTestDb(engine, env, undefined, (db) => copyRowsFromSchema(db, demoSchema));
}

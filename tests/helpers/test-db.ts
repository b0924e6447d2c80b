/**
 * Test databases: SQLite in a temp file always; PostgreSQL in a schema of its own when TEST_DATABASE_URL is set.
 * Every test file gets fresh, migrated databases and drops them afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { loadConfig, type Config } from '../../src/config/index.js';
import { createKnex, migrateLatest } from '../../src/db/index.js';

export type Engine = 'sqlite' | 'pg';

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

/** A fresh, migrated database on the given engine, with its own temp folder for uploads and mail. */
export async function createTestDb(engine: Engine = 'sqlite', env: Record<string, string> = {}): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-test-'));
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const base: Record<string, string> = {
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
  const config = loadConfig(base, dir);
  const db = createKnex(config.db);
  await migrateLatest(db);
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

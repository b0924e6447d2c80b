/**
 * Vitest global setup: migrates once per test run into template databases that tests/helpers/test-db.ts copies per
 * test file — an SQLite file migrated, one also holding the demo data, and (with TEST_DATABASE_URL) a PostgreSQL schema
 * holding the demo data. Removed again when the run ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config/index.js';
import { createKnex, migrateLatest } from '../src/db/index.js';
import { createServices } from '../src/services.js';
import { fixedClock } from '../src/lib/clock.js';
import { testEnv, type Engine, type TestTemplates } from './helpers/test-db.js';
import { seedTestDemo, TEST_NOW } from './helpers/test-app.js';

async function buildTemplate(engine: Engine, dir: string, schema: string, seed: boolean): Promise<void> {
  const config = loadConfig(testEnv(engine, dir, schema), dir);
  const db = createKnex(config.db);
  try {
    await migrateLatest(db);
    if (seed) {
      const clock = fixedClock(TEST_NOW);
      const services = createServices(config, db, { clock });
      try {
        await seedTestDemo(db, services, clock.now());
      } finally {
        await services.close();
      }
    }
    // Copies must not depend on a write-ahead log next to the file: fold it into the file before closing.
    if (engine === 'sqlite') await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await db.destroy();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-templates-'));
  const sqliteFile = async (name: string, seed: boolean) => {
    const dir = path.join(root, name);
    await buildTemplate('sqlite', dir, '', seed);
    const file = path.join(dir, 'golmok.sqlite');
    if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0) throw new Error(`template ${file} left a write-ahead log`);
    return file;
  };
  let dropPg = async () => undefined as void;
  const pgDemo = async (): Promise<TestTemplates['pg']> => {
    if (!process.env.TEST_DATABASE_URL) return undefined;
    const demoSchema = `tmpl_${crypto.randomBytes(6).toString('hex')}`;
    dropPg = async () => {
      const db = createKnex({ client: 'pg', connection: process.env.TEST_DATABASE_URL!, poolMax: 1 });
      await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [demoSchema]);
      await db.destroy();
    };
    await buildTemplate('pg', path.join(root, 'pg'), demoSchema, true);
    return { demoSchema };
  };
  // The PostgreSQL template mostly waits on the server: build it beside the SQLite ones.
  const [migrated, demo, pg] = await Promise.allSettled([sqliteFile('migrated', false), sqliteFile('demo', true), pgDemo()]);
  if (migrated.status === 'rejected' || demo.status === 'rejected' || pg.status === 'rejected') {
    await dropPg();
    fs.rmSync(root, { recursive: true, force: true });
    throw [migrated, demo, pg].find((r) => r.status === 'rejected')!.reason;
  }
  const templates: TestTemplates = { sqlite: { migrated: migrated.value, demo: demo.value }, pg: pg.value };

  project.provide('golmokTemplates', templates);
  return async () => {
    await dropPg();
    fs.rmSync(root, { recursive: true, force: true });
  };
}

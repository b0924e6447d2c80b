/** The whole app on a fresh test database, driven through Supertest without a port. */
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/web/logger.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestDb, type Engine, type TestDb } from './test-db.js';
import { seedDemo } from '../../db/seeds/demo.js';

/** A fixed instant used by tests: Tuesday 2026-11-24 11:00 in Seoul. */
export const TEST_NOW = '2026-11-24T02:00:00Z';

export interface TestApp extends TestDb {
  app: Express;
  clock: ReturnType<typeof fixedClock>;
  services: ReturnType<typeof createApp>['services'];
  close(): Promise<void>;
}

export async function createTestApp(opts: { engine?: Engine; seed?: boolean; env?: Record<string, string>; now?: string } = {}): Promise<TestApp> {
  const testDb = await createTestDb(opts.engine ?? 'sqlite', opts.env);
  const clock = fixedClock(opts.now ?? TEST_NOW);
  const { app, services, close } = createApp({ config: testDb.config, db: testDb.db, logger: createLogger('silent'), clock });
  if (opts.seed) await seedDemo({ db: testDb.db, createListing: services.listings.createListing, now: clock.now() });
  return {
    ...testDb, app, clock, services,
    close: async () => {
      await close();
      await testDb.destroy();
    },
  };
}

/** Finds a seeded listing's id by its name. */
export async function listingIdByName(t: TestDb, name: string): Promise<number> {
  const row = await t.db('listings').where({ name }).first('id');
  if (!row) throw new Error(`No listing named ${name}`);
  return Number(row.id);
}

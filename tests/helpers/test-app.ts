/** The whole app on a fresh test database, driven through Supertest without a port. */
import type { RequestListener } from 'node:http';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { createServices, type Services } from '../../src/services.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createDemoTestDb, createTestDb, type Engine, type TestDb } from './test-db.js';
import { seedDemo } from '../../src/demo/demo.js';
import type { Geocoder } from '../../src/components/submissions/index.js';

/** A fixed instant used by tests: Tuesday 2026-11-24 11:00 in Seoul. */
export const TEST_NOW = '2026-11-24T02:00:00Z';

export interface TestApp extends TestDb {
  app: Express;
  /** What the server listens with: the front before Express (PAGE_FRONT, on by default), else the app. */
  handler: RequestListener;
  clock: ReturnType<typeof fixedClock>;
  services: Services;
  /** The worker pool of the desk's bulk parses (its stats show a job running). */
  bulkPool: Services['bulkPool'];
  /** Where anonymous reads wait for a save in flight (web/save-gate.ts). */
  saveGate: ReturnType<typeof createApp>['saveGate'];
  close(): Promise<void>;
}

/**
 * Settings that play no part in how the demo data is written (request limits, proof of work): a seeded app with only
 * these changed can start from the run's demo template. Any other setting seeds from scratch, to be safe.
 */
const SEED_NEUTRAL_SETTINGS = new Set([
  'POW_ENABLED',
  'POW_MAX_NUMBER',
  'PAGE_CACHE_MB',
  'TRUST_PROXY',
  'PUBLIC_URL',
  'ALLOWED_HOSTS',
  'PAGE_FRONT',
  'RATE_LIMIT_ENABLED',
  'RATE_LIMIT_SYNC_MS',
  'API_RATE_LIMIT_PER_MINUTE',
  'SIGNUP_LIMIT_PER_HOUR',
  'SUBMISSION_LIMIT_PER_HOUR',
  'REPORT_LIMIT_PER_HOUR',
]);

/** The demo data as createTestApp writes it; tests/global-setup.ts makes the templates with this too. */
export async function seedTestDemo(db: TestDb['db'], services: TestApp['services'], now: Date): Promise<void> {
  await seedDemo({ db, createListing: services.listings.createListing, now });
}

/**
 * `seed`: the demo data (2 print ads, 200 synthetic listings) written at `now`; copied from the run's template when
 * `now` is TEST_NOW and only seed-neutral settings differ, unless `template: false` asks for a seed from scratch.
 */
export async function createTestApp(
  opts: { engine?: Engine; seed?: boolean; env?: Record<string, string>; now?: string; template?: boolean; geocode?: Geocoder } = {},
): Promise<TestApp> {
  const engine = opts.engine ?? 'sqlite';
  const now = opts.now ?? TEST_NOW;
  const fromTemplate =
    opts.seed && opts.template !== false && now === TEST_NOW && Object.keys(opts.env ?? {}).every((k) => SEED_NEUTRAL_SETTINGS.has(k));
  const seeded = fromTemplate ? await createDemoTestDb(engine, opts.env) : null;
  const testDb = seeded ?? (await createTestDb(engine, opts.env));
  const clock = fixedClock(now);
  const services = createServices(testDb.config, testDb.db, { clock, geocode: opts.geocode });
  const { app, handler, close, saveGate } = createApp(services);
  const { bulkPool } = services;
  if (opts.seed && !seeded) await seedTestDemo(testDb.db, services, clock.now());
  return {
    ...testDb,
    app,
    handler,
    clock,
    services,
    bulkPool,
    saveGate,
    close: async () => {
      await close();
      await services.close();
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

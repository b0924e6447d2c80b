import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/core/logger.js';
import { loadConfig } from '../../../src/config/index.js';
import { createTestDb } from '../../helpers/test-db.js';

async function brokenApp(env: 'production' | 'development') {
  const t = await createTestDb('sqlite');
  const config = loadConfig({
    ...Object.fromEntries(Object.entries(t.config)),
    NODE_ENV: env,
    PUBLIC_URL: 'https://golmok.test',
    SESSION_SECRET: 'a-test-secret-of-16+chars',
    TOTP_ENCRYPTION_KEYS: 'k1:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
    SQLITE_FILE: String((t.config.db as { filename: string }).filename),
  });
  // Reads go to the same (soon destroyed) connection: no read pool keeps answering.
  const { app } = createApp({ config, db: t.db, readDb: t.db, logger: createLogger('silent') });
  // The session store checks its table at start-up; SQLite's single connection runs queries in order, so this waits for it.
  await t.db.raw('select 1');
  await t.db.destroy(); // every query now fails like a lost database connection
  return app;
}

describe('500 page', () => {
  it('production: a failing database → 500 in Korean, no stack, no SQL, no driver text', async () => {
    const res = await request(await brokenApp('production')).get('/').expect(500);
    expect(res.text).toContain('일시적인 오류가 발생했습니다');
    expect(res.text).not.toMatch(/at .*\.ts:\d+|Error:|select|sqlite|knex/i);
  });

  it('production JSON API: a failing database → 500 JSON without internals', async () => {
    const res = await request(await brokenApp('production')).get('/api/categories').expect(500);
    expect(res.body).toEqual({ error: { status: 500, message: '일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.' } });
  });

  it('development: the stack is shown to the developer', async () => {
    const res = await request(await brokenApp('development')).get('/').expect(500);
    expect(res.text).toContain('class="stack"');
  });
});

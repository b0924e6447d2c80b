/**
 * SQLITE_BUSY: another process holding the write lock (a CLI tool, a backup, a second server on the same file)
 * makes a write wait and retry, never fail outright; a lock held past every retry gives the user a Korean
 * "try again" page (503), never the driver's text, and the site keeps serving reads from its read pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import sqlite3 from 'sqlite3';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

function holdWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const other = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      other.exec('BEGIN IMMEDIATE', (e) => {
        if (e) return reject(e);
        resolve({ release: () => new Promise<void>((done) => other.exec('COMMIT', () => other.close(() => done()))) });
      });
    });
  });
}

const listing = (name: string) => ({
  kind: 'business' as const, status: 'published' as const, name, description: '동네 꽃집', categoryIds: [], publishedAt: new Date(),
  phones: [], branches: [], offers: [], paymentAccounts: [],
});

describe('SQLite under another writer', () => {
  let t: TestApp;
  let file: string;
  beforeAll(async () => {
    // A short busy_timeout so the retries, not SQLite's own wait, do the waiting here.
    t = await createTestApp({ seed: true, env: { SQLITE_BUSY_TIMEOUT_MS: '20' } });
    file = (t.config.db as { filename: string }).filename;
  });
  afterAll(async () => t.close());

  it('a transaction that meets a lock released a moment later is retried and succeeds', async () => {
    const lock = await holdWriteLock(file);
    setTimeout(() => void lock.release(), 150);
    const id = await t.services.listings.createListing(listing('잠깐 기다린 꽃집'));
    expect(await t.db('listings').where({ id }).first('name')).toEqual({ name: '잠깐 기다린 꽃집' });
  });

  it('a lock held past every retry → 503 in Korean without driver text; pages keep being served meanwhile', async () => {
    const page = await request.agent(t.app).get('/signup').expect(200);
    const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1];
    const cookie = page.headers['set-cookie'];
    const lock = await holdWriteLock(file);
    try {
      const res = await request(t.app)
        .post('/signup')
        .set('Cookie', cookie)
        .type('form')
        .send({
          _csrf: token,
          email: 'busy@example.kr',
          password: 'correct horse battery staple',
          passwordConfirm: 'correct horse battery staple',
          displayName: '바쁜 날',
          terms: 'on',
        });
      expect(res.status).toBe(503);
      expect(res.text).toContain('잠시 후 다시 시도해 주세요');
      expect(res.text).not.toMatch(/SQLITE|sqlite3|knex|at .*\.ts:\d+/);
      // Reads go to the read pool: WAL lets them read the last commit while another connection writes.
      await request(t.app).get('/').expect(200);
    } finally {
      await lock.release();
    }
    expect(await t.db('users').where({ email: 'busy@example.kr' }).first('id')).toBeUndefined();
  });
});

/**
 * The default store without Redis (src/web/rate-limit-buffer.ts): hits counted in memory and saved in batches while a
 * key is at or below half its limit, written at once past it. Each "instance" is an app with its own buffer over one
 * database; batches are saved by flush() here (a long RATE_LIMIT_SYNC_MS keeps the timer out of the way).
 */
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createLimiterFactory } from '../../../src/web/rate-limit.js';
import { RateLimitBuffer } from '../../../src/web/rate-limit-buffer.js';
import { createTestDb, engines, type TestDb } from '../../helpers/test-db.js';

function instance(buffer: RateLimitBuffer, limit: number, opts: { countOnlyFailures?: boolean } = {}) {
  const app = express();
  const limiter = createLimiterFactory({ store: (name, windowMs) => buffer.store(name, windowMs) });
  app.post('/hit', limiter({ name: 'test', windowMs: 60_000, limit, ...opts }), (req, res) =>
    res.status(req.query.fail ? 422 : 200).send('ok'),
  );
  app.use((err: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) =>
    res.status(err.status ?? 500).end(),
  );
  return app;
}

async function statuses(app: express.Express, n: number, path = '/hit'): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await request(app).post(path)).status);
  return out;
}

describe.each(engines())('buffered rate-limit store (%s)', (engine) => {
  const dbs: TestDb[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.destroy();
  });
  const fresh = async () => {
    const t = await createTestDb(engine);
    dbs.push(t);
    return t;
  };
  const savedHits = async (t: TestDb) =>
    (await t.db('rate_limit_hits').where('key', 'like', 'test:%').select('hits')).map((r) => Number(r.hits));

  it('one instance, limit 10: hits 1–5 write nothing, 6–10 are written one by one, the 11th → 429', async () => {
    const t = await fresh();
    const buffer = new RateLimitBuffer({ db: t.db, syncMs: 60_000 });
    const app = instance(buffer, 10);
    expect(await statuses(app, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(buffer.writes).toBe(0);
    expect(await savedHits(t)).toEqual([]);
    expect(await statuses(app, 6)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await savedHits(t)).toEqual([11]);
    await buffer.close();
  });

  it('32 hits under half the limit write nothing; one batch (flush) saves them as one row', async () => {
    const t = await fresh();
    const buffer = new RateLimitBuffer({ db: t.db, syncMs: 60_000 });
    const app = instance(buffer, 100);
    expect(new Set(await statuses(app, 32))).toEqual(new Set([200]));
    expect(buffer.writes).toBe(0);
    expect(await savedHits(t)).toEqual([]);
    await buffer.flush();
    expect(buffer.writes).toBe(1);
    expect(await savedHits(t)).toEqual([32]);
    await buffer.close();
  });

  it('two instances: hits saved by A count on B — B refuses once the shared count passes the limit', async () => {
    const t = await fresh();
    const [bufA, bufB] = [new RateLimitBuffer({ db: t.db, syncMs: 60_000 }), new RateLimitBuffer({ db: t.db, syncMs: 60_000 })];
    const [a, b] = [instance(bufA, 4), instance(bufB, 4)];
    expect(await statuses(a, 2)).toEqual([200, 200]);
    await bufA.flush();
    expect(await statuses(b, 3)).toEqual([200, 200, 429]);
    expect(await statuses(a, 1)).toEqual([429]);
    await Promise.all([bufA.close(), bufB.close()]);
  });

  it('two instances fed at once, nothing saved in between: at most limit + ⌊limit/2⌋ requests pass (the stated tolerance)', async () => {
    const t = await fresh();
    const [bufA, bufB] = [new RateLimitBuffer({ db: t.db, syncMs: 60_000 }), new RateLimitBuffer({ db: t.db, syncMs: 60_000 })];
    const [a, b] = [instance(bufA, 10), instance(bufB, 10)];
    const passed = [...await statuses(b, 5), ...await statuses(a, 20), ...await statuses(b, 5)].filter((s) => s === 200).length;
    expect(passed).toBeGreaterThanOrEqual(10);
    expect(passed).toBeLessThanOrEqual(15);
    expect(await statuses(a, 1)).toEqual([429]);
    expect(await statuses(b, 1)).toEqual([429]);
    await Promise.all([bufA.close(), bufB.close()]);
  });

  it('a restart keeps the count: hits saved at shutdown are read back by the next buffer', async () => {
    const t = await fresh();
    const before = new RateLimitBuffer({ db: t.db, syncMs: 60_000 });
    expect(await statuses(instance(before, 4), 2)).toEqual([200, 200]);
    await before.close();
    expect(await savedHits(t)).toEqual([2]);
    const after = instance(new RateLimitBuffer({ db: t.db, syncMs: 60_000 }), 4);
    expect(await statuses(after, 3)).toEqual([200, 200, 429]);
  });

  it('count only failures: successes take their hit back; 3 failures of limit 2 → the third refused', async () => {
    const t = await fresh();
    const buffer = new RateLimitBuffer({ db: t.db, syncMs: 60_000 });
    const app = instance(buffer, 2, { countOnlyFailures: true });
    expect(await statuses(app, 4)).toEqual([200, 200, 200, 200]);
    expect(await statuses(app, 3, '/hit?fail=1')).toEqual([422, 422, 429]);
    await buffer.close();
  });

  it('the timer saves unsaved hits by itself after syncMs', async () => {
    const t = await fresh();
    const buffer = new RateLimitBuffer({ db: t.db, syncMs: 20 });
    await request(instance(buffer, 100)).post('/hit').expect(200);
    await expect.poll(() => savedHits(t), { timeout: 10_000, interval: 25 }).toEqual([1]);
    await buffer.close();
  });
});

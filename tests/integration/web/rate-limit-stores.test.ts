import crypto from 'node:crypto';
import net from 'node:net';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { createLimiterFactory } from '../../../src/web/rate-limit.js';
import { DatabaseRateLimitStore, RedisRateLimitStore, redisConnector } from '../../../src/web/rate-limit-stores.js';
import { createTestDb, engines, type TestDb } from '../../helpers/test-db.js';

/** Two separate "instances" (apps with their own limiter factories) sharing one store backend. */
function instance(storeFor: (name: string, windowMs: number) => import('express-rate-limit').Store) {
  const app = express();
  const limiter = createLimiterFactory({ store: storeFor });
  app.post('/hit', limiter({ name: 'test', windowMs: 60_000, limit: 3 }), (_req, res) => res.send('ok'));
  app.post('/other', limiter({ name: 'other', windowMs: 60_000, limit: 3 }), (_req, res) => res.send('ok'));
  app.use((err: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) =>
    res.status(err.status ?? 500).end(),
  );
  return app;
}

const redisUp = await new Promise<boolean>((resolve) => {
  const s = net.connect(6379, '127.0.0.1');
  s.once('connect', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
  s.setTimeout(5000, () => { s.destroy(); resolve(false); }); // only a silent host waits this long; a closed port refuses at once
});

describe.each(engines())('database rate-limit store (%s)', (engine) => {
  const dbs: TestDb[] = [];
  afterAll(async () => { for (const d of dbs) await d.destroy(); });

  it('hits on instance A and B add up: the 4th request, on either, → 429; other limiter names are separate', async () => {
    const t = await createTestDb(engine);
    dbs.push(t);
    const store = (name: string, w: number) => new DatabaseRateLimitStore(t.db, name, w);
    const [a, b] = [instance(store), instance(store)];
    await request(a).post('/hit').expect(200);
    await request(b).post('/hit').expect(200);
    await request(a).post('/hit').expect(200);
    const blocked = await request(b).post('/hit');
    expect(blocked.status).toBe(429);
    await request(a).post('/other').expect(200);
    expect(Number((await t.db('rate_limit_hits').where('key', 'like', 'test:%').first()).hits)).toBe(4);
  });

  it('an expired window starts over at 1', async () => {
    const t = await createTestDb(engine);
    dbs.push(t);
    const s = new DatabaseRateLimitStore(t.db, 'w', 60_000);
    expect((await s.increment('k')).totalHits).toBe(1);
    expect((await s.increment('k')).totalHits).toBe(2);
    await t.db('rate_limit_hits').update({ reset_at: Date.now() - 1 });
    const again = await s.increment('k');
    expect(again.totalHits).toBe(1);
    expect(again.resetTime!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe.runIf(redisUp)('Redis rate-limit store (REDIS_URL)', () => {
  const prefix = `t${crypto.randomBytes(6).toString('hex')}`; // other runs may share this Redis
  const conn = redisConnector('redis://127.0.0.1:6379');
  afterAll(async () => {
    const c = createClient({ url: 'redis://127.0.0.1:6379' });
    await c.connect();
    for (const k of await c.keys(`golmok:rl:${prefix}*`)) await c.del(k);
    await c.quit();
    await conn.close();
  });

  it('hits on two instances add up; the key expires with its window', async () => {
    const store = (name: string, w: number) => new RedisRateLimitStore(conn.get, `${prefix}${name}`, w);
    const [a, b] = [instance(store), instance(store)];
    await request(a).post('/hit').expect(200);
    await request(b).post('/hit').expect(200);
    await request(a).post('/hit').expect(200);
    expect((await request(b).post('/hit')).status).toBe(429);
    const c = await conn.get();
    const keys = await c.keys(`golmok:rl:${prefix}test:*`);
    expect(keys).toHaveLength(1);
    expect(await c.get(keys[0])).toBe('4');
    const ttl = await c.pTTL(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});

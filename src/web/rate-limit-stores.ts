/**
 * Stores for express-rate-limit that every app instance shares: the database (default) or Redis (REDIS_URL).
 * Fixed windows: the first hit opens a window of windowMs; hits in it add up; the next hit after it starts over.
 */
import type { Knex } from 'knex';
import { firstRowOf } from '../db/sql-dialect.js';
import type { ClientRateLimitInfo, Store } from 'express-rate-limit';
import type { createClient } from 'redis';

export class DatabaseRateLimitStore implements Store {
  localKeys = false;
  prefix: string;
  private calls = 0;

  constructor(private readonly db: Knex, name: string, private readonly windowMs: number) {
    this.prefix = `${name}:`;
  }

  /** One atomic statement on both engines: insert, or count up inside the window, or restart an expired window. */
  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = Date.now();
    const k = `${this.prefix}${key}`.slice(0, 300);
    const result = await this.db.raw(
      `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES (?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_hits.reset_at <= ? THEN 1 ELSE rate_limit_hits.hits + 1 END,
         reset_at = CASE WHEN rate_limit_hits.reset_at <= ? THEN ? ELSE rate_limit_hits.reset_at END
       RETURNING hits, reset_at`,
      [k, now + this.windowMs, now, now, now + this.windowMs],
    );
    const row = firstRowOf<{ hits: number | string; reset_at: number | string }>(result)!;
    if (++this.calls % 500 === 0) await this.db('rate_limit_hits').where('reset_at', '<', now).del();
    return { totalHits: Number(row.hits), resetTime: new Date(Number(row.reset_at)) };
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db('rate_limit_hits').where({ key: `${this.prefix}${key}`.slice(0, 300) }).first();
    if (!row || Number(row.reset_at) <= Date.now()) return undefined;
    return { totalHits: Number(row.hits), resetTime: new Date(Number(row.reset_at)) };
  }

  async decrement(key: string): Promise<void> {
    await this.db('rate_limit_hits').where({ key: `${this.prefix}${key}`.slice(0, 300) }).where('hits', '>', 0).decrement('hits', 1);
  }

  async resetKey(key: string): Promise<void> {
    await this.db('rate_limit_hits').where({ key: `${this.prefix}${key}`.slice(0, 300) }).del();
  }
}

type RedisClient = ReturnType<typeof createClient>;

export class RedisRateLimitStore implements Store {
  localKeys = false;
  prefix: string;

  constructor(private readonly client: () => Promise<RedisClient>, name: string, private readonly windowMs: number) {
    this.prefix = `golmok:rl:${name}:`;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const c = await this.client();
    const k = this.prefix + key;
    const [hits, , ttl] = (await c.multi().incr(k).pExpire(k, this.windowMs, 'NX').pTTL(k).exec()) as unknown as [number, number, number];
    return { totalHits: Number(hits), resetTime: new Date(Date.now() + Math.max(0, Number(ttl))) };
  }

  async decrement(key: string): Promise<void> {
    await (await this.client()).decr(this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await (await this.client()).del(this.prefix + key);
  }
}

/** One lazily connected Redis client per app; closed with the app. The redis package itself loads on first use. */
export function redisConnector(url: string): { get: () => Promise<RedisClient>; close: () => Promise<void> } {
  let client: Promise<RedisClient> | null = null;
  return {
    get: () => {
      client ??= import('redis').then(
        ({ createClient: create }) =>
          create({
            url,
            socket: { connectTimeout: 2000, reconnectStrategy: (n) => Math.min(n * 200, 2000) },
          }).connect() as Promise<RedisClient>,
      );
      return client;
    },
    close: async () => {
      if (client) await (await client).quit().catch(() => undefined);
      client = null;
    },
  };
}

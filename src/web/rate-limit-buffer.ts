/**
 * The default rate-limit store without Redis: counts in memory per instance, added to the shared `rate_limit_hits`
 * table in batches, so a request below its limit writes nothing.
 *
 * The rule (README "Rate limits"):
 * - The first time an instance sees a key in a window it reads the key's row (a read, on the reader pool), so hits
 *   counted earlier, by this instance before a restart or by another instance, still count.
 * - While the key's known count stays at or below half its limit, hits are counted in memory and added to the
 *   table by one transaction for all keys, `syncMs` after the first unsaved hit (and at shutdown).
 * - Past half the limit every hit of that key is written at once (one atomic upsert, as the plain database store
 *   does), and the answer comes from the table's count.
 * So one instance enforces every limit exactly; with N instances, hits another instance has not yet saved (fewer
 * than half the limit per instance, from at most the last `syncMs`) can let at most (N − 1) × ⌊limit / 2⌋ extra
 * requests through in the worst case. A crashed instance loses at most its unsaved hits (under half a limit per key).
 */
import type { Knex } from 'knex';
import { firstRowOf } from '../db/sql-dialect.js';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';

interface Entry {
  /** End of the key's current window (epoch ms). */
  resetAt: number;
  /** The table's count when last read or written (this instance's saved hits and everyone else's). */
  known: number;
  /** Hits counted here and not yet sent to the table (negative after decrements of saved hits). */
  pending: number;
  /** Hits being written right now. */
  sending: number;
  /** The first read of the key's row, while it runs. */
  loading: Promise<void> | null;
}

export interface RateLimitBufferOptions {
  /** The writer. */
  db: Knex;
  /** Where the first read of a key goes (the read pool on SQLite; the same Knex on PostgreSQL). */
  reader?: Knex;
  /** How long an unsaved hit may wait before the batch that saves it. */
  syncMs: number;
  /** More keys than this in memory: the saved ones are forgotten after the next batch (read again when needed). */
  maxKeys?: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}

type Row = { hits: number | string; reset_at: number | string };

/** One buffer per app: every limiter's keys (prefixed by its name), one timer, one transaction per batch. */
export class RateLimitBuffer {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> | null = null;
  private readonly now: () => number;
  /** Statements sent to the writer (tests: nothing is written per request below half a limit). */
  writes = 0;

  constructor(private readonly opts: RateLimitBufferOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** A Store for one limiter (express-rate-limit calls init with the limiter's options). */
  store(name: string, windowMs: number): Store {
    return new BufferedRateLimitStore(this, name, windowMs);
  }

  private async entry(key: string, windowMs: number): Promise<Entry> {
    const now = this.now();
    let e = this.entries.get(key);
    if (e && e.resetAt <= now && e.pending === 0 && e.sending === 0) {
      this.entries.delete(key);
      e = undefined;
    }
    if (!e) {
      const fresh: Entry = { resetAt: now + windowMs, known: 0, pending: 0, sending: 0, loading: null };
      fresh.loading = (this.opts.reader ?? this.opts.db)('rate_limit_hits').where({ key }).first('hits', 'reset_at')
        .then((row: Row | undefined) => {
          if (row && Number(row.reset_at) > this.now()) {
            fresh.known = Number(row.hits);
            fresh.resetAt = Number(row.reset_at);
          }
        })
        .catch((err: unknown) => this.opts.onError?.(err))
        .finally(() => {
          fresh.loading = null;
        });
      this.entries.set(key, fresh);
      e = fresh;
    }
    if (e.loading) await e.loading;
    if (e.resetAt <= this.now() && e.sending === 0) {
      // The window ran out while unsaved hits waited: they belong to the old window and are dropped with it.
      Object.assign(e, { resetAt: this.now() + windowMs, known: 0, pending: 0 });
    }
    return e;
  }

  async increment(key: string, windowMs: number, localUpTo: number): Promise<ClientRateLimitInfo> {
    const e = await this.entry(key, windowMs);
    const total = e.known + e.pending + e.sending + 1;
    if (total <= localUpTo) {
      e.pending++;
      this.schedule();
      return { totalHits: total, resetTime: new Date(e.resetAt) };
    }
    // Near the limit: this hit and the key's unsaved ones go to the table now; its count decides.
    const delta = e.pending + 1;
    e.pending = 0;
    const rows = await this.send([[key, e, delta]]);
    const row = rows[0];
    return { totalHits: Number(row.hits), resetTime: new Date(Number(row.reset_at)) };
  }

  async decrement(key: string): Promise<void> {
    const e = this.entries.get(key);
    if (!e) return;
    e.pending--;
    this.schedule();
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const e = this.entries.get(key);
    if (!e || e.resetAt <= this.now()) return undefined;
    return { totalHits: Math.max(0, e.known + e.pending + e.sending), resetTime: new Date(e.resetAt) };
  }

  async resetKey(key: string): Promise<void> {
    this.entries.delete(key);
    this.writes++;
    await this.opts.db('rate_limit_hits').where({ key }).del();
  }

  private schedule(): void {
    if (this.timer || this.opts.syncMs <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((err: unknown) => this.opts.onError?.(err));
    }, this.opts.syncMs);
    this.timer.unref();
  }

  /** Adds every unsaved hit to the table in one transaction; forgets keys whose window is over. */
  async flush(): Promise<void> {
    while (this.syncing) await this.syncing;
    const batch: Array<[string, Entry, number]> = [];
    const now = this.now();
    for (const [key, e] of this.entries) {
      if (e.pending !== 0 && e.resetAt > now) {
        batch.push([key, e, e.pending]);
        e.pending = 0;
      } else if (e.resetAt <= now && e.sending === 0) {
        this.entries.delete(key);
      }
    }
    if (batch.length) {
      this.syncing = this.send(batch).then(() => undefined).finally(() => {
        this.syncing = null;
      });
      await this.syncing;
    }
    if (this.entries.size > (this.opts.maxKeys ?? 100_000)) {
      for (const [key, e] of this.entries) if (e.pending === 0 && e.sending === 0 && !e.loading) this.entries.delete(key);
    }
  }

  /** Writes the deltas in one transaction; on failure the hits go back to pending (tried again with the next batch). */
  private async send(batch: Array<[string, Entry, number]>): Promise<Row[]> {
    for (const [, e, delta] of batch) e.sending += delta;
    try {
      this.writes += batch.length;
      const rows = await this.opts.db.transaction(async (trx) => {
        const out: Row[] = [];
        for (const [key, e, delta] of batch) out.push(await upsert(trx, key, delta, e.resetAt, this.now()));
        return out;
      });
      batch.forEach(([, e, delta], i) => {
        e.sending -= delta;
        e.known = Number(rows[i].hits);
        e.resetAt = Number(rows[i].reset_at);
      });
      return rows;
    } catch (err) {
      for (const [, e, delta] of batch) {
        e.sending -= delta;
        e.pending += delta;
      }
      this.schedule();
      throw err;
    }
  }

  /** Stops the timer and saves what is unsaved (at shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}

/** Adds delta to a key inside its window, or starts a new window with it; never below 0. */
async function upsert(trx: Knex.Transaction, key: string, delta: number, resetAt: number, now: number): Promise<Row> {
  const result = await trx.raw(
    `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN rate_limit_hits.reset_at <= ? THEN excluded.hits
                   WHEN rate_limit_hits.hits + ? < 0 THEN 0 ELSE rate_limit_hits.hits + ? END,
       reset_at = CASE WHEN rate_limit_hits.reset_at <= ? THEN excluded.reset_at ELSE rate_limit_hits.reset_at END
     RETURNING hits, reset_at`,
    [key, Math.max(0, delta), resetAt, now, delta, delta, now],
  );
  return firstRowOf<Row>(result)!;
}

class BufferedRateLimitStore implements Store {
  localKeys = false;
  prefix: string;
  /** Hits counted in memory while the key's count stays at or below this (half the limit). */
  private localUpTo = 0;

  constructor(private readonly buffer: RateLimitBuffer, name: string, private readonly windowMs: number) {
    this.prefix = `${name}:`;
  }

  init(options: Options): void {
    this.localUpTo = typeof options.limit === 'number' ? Math.floor(options.limit / 2) : 0;
  }

  private key(key: string): string {
    return `${this.prefix}${key}`.slice(0, 300);
  }

  increment(key: string): Promise<ClientRateLimitInfo> {
    return this.buffer.increment(this.key(key), this.windowMs, this.localUpTo);
  }

  decrement(key: string): Promise<void> {
    return this.buffer.decrement(this.key(key));
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.buffer.get(this.key(key));
  }

  resetKey(key: string): Promise<void> {
    return this.buffer.resetKey(this.key(key));
  }
}

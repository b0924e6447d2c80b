/**
 * `tsx scripts/bench/review-section.ts [--reviews 500] [--rounds 7]`: what the reviews section costs a listing page.
 * On a fresh database with the demo data, one listing gets N visible reviews (2 keywords each, every third with the
 * owner's reply); the server renders every request (rendered-page cache off, listing data cache on, as in production).
 * One sequential client alternates, per round, 100 GETs of that page and 100 of the next synthetic listing, which has
 * no reviews (the same query, nothing to show); it prints the medians over rounds and their ratio, and the median time
 * of the section's one query alone.
 * SQLite in a temp file, or PostgreSQL at BENCH_DATABASE_URL in BENCH_DB_SCHEMA (created; drop it afterwards).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config/index.js';
import { createKnex, migrateLatest } from '../../src/db/index.js';
import { createApp } from '../../src/app.js';
import { createServices } from '../../src/services.js';
import { seedDemo } from '../../src/demo/demo.js';
import { benchEngine, median, timeGets, writeResult } from './bench-kit.js';

const { values } = parseArgs({
  options: { reviews: { type: 'string', default: '500' }, rounds: { type: 'string', default: '7' } },
  strict: false,
});
const reviews = Math.max(1, Number(values.reviews) || 500);
const rounds = Math.max(1, Number(values.rounds) || 7);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-review-bench-'));
const pg = process.env.BENCH_DATABASE_URL;
const config = loadConfig(
  {
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://localhost',
    LOG_LEVEL: 'silent',
    SEED_ON_START: 'false',
    UPLOADS_DIR: path.join(dir, 'uploads'),
    OUTBOX_DIR: path.join(dir, 'outbox'),
    PASSWORD_HASH_COST: '1024',
    PAGE_CACHE_SECONDS: '0',
    RATE_LIMIT_ENABLED: 'false',
    SESSION_SECRET: 'bench-secret-long-enough',
    TOTP_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    ...(pg
      ? { DATABASE_URL: pg, DB_SCHEMA: process.env.BENCH_DB_SCHEMA ?? 'golmok_review_bench' }
      : { SQLITE_FILE: path.join(dir, 'bench.sqlite') }),
  },
  dir,
);
const db = createKnex(config.db);
const built = { close: async () => undefined as unknown };
try {
  await migrateLatest(db);
  const services = createServices(config, db);
  const { app, close } = createApp(services);
  built.close = async () => {
    await close();
    await services.close();
  };
  await seedDemo({ db, createListing: services.listings.createListing, now: new Date() });
  const [withReviews, without] = (await db('listings')
    .where({ status: 'published' })
    .whereNull('origin')
    .orderBy('id')
    .limit(2)
    .select('id', 'slug')) as Array<{ id: number; slug: string }>;
  const keywords = (await db('review_keywords').whereNull('category_slug').pluck('id')) as number[];
  const now = new Date();
  for (let i = 0; i < reviews; i += 100) {
    const users = Array.from({ length: Math.min(100, reviews - i) }, (_, k) => ({
      email: `r${i + k}@bench.kr`,
      password_hash: 'x',
      role: 'advertiser',
      created_at: now,
      updated_at: now,
    }));
    const ids = ((await db('users').insert(users).returning('id')) as Array<{ id: number } | number>).map((r) =>
      Number(typeof r === 'object' ? r.id : r),
    );
    const rows = ids.map((u, k) => ({
      listing_id: withReviews.id,
      user_id: u,
      body: `리뷰 ${i + k}: 친절하고 꽃이 싱싱해요.`,
      status: 'visible',
      created_at: new Date(now.getTime() - (i + k) * 60_000),
      updated_at: now,
    }));
    const reviewIds = ((await db('reviews').insert(rows).returning('id')) as Array<{ id: number } | number>).map((r) =>
      Number(typeof r === 'object' ? r.id : r),
    );
    await db('review_keyword_picks').insert(
      reviewIds.flatMap((r, k) =>
        [keywords[k % keywords.length], keywords[(k + 1) % keywords.length]].map((kw) => ({
          review_id: r,
          keyword_id: kw,
          listing_id: withReviews.id,
        })),
      ),
    );
    await db('review_replies').insert(
      reviewIds
        .filter((_, k) => k % 3 === 0)
        .map((r) => ({
          review_id: r,
          listing_id: withReviews.id,
          body: '감사합니다!',
          status: 'visible',
          created_at: now,
          updated_at: now,
        })),
    );
  }
  if (pg) await db.raw('ANALYZE');
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const page = (l: { id: number; slug: string }) => `/listings/${l.id}-${encodeURIComponent(l.slug)}`;
  await timeGets(origin, [...Array(30).fill(page(withReviews)), ...Array(30).fill(page(without))]); // warm-up
  const a: number[] = [];
  const b: number[] = [];
  const q: number[] = [];
  const { listing } = await services.listings.getListingForViewer(withReviews.id, { userId: null, role: 'visitor' });
  for (let r = 0; r < rounds; r++) {
    a.push(median(await timeGets(origin, Array(100).fill(page(withReviews)))));
    b.push(median(await timeGets(origin, Array(100).fill(page(without)))));
    const times: number[] = [];
    for (let k = 0; k < 100; k++) {
      const t0 = performance.now();
      await services.reviews.sectionFor(listing);
      times.push(performance.now() - t0);
    }
    q.push(median(times));
  }
  server.close();
  const result = {
    engine: benchEngine(),
    reviews,
    rounds,
    pageWithReviewsMs: +median(a).toFixed(2),
    pageWithoutMs: +median(b).toFixed(2),
    ratio: +(median(a) / median(b)).toFixed(2),
    sectionQueryMs: +median(q).toFixed(2),
  };
  console.log(
    `review section on ${result.engine}: listing page with ${reviews} reviews ${result.pageWithReviewsMs} ms, a listing without reviews ${result.pageWithoutMs} ms (median of ${rounds} rounds × 100 sequential GETs; ratio ${result.ratio}); the section's query alone ${result.sectionQueryMs} ms`,
  );
  writeResult('review-section', result);
} finally {
  await built.close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * "Near me" latency at scale, in-process (the service calls the pages make, no HTTP): category and district pages
 * sorted by distance (with and without a radius) and searches sorted by distance, each against the same page sorted
 * the usual way, measured in the same run. The database is a COPY of the generated bench file (never the cache
 * itself); the copy is migrated and its synthetic branches without coordinates get some inside their district
 * (the print ads keep none), then ANALYZEd.
 * Usage: npx tsx scripts/bench/near.ts [--listings 1000000] [--rounds 200] [--keep] [--copies 10]
 * PostgreSQL: BENCH_DATABASE_URL=… BENCH_DB_SCHEMA=<a copy of a generated schema> (migrated in place; searches included).
 * `--copies N`: when only a smaller generated file exists, the copy's listings, branches (moved up to ~1 km),
 * main phones and shelves are repeated N times (the search index is not: searches are then left out).
 * (source: BENCH_SQLITE_FILE, else BENCH_DATA_DIR/sqlite-<listings>.sqlite; BENCH_DATA_DIR defaults to <tmp>/golmok-bench-data)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { createKnex, migrateLatest } from '../../src/db/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { DISTRICT_BOXES, GWANGJU_AREAS, pointInDistrict } from '../../src/lib/gwangju-areas.js';
import { GWANGJU_DISTRICTS } from '../../src/lib/korean-address.js';
import { createBrowseService, listCategories, type NearChoice } from '../../src/components/listings/index.js';
import { createSearchService } from '../../src/components/search/index.js';
import { benchEngine, median, percentile, writeResult } from './bench-kit.js';
import { loadConfig } from '../../src/config/index.js';
import { seededRandom } from './pages/load.js';
import { SEARCHES } from './search-mix.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
    copies: { type: 'string', default: '1' },
  },
});
const copies = Math.max(1, Number(values.copies));
const listings = Number(values.listings);
const rounds = Number(values.rounds);
const dataDir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'golmok-bench-data');
// PostgreSQL: BENCH_DATABASE_URL and BENCH_DB_SCHEMA name a schema to use as it is (migrated here): a copy, never the
// generated one (e.g. pg_dump -n bench_100000 | sed s/bench_100000/near_bench_100000/g | psql).
const pgUrl = process.env.BENCH_DATABASE_URL;
const source = process.env.BENCH_SQLITE_FILE ?? path.join(dataDir, `sqlite-${listings}.sqlite`);
if (!pgUrl && !fs.existsSync(source)) throw new Error(`${source} not found: generate it first (npm run bench -- --listings ${listings})`);
const copy = path.join(os.tmpdir(), 'golmok-near-bench', `near-${listings}x${copies}.sqlite`);
if (!pgUrl) {
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  if (!fs.existsSync(copy)) {
    process.stderr.write(`copying ${source} → ${copy}\n`);
    fs.copyFileSync(source, `${copy}.partial`);
    fs.renameSync(`${copy}.partial`, copy);
  }
}
const db = pgUrl
  ? createKnex(
      loadConfig({
        NODE_ENV: 'production',
        PUBLIC_URL: 'http://localhost',
        SESSION_SECRET: 'bench-only-secret-value',
        TOTP_ENCRYPTION_KEYS: 'bench:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
        DATABASE_URL: pgUrl,
        DB_SCHEMA: process.env.BENCH_DB_SCHEMA ?? 'public',
        LOG_LEVEL: 'silent',
      }).db,
    )
  : createKnex({ client: 'sqlite', filename: copy, poolMax: 1, readers: 0, busyTimeoutMs: 5000 });
await migrateLatest(db);
const missing = Number((await db('branches').whereNull('lat').count({ n: '*' }).first())?.n ?? 0);
if (missing > 0) {
  // A deterministic spot per branch id inside its district's box (the same boxes the demo seeds use).
  const started = Date.now();
  const frac = (salt: number) => `(((id * ${salt}) % 100003) / 100003.0)`;
  const pick = (edge: (b: (typeof DISTRICT_BOXES)[string]) => [number, number], salt: number) =>
    `CASE sigungu ${Object.entries(DISTRICT_BOXES)
      .map(([d, b]) => `WHEN '${d}' THEN ${edge(b)[0]} + ${frac(salt)} * ${edge(b)[1] - edge(b)[0]}`)
      .join(' ')} END`;
  await db.raw(`UPDATE branches SET lat = ${pick((b) => [b.minLat, b.maxLat], 7919)}, lng = ${pick((b) => [b.minLng, b.maxLng], 104729)}
    WHERE lat IS NULL AND sigungu IN (${Object.keys(DISTRICT_BOXES).map((d) => `'${d}'`).join(', ')})
    AND listing_id NOT IN (SELECT id FROM listings WHERE origin = 'print_ad')`);
  await db.raw('ANALYZE');
  process.stderr.write(`back-filled ${missing} branches in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Repeats every row of `table` k times over, ids shifted past the current maximum; `shift` rewrites columns. */
async function repeatRows(q: Knex, table: string, k: number, shift: (col: string, k: number) => string | null): Promise<void> {
  const cols = ((await q.raw(`PRAGMA table_info(${table})`)) as Array<{ name: string }>).map((c) => c.name);
  await q.raw(
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => shift(c, k) ?? c).join(', ')} FROM ${table} WHERE ${cols.includes('id') ? 'id' : 'listing_id'} <= ?`,
    [table === 'listing_facets' ? maxOf.listings : maxOf[table as keyof typeof maxOf]],
  );
}
const maxOf = { listings: 0, branches: 0, phones: 0 };
if (copies > 1 && !pgUrl && Number((await db('listings').max({ m: 'id' }).first())?.m) <= listings * 1.1) {
  const started = Date.now();
  for (const t of ['listings', 'branches', 'phones'] as const) maxOf[t] = Number((await db(t).max({ m: 'id' }).first())?.m);
  for (let k = 1; k < copies; k++) {
    await db.transaction(async (trx) => {
      await repeatRows(trx, 'listings', k, (c, n) => (c === 'id' ? `id + ${n * maxOf.listings}` : null));
      await repeatRows(trx, 'branches', k, (c, n) =>
        c === 'id'
          ? `id + ${n * maxOf.branches}`
          : c === 'listing_id'
            ? `listing_id + ${n * maxOf.listings}`
            : c === 'lat'
              ? `lat + (((id * ${31 * n}) % 2001) - 1000) / 100000.0`
              : c === 'lng'
                ? `lng + (((id * ${57 * n}) % 2001) - 1000) / 100000.0`
                : null,
      );
      await repeatRows(trx, 'phones', k, (c, n) =>
        c === 'id'
          ? `id + ${n * maxOf.phones}`
          : c === 'listing_id'
            ? `listing_id + ${n * maxOf.listings}`
            : c === 'branch_id'
              ? `CASE WHEN branch_id IS NULL THEN NULL ELSE branch_id + ${n * maxOf.branches} END`
              : null,
      );
      await repeatRows(trx, 'listing_facets', k, (c, n) => (c === 'listing_id' ? `listing_id + ${n * maxOf.listings}` : null));
    });
    process.stderr.write(`copy ${k + 1}/${copies} written\n`);
  }
  await db.raw('DELETE FROM directory_counts');
  await db.raw('INSERT INTO directory_counts (facet, n) SELECT facet, COUNT(*) FROM listing_facets GROUP BY facet');
  await db.raw('ANALYZE');
  process.stderr.write(`repeated ${copies} times in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const pageSize = 20;
const browse = createBrowseService({ db, clock: systemClock, pageSize });
const search = createSearchService({ db, clock: systemClock });
const random = seededRandom(17);
const city = { minLat: 35.08, maxLat: 35.23, minLng: 126.78, maxLng: 126.95 };
const randomPoint = () => ({
  lat: city.minLat + random() * (city.maxLat - city.minLat),
  lng: city.minLng + random() * (city.maxLng - city.minLng),
});
const near = (radiusKm: number | null): NearChoice => ({ point: randomPoint(), fromDevice: true, area: null, radiusKm, outside: false });
const categories = (await listCategories(db)).filter((c) => c.parentId !== null).map((c) => c.slug);
const pickOf = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const cases: Array<[string, () => Promise<unknown>]> = [
  ['category newest (baseline)', () => browse.browse({ category: pickOf(categories), sort: 'newest', page: 1 })],
  ['category near', () => browse.browse({ category: pickOf(categories), sort: 'near', page: 1, near: near(null) })],
  ['category near, page 5', () => browse.browse({ category: pickOf(categories), sort: 'near', page: 5, near: near(null) })],
  ['category near, 3 km', () => browse.browse({ category: pickOf(categories), sort: 'near', page: 1, near: near(3) })],
  ['category near, 10 km', () => browse.browse({ category: pickOf(categories), sort: 'near', page: 1, near: near(10) })],
  ['district newest (baseline)', () => browse.browse({ district: pickOf(GWANGJU_DISTRICTS), sort: 'newest', page: 1 })],
  [
    'district near (anywhere in the city)',
    () => browse.browse({ district: pickOf(GWANGJU_DISTRICTS), sort: 'near', page: 1, near: near(null) }),
  ],
  [
    'district near, standing in it',
    () => {
      const d = pickOf(GWANGJU_DISTRICTS);
      return browse.browse({ district: d, sort: 'near', page: 1, near: { ...near(null), point: pointInDistrict(d, random(), random())! } });
    },
  ],
  ['district near, 1 km', () => browse.browse({ district: pickOf(GWANGJU_DISTRICTS), sort: 'near', page: 1, near: near(1) })],
  [
    'district near from a 동 centre',
    () =>
      browse.browse({ district: pickOf(GWANGJU_DISTRICTS), sort: 'near', page: 1, near: { ...near(null), point: pickOf(GWANGJU_AREAS) } }),
  ],
];
const searches: typeof cases = [
  ['search relevance (baseline)', () => search.search({ q: pickOf(SEARCHES), sort: 'relevance', page: 1, pageSize })],
  [
    'search near',
    () => search.search({ q: pickOf(SEARCHES), sort: 'relevance', page: 1, pageSize, near: { point: randomPoint(), radiusKm: null } }),
  ],
  [
    'search near, 3 km',
    () => search.search({ q: pickOf(SEARCHES), sort: 'relevance', page: 1, pageSize, near: { point: randomPoint(), radiusKm: 3 } }),
  ],
];
// Repeated rows are not in the search index: searches are timed only on a database as generated.
if (copies === 1) cases.push(...searches);

// Warm-up: page cache of SQLite, prepared statements, JIT.
for (const [, fn] of cases) for (let i = 0; i < 10; i++) await fn();
const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
// Interleaved, so load on the machine falls on every case alike.
for (let r = 0; r < rounds; r++) for (const [name, fn] of cases) samples.get(name)!.push(await time(fn));
const baselineOf = (name: string) =>
  name.startsWith('category')
    ? 'category newest (baseline)'
    : name.startsWith('district')
      ? 'district newest (baseline)'
      : 'search relevance (baseline)';
const rows = cases.map(([name]) => {
  const xs = [...samples.get(name)!].sort((a, b) => a - b);
  return {
    name,
    p50: median(xs),
    p95: percentile(xs, 95),
    max: xs[xs.length - 1],
    ratio: median(xs) / median(samples.get(baselineOf(name))!),
  };
});
const plan = pgUrl
  ? []
  : ((await db.raw(`EXPLAIN QUERY PLAN SELECT b.listing_id FROM branches b WHERE CAST(b.lat * 100 AS INTEGER) IN (3515, 3516)
  AND b.lat IS NOT NULL AND b.lng IS NOT NULL AND b.lat BETWEEN 35.15 AND 35.16 AND b.lng BETWEEN 126.85 AND 126.86`)) as Array<{
      detail: string;
    }>);
const facts = {
  listings: Number((await db('listings').count({ n: '*' }).first())?.n),
  generated: listings,
  copies,
  rounds,
  located: Number((await db('branches').whereNotNull('lat').count({ n: '*' }).first())?.n),
  load: os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' '),
};
process.stdout.write(
  `near-me latency, ${benchEngine()}, ${facts.listings.toLocaleString('en')} listings (${listings.toLocaleString('en')} generated × ${copies}) (${facts.located.toLocaleString('en')} located branches), ${rounds} rounds, in-process, load ${facts.load}\n`,
);
process.stdout.write(
  `box query plan: ${plan.map((p) => p.detail).join('; ')}\n\n| case | p50 ms | p95 ms | max ms | p50 × baseline |\n|---|---:|---:|---:|---:|\n`,
);
for (const r of rows)
  process.stdout.write(`| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.ratio.toFixed(2)} |\n`);
writeResult(`near-${pgUrl ? 'pg-' : ''}${listings}x${copies}`, { ...facts, rows, plan });
await db.destroy();
if (!values.keep && !pgUrl) fs.rmSync(copy, { force: true });

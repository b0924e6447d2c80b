/**
 * Search latency: p50/p95 of /api/search over a fixed query mix and of /api/suggest, against /healthz measured
 * in the same run as the baseline. Rounds are repeated and the median of the per-round figures is reported.
 * Usage: npm run bench:search -- [--listings 100000] [--rounds 5] [--against <another checkout> (see search-compare.ts)]
 * On PostgreSQL: BENCH_DATABASE_URL=postgres://… BENCH_DB_SCHEMA=speed_bench npm run bench:search (drop the schema afterwards).
 */
import { parseArgs } from 'node:util';
import { benchEngine, median, percentile, spawnBenchServer, timeGets, writeResult } from './bench-kit.js';
import { SEARCHES, SUGGESTS } from './search-mix.js';
import { compareSearch } from './search-compare.js';

const { values } = parseArgs({
  options: { listings: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' }, against: { type: 'string' } },
});
const listings = Number(values.listings);
const rounds = Number(values.rounds);
if (values.against) {
  await compareSearch(values.against, listings, rounds);
  process.exit(0);
}

const server = await spawnBenchServer(listings);
try {
  const enc = (base: string, q: string) => `${base}${encodeURIComponent(q)}`;
  // Warm-up: caches, prepared statements, JIT.
  await timeGets(server.origin, [...SEARCHES.map((q) => enc('/api/search?q=', q)), ...SUGGESTS.map((q) => enc('/api/suggest?q=', q))]);
  const perRound: Array<Record<string, { p50: number; p95: number }>> = [];
  const perQuery = new Map<string, number[]>();
  // The server's CPU time per search (all its threads, SQLite's included): unlike latency, hardly moved by other
  // processes sharing the machine. On PostgreSQL the database server's own CPU is not in it.
  const cpuPerSearch: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const base = await timeGets(server.origin, Array.from({ length: 100 }, () => '/healthz'));
    const search: number[] = [];
    const cpuBefore = server.cpuMs();
    for (let k = 0; k < 5; k++) {
      for (const q of SEARCHES) {
        const [ms] = await timeGets(server.origin, [enc('/api/search?q=', q)]);
        search.push(ms);
        perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
      }
    }
    cpuPerSearch.push((server.cpuMs() - cpuBefore) / search.length);
    const suggest = await timeGets(server.origin, Array.from({ length: 5 }, () => SUGGESTS.map((q) => enc('/api/suggest?q=', q))).flat());
    const stats = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return { p50: percentile(s, 50), p95: percentile(s, 95) }; };
    perRound.push({ healthz: stats(base), search: stats(search), suggest: stats(suggest) });
  }
  const summary = Object.fromEntries(['healthz', 'search', 'suggest'].map((k) => [k, {
    p50: median(perRound.map((r) => r[k].p50)),
    p95: median(perRound.map((r) => r[k].p95)),
  }]));
  const slowest = [...perQuery].map(([q, xs]) => ({ q, median: median(xs) })).sort((a, b) => b.median - a.median).slice(0, 5);
  const fmt = (n: number) => n.toFixed(2).padStart(8);
  console.log(
    `\nsearch benchmark: ${listings.toLocaleString('en-US')} generated listings, ${rounds} rounds, ${benchEngine()}, one sequential client`,
  );
  console.log('endpoint      p50 ms   p95 ms   p95 / healthz p95');
  for (const k of ['healthz', 'search', 'suggest']) {
    console.log(`${k.padEnd(10)}${fmt(summary[k].p50)} ${fmt(summary[k].p95)}   ${(summary[k].p95 / summary.healthz.p95).toFixed(1)}×`);
  }
  console.log(`server CPU per search: ${median(cpuPerSearch).toFixed(2)} ms (median over rounds)`);
  console.log('slowest queries (median ms):', slowest.map((s) => `${s.q} ${s.median.toFixed(1)}`).join(', '));
  console.log(`server RSS after the run: ${server.rssMb().toFixed(0)} MB`);
  writeResult(`search-${listings}`, {
    listings,
    rounds,
    summary,
    perRound,
    cpuPerSearchMs: median(cpuPerSearch),
    slowest,
    rssMb: server.rssMb(),
  });
} finally {
  await server.close();
}

/**
 * bench:search against another checkout (e.g. a `git worktree` at an older commit): both servers run side by side,
 * each on its own database, and every round times one then the other (the order alternates), so both see the same
 * machine load. Reports, per side, the medians over rounds and the ratio other / this.
 * Usage: npm run bench:search -- --against /tmp/golmok-old [--listings 100000] [--rounds 9]
 *   SQLite: BENCH_SQLITE_FILE (this checkout) and BENCH_AGAINST_SQLITE_FILE (the other) name the two files.
 *   PostgreSQL: BENCH_DATABASE_URL with BENCH_DB_SCHEMA and BENCH_AGAINST_DB_SCHEMA (the other's schema).
 * On PostgreSQL the database server's CPU for each side is read from its backends (/proc), found by the client ports
 * of the side's open connections.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEngine, median, percentile, processCpuMs, spawnBenchServer, timeGets, writeResult, type RemoteServer } from './bench-kit.js';
import { SEARCHES, SUGGESTS } from './search-mix.js';

interface Side { label: string; server: RemoteServer; backendCpuMs(): number }

/** CPU used so far by the PostgreSQL backends serving `pid`'s connections (0 on SQLite). */
function backendCpu(pid: number): number {
  if (!process.env.BENCH_DATABASE_URL) return 0;
  const ss = execFileSync('ss', ['-tnpH', 'state', 'established'], { encoding: 'utf8' });
  const ports = ss
    .split('\n')
    .filter((l) => l.includes(`pid=${pid},`) && /:5432\s/.test(l))
    .map((l) => l.trim().split(/\s+/)[2].split(':').pop());
  if (ports.length === 0) return 0;
  const pids = execFileSync(
    'psql',
    [process.env.BENCH_DATABASE_URL, '-Atc', `select pid from pg_stat_activity where client_port in (${ports.join(',')})`],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .filter(Boolean);
  return pids.reduce((sum, p) => sum + processCpuMs(Number(p)), 0);
}

export async function compareSearch(againstDir: string, listings: number, rounds: number): Promise<void> {
  const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const other = path.resolve(againstDir);
  if (!fs.existsSync(path.join(other, 'scripts/bench/bench-server.ts'))) throw new Error(`${other} has no scripts/bench/bench-server.ts`);
  const rev = (dir: string) => execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const otherEnv = {
    ...(process.env.BENCH_AGAINST_SQLITE_FILE ? { BENCH_SQLITE_FILE: process.env.BENCH_AGAINST_SQLITE_FILE } : {}),
    ...(process.env.BENCH_AGAINST_DB_SCHEMA ? { BENCH_DB_SCHEMA: process.env.BENCH_AGAINST_DB_SCHEMA } : {}),
  };
  if (process.env.BENCH_DATABASE_URL ? !otherEnv.BENCH_DB_SCHEMA : !otherEnv.BENCH_SQLITE_FILE) {
    throw new Error('the other checkout needs its own database: BENCH_AGAINST_SQLITE_FILE or BENCH_AGAINST_DB_SCHEMA');
  }
  const servers = [await spawnBenchServer(listings, { dir: other, env: otherEnv }), await spawnBenchServer(listings)];
  const sides: Side[] = servers.map((server, i) => {
    const pgPids = () => backendCpu(server.pid);
    return { label: `${i === 0 ? 'other' : 'this'} ${rev(i === 0 ? other : here)}`, server, backendCpuMs: pgPids };
  });
  const enc = (base: string, q: string) => `${base}${encodeURIComponent(q)}`;
  const searches = SEARCHES.map((q) => enc('/api/search?q=', q));
  const suggests = SUGGESTS.map((q) => enc('/api/suggest?q=', q));
  type Round = { search: { p50: number; p95: number }; suggest: { p50: number; p95: number }; healthz: number; cpu: number; dbCpu: number };
  const perSide: Round[][] = sides.map(() => []);
  const perQuery = sides.map(() => new Map<string, number[]>());
  try {
    for (const s of sides) for (let k = 0; k < 2; k++) await timeGets(s.server.origin, [...searches, ...suggests]);
    const stats = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return { p50: percentile(s, 50), p95: percentile(s, 95) }; };
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const { server } = sides[i];
        const healthz = percentile((await timeGets(server.origin, Array.from({ length: 50 }, () => '/healthz'))).sort((a, b) => a - b), 95);
        const cpu0 = server.cpuMs();
        const db0 = sides[i].backendCpuMs();
        const search: number[] = [];
        for (let k = 0; k < 5; k++) {
          const times = await timeGets(server.origin, searches);
          times.forEach((ms, q) => perQuery[i].set(SEARCHES[q], [...(perQuery[i].get(SEARCHES[q]) ?? []), ms]));
          search.push(...times);
        }
        const cpu = (server.cpuMs() - cpu0) / search.length;
        const dbCpu = (sides[i].backendCpuMs() - db0) / search.length;
        const suggest = await timeGets(server.origin, Array.from({ length: 3 }, () => suggests).flat());
        perSide[i].push({ search: stats(search), suggest: stats(suggest), healthz, cpu, dbCpu });
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
  const summary = sides.map((s, i) => {
    const m = (f: (r: Round) => number) => median(perSide[i].map(f));
    return {
      side: s.label,
      searchP50: m((r) => r.search.p50),
      searchP95: m((r) => r.search.p95),
      suggestP95: m((r) => r.suggest.p95),
      healthzP95: m((r) => r.healthz),
      appCpuMs: m((r) => r.cpu),
      dbCpuMs: m((r) => r.dbCpu),
    };
  });
  const fmt = (n: number) => n.toFixed(2).padStart(9);
  console.log(
    `\nsearch comparison: ${listings.toLocaleString('en-US')} listings, ${rounds} interleaved rounds, ${benchEngine()}; medians over rounds (ms)`,
  );
  console.log(`${'side'.padEnd(16)}search p50 search p95 suggest p95 healthz p95  app CPU/search  db CPU/search`);
  for (const s of summary)
    console.log(
      `${s.side.padEnd(16)}${fmt(s.searchP50)}  ${fmt(s.searchP95)}  ${fmt(s.suggestP95)}  ${fmt(s.healthzP95)}  ${fmt(s.appCpuMs)}      ${fmt(s.dbCpuMs)}`,
    );
  const [a, b] = summary;
  console.log(
    `ratio other / this: search p50 ${(a.searchP50 / b.searchP50).toFixed(2)}, search p95 ${(a.searchP95 / b.searchP95).toFixed(2)}, suggest p95 ${(a.suggestP95 / b.suggestP95).toFixed(2)}, app CPU ${(a.appCpuMs / b.appCpuMs).toFixed(2)}${process.env.BENCH_DATABASE_URL ? `, db CPU ${(a.dbCpuMs / b.dbCpuMs).toFixed(2)}` : ''} (> 1: this checkout is faster)`,
  );
  const queries = SEARCHES.map((q) => ({ q, other: median(perQuery[0].get(q)!), here: median(perQuery[1].get(q)!) }));
  console.log('per query, median ms (other → this):', queries.map((x) => `${x.q} ${x.other.toFixed(1)}→${x.here.toFixed(1)}`).join(', '));
  console.log(`load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  writeResult(`search-compare-${listings}`, { listings, rounds, engine: benchEngine(), summary, perSide, queries });
}

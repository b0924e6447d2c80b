/** Shared pieces of the benchmarks: a local server on a generated database, timing, medians and percentiles. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/index.js';
import { createKnex, migrateLatest } from '../../src/db/index.js';
import { createApp } from '../../src/app.js';
import { createServices } from '../../src/services.js';
import { generateListings } from '../../src/demo/generate.js';
import { seedDemo } from '../../src/demo/demo.js';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
export const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

export interface BenchServer { origin: string; close(): Promise<void>; db: ReturnType<typeof createKnex> }

/** The engine the benchmarks run on: PostgreSQL when BENCH_DATABASE_URL is set (in BENCH_DB_SCHEMA), else SQLite. */
export const benchEngine = (): string =>
  process.env.BENCH_DATABASE_URL ? `PostgreSQL (schema ${process.env.BENCH_DB_SCHEMA ?? 'public'})` : 'SQLite';

/**
 * Serves the app on 127.0.0.1 over a database holding the demo data plus `listings` generated rows (reused when present):
 * a SQLite file (BENCH_SQLITE_FILE, or one per size in the temp folder), or PostgreSQL at BENCH_DATABASE_URL in the schema
 * BENCH_DB_SCHEMA (created when missing; drop it afterwards).
 */
export async function startBenchServer(listings: number, dir = path.join(os.tmpdir(), 'golmok-bench')): Promise<BenchServer> {
  fs.mkdirSync(dir, { recursive: true });
  const file = process.env.BENCH_SQLITE_FILE ?? path.join(dir, `bench-${listings}.sqlite`);
  const where = process.env.BENCH_DATABASE_URL
    ? { DATABASE_URL: process.env.BENCH_DATABASE_URL, ...(process.env.BENCH_DB_SCHEMA ? { DB_SCHEMA: process.env.BENCH_DB_SCHEMA } : {}) }
    : { SQLITE_FILE: file };
  const config = loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://localhost',
    SESSION_SECRET: 'bench-only-secret-value',
    TOTP_ENCRYPTION_KEYS: 'bench:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    ...where,
    LOG_LEVEL: 'silent',
    PORT: '0',
    RATE_LIMIT_ENABLED: 'false',
    // The rendered-page cache also keeps /api/search answers: a repeated query mix would time the cache, not the search.
    PAGE_CACHE_SECONDS: process.env.BENCH_PAGE_CACHE_SECONDS ?? '0',
  });
  const db = createKnex(config.db);
  await migrateLatest(db);
  const services = createServices(config, db);
  const { app } = createApp(services);
  const have = Number((await db('listings').count({ n: '*' }).first())?.n ?? 0);
  if (have === 0) {
    await seedDemo({ db, createListing: services.listings.createListing });
    const started = Date.now();
    process.stderr.write(`generating ${listings} listings into ${process.env.BENCH_DATABASE_URL ? benchEngine() : file}…\n`);
    await generateListings(db, { count: listings, seed: 7, afterBatch: services.indexBatch });
    process.stderr.write(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    db,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => db.destroy()),
  };
}

/** BENCH_ACCEPT_ENCODING: what the timing client accepts (fetch's default is gzip, deflate, br; `identity` asks for none). */
const acceptEncoding = process.env.BENCH_ACCEPT_ENCODING;

/** Times sequential GETs (one client, keep-alive): milliseconds per request. */
export async function timeGets(origin: string, paths: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const p of paths) {
    const t0 = performance.now();
    const res = await fetch(origin + p, acceptEncoding === undefined ? undefined : { headers: { 'accept-encoding': acceptEncoding } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${p} → ${res.status}`);
    out.push(performance.now() - t0);
  }
  return out;
}

export function writeResult(name: string, data: unknown): void {
  const dir = path.resolve('bench-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(data, null, 2));
}

export interface RemoteServer { origin: string; pid: number; rssMb(): number; cpuMs(): number; close(): Promise<void> }

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc (Linux; NaN elsewhere). */
export function processCpuMs(pid: number): number {
  try {
    // Fields after "pid (comm) ": utime and stime are the 12th and 13th, in clock ticks (USER_HZ, 100 on Linux).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/**
 * The server in its own process (as in production), so the measuring client does not share its event loop.
 * `from`: another checkout's bench server (its folder) and the environment it gets over this process's.
 */
export async function spawnBenchServer(listings: number, from?: { dir: string; env: NodeJS.ProcessEnv }): Promise<RemoteServer> {
  const dir = from?.dir ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const entry = path.join(dir, 'scripts/bench/bench-server.ts');
  // BENCH_SERVER_NODE_FLAGS: extra node flags for the server (e.g. --cpu-prof --cpu-prof-dir=…, not allowed in NODE_OPTIONS).
  const flags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', entry, String(listings)], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...from?.env },
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = out.match(/READY (\S+)/);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    origin,
    pid: child.pid!,
    rssMb: () => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
      } catch {
        return NaN;
      }
    },
    cpuMs: () => processCpuMs(child.pid!),
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** Flags and environment of `npm run bench` (the page benchmark), validated in one place. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export type Engine = 'sqlite' | 'pg';
export type LoadTool = 'wrk' | 'autocannon';

export interface BenchOptions {
  listings: number;
  engine: Engine;
  /** Seconds each measured segment lasts (baseline and target alike). */
  duration: number;
  /** Seconds of unrecorded load before each segment. */
  warmup: number;
  connections: number;
  /** Seconds before a request counts as timed out. */
  timeout: number;
  tool: LoadTool;
  /** Target names to run (all when empty). */
  only: string[];
  /** Sent on every request, as a browser would ('' sends none). */
  acceptEncoding: string;
  logLevel: string;
  /** Where generated databases are kept between runs (never in git). */
  dataDir: string;
  sqliteFile: string | null;
  databaseUrl: string | null;
  dbSchema: string;
  resultsDir: string;
  /** PAGE_CACHE_SECONDS for the app (null: the app's default); 0 measures every request rendering its page. */
  pageCacheSeconds: number | null;
  /** PAGE_FRONT for the app: kept pages answered before Express (true, the default) or by Express (`--front off`). */
  front: boolean;
  /** `--front both`: a second app process without the front, each target measured on both in alternating segments. */
  interleave: boolean;
  /** Generate or copy the database, migrate it and stop (the long part, kept apart from a quiet measurement). */
  prepareOnly: boolean;
}

export const USAGE = `Usage: npm run bench -- [--listings 100000] [--duration 10] [--connections 32] [--engine sqlite|pg]
  [--warmup 2] [--timeout 10] [--tool wrk|autocannon] [--only listing,home,…] [--accept-encoding "gzip, br"] [--log-level warn]
  [--page-cache-seconds N] [--front on|off|both] [--prepare-only]
Environment: BENCH_DATA_DIR (database cache, default <tmp>/golmok-bench-data), BENCH_SQLITE_FILE (a SQLite file to use instead),
  BENCH_DATABASE_URL (required with --engine pg) and BENCH_DB_SCHEMA (default bench_<listings>, created by the bench).`;

function whichWrk(env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, 'wrk')));
}

function positive(name: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new Error(`--${name} must be a number from 1 to ${max} (got ${raw})`);
  return n;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      listings: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '32' },
      timeout: { type: 'string', default: '10' },
      engine: { type: 'string', default: 'sqlite' },
      tool: { type: 'string' },
      only: { type: 'string', default: '' },
      'accept-encoding': { type: 'string', default: 'gzip, deflate, br' },
      'log-level': { type: 'string', default: 'warn' },
      'page-cache-seconds': { type: 'string' },
      front: { type: 'string', default: 'on' },
      'prepare-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const listings = positive('listings', values.listings, 10_000_000);
  if (!Number.isInteger(listings)) throw new Error('--listings must be a whole number');
  if (!['on', 'off', 'both'].includes(values.front)) throw new Error('--front must be on, off or both');
  if (values.engine !== 'sqlite' && values.engine !== 'pg') throw new Error('--engine must be sqlite or pg');
  const tool = values.tool ?? (whichWrk(env) ? 'wrk' : 'autocannon');
  if (tool !== 'wrk' && tool !== 'autocannon') throw new Error('--tool must be wrk or autocannon');
  const databaseUrl = env.BENCH_DATABASE_URL || null;
  if (values.engine === 'pg' && !databaseUrl) throw new Error('--engine pg needs BENCH_DATABASE_URL=postgres://…');
  const dbSchema = env.BENCH_DB_SCHEMA || `bench_${listings}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(dbSchema)) throw new Error('BENCH_DB_SCHEMA must be a plain lower-case identifier');
  return {
    listings,
    engine: values.engine,
    duration: positive('duration', values.duration, 3600),
    warmup: values.warmup === '0' ? 0 : positive('warmup', values.warmup, 600),
    connections: Math.round(positive('connections', values.connections, 1000)),
    timeout: positive('timeout', values.timeout, 600),
    tool,
    only: values.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    acceptEncoding: values['accept-encoding'],
    logLevel: values['log-level'],
    dataDir: path.resolve(env.BENCH_DATA_DIR || path.join(os.tmpdir(), 'golmok-bench-data')),
    sqliteFile: env.BENCH_SQLITE_FILE ? path.resolve(env.BENCH_SQLITE_FILE) : null,
    databaseUrl,
    dbSchema,
    resultsDir: path.resolve('bench', 'results'),
    prepareOnly: values['prepare-only'],
    front: values.front !== 'off',
    interleave: values.front === 'both',
    pageCacheSeconds:
      values['page-cache-seconds'] === undefined
        ? null
        : values['page-cache-seconds'] === '0'
          ? 0
          : Math.round(positive('page-cache-seconds', values['page-cache-seconds'], 300)),
  };
}

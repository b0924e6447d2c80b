/** Flags and environment of `npm run test:load` (the load test of issue 15), validated in one place. */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../pages/options.js';

export interface LoadTestOptions {
  engine: Engine;
  /** Generated listings of the cached bench database to copy; 0 = a fresh database with the demo data only. */
  listings: number;
  /** App processes on ports of their own against the same database; connections are spread round-robin. */
  instances: number;
  seconds: number;
  connections: number;
  /** Seconds before a request counts as timed out (a failure of the run). */
  timeout: number;
  /** RSS is judged over this many final seconds of the run… */
  rssWindow: number;
  /** …and is flat when its least-squares slope there stays at or below this many MB per second. */
  rssSlope: number;
  /** Advertiser accounts created up front; a login scenario leases a free one (see mix.ts). */
  accounts: number;
  /** The copied database (and uploads) are kept after the run instead of removed. */
  keep: boolean;
  logLevel: string;
  seed: number;
  dataDir: string;
  sqliteFile: string | null;
  databaseUrl: string | null;
  dbSchema: string;
  resultsDir: string;
}

export const LOAD_USAGE = `Usage: npm run test:load -- [--engine sqlite|pg] [--listings 100000] [--instances 1] [--duration 60] [--connections 64]
  [--timeout 30] [--rss-window 30] [--rss-slope 0.5] [--accounts 64] [--seed 1] [--keep] [--log-level warn]
  --listings 0 runs on a fresh database holding the demo data only.
Environment: as npm run bench — BENCH_DATA_DIR, BENCH_SQLITE_FILE, BENCH_DATABASE_URL (required with --engine pg), BENCH_DB_SCHEMA.`;

function number(name: string, raw: string, min: number, max: number, whole = true): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n)))
    throw new Error(`--${name} must be a ${whole ? 'whole ' : ''}number from ${min} to ${max} (got ${raw})`);
  return n;
}

export function parseLoadOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): LoadTestOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'sqlite' },
      listings: { type: 'string', default: '100000' },
      instances: { type: 'string', default: '1' },
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '64' },
      timeout: { type: 'string', default: '30' },
      'rss-window': { type: 'string', default: '30' },
      'rss-slope': { type: 'string', default: '0.5' },
      accounts: { type: 'string', default: '64' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'warn' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(LOAD_USAGE);
    process.exit(0);
  }
  if (values.engine !== 'sqlite' && values.engine !== 'pg') throw new Error('--engine must be sqlite or pg');
  const listings = number('listings', values.listings, 0, 10_000_000);
  const databaseUrl = env.BENCH_DATABASE_URL || null;
  if (values.engine === 'pg' && !databaseUrl) throw new Error('--engine pg needs BENCH_DATABASE_URL=postgres://…');
  const dbSchema = env.BENCH_DB_SCHEMA || (listings ? `bench_${listings}` : 'load_demo');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(dbSchema)) throw new Error('BENCH_DB_SCHEMA must be a plain lower-case identifier');
  return {
    engine: values.engine,
    listings,
    instances: number('instances', values.instances, 1, 8),
    seconds: number('duration', values.duration, 1, 3600),
    connections: number('connections', values.connections, 1, 1000),
    timeout: number('timeout', values.timeout, 1, 600),
    rssWindow: number('rss-window', values['rss-window'], 1, 3600),
    rssSlope: number('rss-slope', values['rss-slope'], 0, 1000, false),
    accounts: number('accounts', values.accounts, 1, 1000),
    seed: number('seed', values.seed, 1, 2 ** 31),
    keep: values.keep,
    logLevel: values['log-level'],
    dataDir: path.resolve(env.BENCH_DATA_DIR || path.join(os.tmpdir(), 'golmok-bench-data')),
    sqliteFile: env.BENCH_SQLITE_FILE ? path.resolve(env.BENCH_SQLITE_FILE) : null,
    databaseUrl,
    dbSchema,
    resultsDir: path.resolve('bench', 'results'),
  };
}

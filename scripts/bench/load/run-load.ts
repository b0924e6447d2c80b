/**
 * One load test run, start to finish: a private copy of the database, advertiser accounts, N app processes on the
 * same database, the mix for the whole duration while each process's RSS is sampled every second, a graceful
 * shutdown (SIGTERM) of every instance, then the call counters compared with the beacons that got a 2xx.
 * Used by `npm run test:load` (scripts/bench/load-test.ts) and, briefly on the demo data, by its test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { sampleDatabase } from '../pages/targets.js';
import { serverEnv, startApp, type AppProcess, type ExitInfo } from '../pages/processes.js';
import { ACCOUNT_PASSWORD, callTotals, createAccounts, prepareLoadDatabase, submissionCategoryId } from './database.js';
import { runMix, type MixResult } from './mix.js';
import { failedCriteria, summariseRss, type BeaconCheck, type RssSample, type RssSummary } from './checks.js';
import type { LoadTestOptions } from './options.js';

export interface LoadRun {
  database: string;
  /** The configuration the instances ran with beyond the bench defaults (rate limits on, limits raised, …). */
  appConfig: Record<string, string>;
  origins: string[];
  coldStartMs: number[];
  mix: MixResult;
  beacons: BeaconCheck;
  rss: RssSummary[];
  exits: ExitInfo[];
  loadAverage: { start: number[]; end: number[] };
  failures: string[];
  logFile: string;
}

/** What the run sets on top of the bench's app environment: rate limits ON as in production, with the limit a crowd
 * of 16 advertisers would trip raised; the proof of work stays off (the bench default), so posts need no solving. */
export const LOAD_APP_CONFIG = { RATE_LIMIT_ENABLED: 'true', SUBMISSION_LIMIT_PER_HOUR: '100000', POW_ENABLED: 'false' };

/** How long an instance may take to shut down after SIGTERM (it finishes the requests under way, then flushes). */
const SHUTDOWN_GRACE_MS = 60_000;

/** A phone photo of the size a shop owner sends (1280×960 JPEG with texture, ~0.3 MB): re-encoded by the app each time. */
function photo(): Promise<Buffer> {
  return sharp({
    create: { width: 1280, height: 960, channels: 3, background: '#cc6688', noise: { type: 'gaussian', mean: 128, sigma: 12 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export async function runLoadTest(
  opts: LoadTestOptions,
  run: { source?: boolean; env?: Record<string, string>; log?: (line: string) => void } = {},
): Promise<LoadRun> {
  const log = run.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-load-'));
  const logFile = path.join(opts.resultsDir, `load-app-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const apps: AppProcess[] = [];
  const exits: ExitInfo[] = [];
  log(`preparing the database (${opts.engine}, ${opts.listings ? `${opts.listings.toLocaleString('en-US')} listings` : 'demo data'})…`);
  const database = await prepareLoadDatabase(opts, runDir).catch((err: unknown) => {
    fs.rmSync(runDir, { recursive: true, force: true });
    throw err;
  });
  try {
    // serverEnv(): what `npm start` adds (MALLOC_ARENA_MAX), printed with the run's configuration.
    const appConfig = { ...serverEnv(), ...LOAD_APP_CONFIG, ...run.env };
    const env = { ...database.env, ...appConfig, UPLOADS_DIR: path.join(runDir, 'uploads'), OUTBOX_DIR: path.join(runDir, 'outbox') };
    const db = database.open();
    const [sample, accounts, categoryId, before] = await (async () => {
      try {
        return [
          await sampleDatabase(db),
          await createAccounts(db, env, opts.accounts),
          await submissionCategoryId(db),
          await callTotals(db),
        ] as const;
      } finally {
        await db.destroy();
      }
    })();
    for (let i = 0; i < opts.instances; i++) apps.push(await startApp(env, opts.logLevel, logFile, { source: run.source }));
    log(`${database.label}; ${apps.length} instance(s): ${apps.map((a) => `${a.origin} (pid ${a.pid})`).join(', ')}; app log: ${logFile}`);
    const origins = apps.map((a) => a.origin);
    const coldStartMs = apps.map((a) => a.coldStartMs);
    const data = { sample, accounts, password: ACCOUNT_PASSWORD, categoryId, photo: await photo() };

    const samples: RssSample[][] = apps.map(() => []);
    const t0 = performance.now();
    const sampleRss = () => apps.forEach((a, i) => samples[i].push({ t: (performance.now() - t0) / 1000, mb: a.rssMb() }));
    sampleRss();
    const sampler = setInterval(sampleRss, 1000);
    const loadStart = os.loadavg();
    log(`load: ${opts.seconds} s, ${opts.connections} connections over ${apps.length} instance(s)…`);
    let mix: MixResult;
    try {
      mix = await runMix(
        {
          origins,
          connections: opts.connections,
          seconds: opts.seconds,
          timeoutSeconds: opts.timeout,
          seed: opts.seed,
          beaconQuietSeconds: Math.min(5, opts.seconds / 3),
        },
        data,
      );
    } finally {
      clearInterval(sampler);
    }
    const loadEnd = os.loadavg();
    log('graceful shutdown (SIGTERM) of every instance…');
    exits.push(...(await Promise.all(apps.splice(0).map((a) => a.stop(SHUTDOWN_GRACE_MS)))));
    const after = await (async () => {
      const check = database.open();
      return callTotals(check).finally(() => check.destroy());
    })();
    const beacons: BeaconCheck = {
      answered2xx: mix.beacons.answered2xx,
      unanswered: mix.beacons.unanswered,
      countedPerListing: after.listingCalls - before.listingCalls,
      countedPerPhone: after.phoneCalls - before.phoneCalls,
    };
    const rss = samples.map((s, i) => summariseRss(`instance ${i + 1}`, s, opts.rssWindow));
    const failures = failedCriteria(mix, beacons, rss, opts.rssSlope);
    exits.forEach((e, i) => {
      if (e.code !== 0 || e.killed)
        failures.push(
          `instance ${i + 1} did not shut down cleanly (exit ${e.code ?? e.signal}${e.killed ? `, killed after ${SHUTDOWN_GRACE_MS / 1000} s` : ''})`,
        );
    });
    return {
      database: database.label,
      appConfig,
      origins,
      coldStartMs,
      mix,
      beacons,
      rss,
      exits,
      loadAverage: { start: loadStart, end: loadEnd },
      failures,
      logFile,
    };
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    if (!opts.keep) {
      await database.drop();
      fs.rmSync(runDir, { recursive: true, force: true });
    } else {
      log(`kept: ${runDir}`);
    }
  }
}

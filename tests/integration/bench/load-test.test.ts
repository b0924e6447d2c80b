/**
 * The load test's own code (scripts/bench/load), run briefly so it does not rot: 3 s at 4 connections on a fresh
 * database holding the demo data, one app process started from source. Asserts what the run saw, never how fast.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLoadOptions } from '../../../scripts/bench/load/options.js';
import { runLoadTest, type LoadRun } from '../../../scripts/bench/load/run-load.js';

describe('npm run test:load, briefly on the demo data', () => {
  const results = fs.mkdtempSync(path.join(os.tmpdir(), 'golmok-load-test-'));
  afterAll(() => fs.rmSync(results, { recursive: true, force: true }));

  it('3 s, 4 connections: no 5xx, no socket error, every step answered as expected, beacons counted exactly after a graceful shutdown', async () => {
    const opts = {
      ...parseLoadOptions(['--listings', '0', '--duration', '3', '--connections', '4', '--accounts', '2', '--rss-window', '2'], {}),
      resultsDir: results,
    };
    const run: LoadRun = await runLoadTest(opts, { source: true, env: { PASSWORD_HASH_COST: '1024' }, log: () => undefined });
    expect(run.mix.requests).toBeGreaterThan(0);
    expect(run.mix.serverErrors).toBe(0);
    expect(run.mix.socketErrors).toBe(0);
    expect(run.mix.timeouts).toBe(0);
    expect(run.mix.kinds.filter((k) => k.unexpected > 0)).toEqual([]);
    expect(run.beacons.unanswered).toBe(0);
    expect(run.beacons.countedPerListing).toBe(run.beacons.answered2xx);
    expect(run.beacons.countedPerPhone).toBe(run.beacons.answered2xx);
    expect(run.exits).toEqual([{ code: 0, signal: null, killed: false }]);
    expect(run.rss[0].samples.length).toBeGreaterThanOrEqual(2);
    // Only the RSS criterion may fail in so short a run (a process still warming up grows).
    expect(run.failures.filter((f) => !f.includes('RSS'))).toEqual([]);
  }, 300_000);
});

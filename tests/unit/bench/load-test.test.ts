/** The load test's pure parts: flags, the RSS slope and the pass criteria. */
import { describe, expect, it } from 'vitest';
import { parseLoadOptions } from '../../../scripts/bench/load/options.js';
import { failedCriteria, slopeOf, summariseRss } from '../../../scripts/bench/load/checks.js';
import type { MixResult } from '../../../scripts/bench/load/mix.js';

const clean: MixResult = {
  seconds: 60, requests: 1000, rps: 16.7, serverErrors: 0, unexpected: 0, socketErrors: 0, timeouts: 0,
  kinds: [{ kind: 'listing', requests: 1000, rps: 16.7, p50: 5, p99: 50, unexpected: 0, serverErrors: 0, timeouts: 0, sample: null }],
  beacons: { sent: 10, answered2xx: 10, unanswered: 0 }, unexpectedAnswers: [],
};
const counted = { answered2xx: 10, unanswered: 0, countedPerListing: 10, countedPerPhone: 10 };
const flat = summariseRss('instance 1', Array.from({ length: 60 }, (_, t) => ({ t, mb: 200 + (t % 2) })), 30);

describe('load test options', () => {
  it('no flags → 100,000 listings on SQLite, one instance, 60 s at 64 connections', () => {
    expect(parseLoadOptions([], {})).toMatchObject({
      engine: 'sqlite',
      listings: 100_000,
      instances: 1,
      seconds: 60,
      connections: 64,
      rssWindow: 30,
    });
  });

  it('--engine pg without BENCH_DATABASE_URL, or --instances 0 → refused', () => {
    expect(() => parseLoadOptions(['--engine', 'pg'], {})).toThrow(/BENCH_DATABASE_URL/);
    expect(() => parseLoadOptions(['--instances', '0'], {})).toThrow(/--instances/);
  });
});

describe('load test criteria', () => {
  it('a steady line → its slope; noise around a level → about 0', () => {
    expect(slopeOf([0, 1, 2, 3].map((t) => ({ t, mb: 100 + 2 * t })))).toBeCloseTo(2);
    expect(Math.abs(flat.slope)).toBeLessThan(0.05);
    expect(flat.first).toBeCloseTo(200.5, 1);
  });

  it('a clean run → no failure', () => {
    expect(failedCriteria(clean, counted, [flat], 0.5)).toEqual([]);
  });

  it('a 5xx, a lost beacon, an unanswered beacon and a growing RSS → each named', () => {
    const mix = { ...clean, serverErrors: 1, unexpected: 1, kinds: [{ ...clean.kinds[0], unexpected: 1, serverErrors: 1, sample: '500' }] };
    const growing = summariseRss('instance 2', Array.from({ length: 60 }, (_, t) => ({ t, mb: 200 + t })), 30);
    const failures = failedCriteria(mix, { ...counted, unanswered: 1, countedPerPhone: 9 }, [flat, growing], 0.5);
    expect(failures).toEqual([
      '1 answers with a 5xx status',
      '1 call beacons got no answer before the run stopped: they cannot be compared',
      'call beacons: 10 answered 2xx, but the counters grew by 10 (per listing) and 9 (per phone)',
      'instance 2: RSS grew 1.00 MB/s over the last window (limit 0.5 MB/s)',
    ]);
  });
});

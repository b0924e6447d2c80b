/**
 * The load test's pass criteria and its printout. Criteria: no 5xx, no socket error or timeout, every step answered
 * with the status it expects (a 429 or a lost session would mean the mix no longer does what it says), every call
 * beacon that got its 2xx counted exactly once in the database after the graceful shutdown, and each instance's RSS
 * flat over the final window: the least-squares slope of its per-second samples there at most `maxSlope` MB/s.
 */
import type { MixResult } from './mix.js';

export interface RssSample { t: number; mb: number }

export interface RssSummary {
  instance: string;
  /** Mean RSS over the first and the last window, in MB. */
  first: number;
  last: number;
  max: number;
  /** MB per second over the last window (least squares). */
  slope: number;
  samples: RssSample[];
}

export interface BeaconCheck {
  answered2xx: number;
  unanswered: number;
  /** Growth of the daily call counters (per listing, and per phone) between before the run and after the shutdown. */
  countedPerListing: number;
  countedPerPhone: number;
}

export function slopeOf(samples: RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = samples.reduce((s, x) => s + x.t, 0) / n;
  const mm = samples.reduce((s, x) => s + x.mb, 0) / n;
  const num = samples.reduce((s, x) => s + (x.t - mt) * (x.mb - mm), 0);
  const den = samples.reduce((s, x) => s + (x.t - mt) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);

export function summariseRss(instance: string, samples: RssSample[], windowSeconds: number): RssSummary {
  const end = samples.at(-1)?.t ?? 0;
  const lastWindow = samples.filter((s) => s.t > end - windowSeconds);
  const firstWindow = samples.filter((s) => s.t <= (samples[0]?.t ?? 0) + windowSeconds);
  return {
    instance, samples, first: mean(firstWindow.map((s) => s.mb)), last: mean(lastWindow.map((s) => s.mb)),
    max: Math.max(...samples.map((s) => s.mb)), slope: slopeOf(lastWindow),
  };
}

/** Every criterion that failed, as a sentence (empty when the run passed). */
export function failedCriteria(mix: MixResult, beacons: BeaconCheck, rss: RssSummary[], maxSlope: number): string[] {
  const out: string[] = [];
  if (mix.serverErrors) out.push(`${mix.serverErrors} answers with a 5xx status`);
  if (mix.socketErrors) out.push(`${mix.socketErrors} socket errors`);
  if (mix.timeouts) out.push(`${mix.timeouts} timeouts`);
  for (const k of mix.kinds)
    if (k.unexpected - k.serverErrors > 0)
      out.push(`${k.kind}: ${k.unexpected - k.serverErrors} answers with an unexpected status (e.g. ${k.sample})`);
  if (mix.requests === 0) out.push('no request completed');
  if (beacons.unanswered) out.push(`${beacons.unanswered} call beacons got no answer before the run stopped: they cannot be compared`);
  if (beacons.countedPerListing !== beacons.answered2xx || beacons.countedPerPhone !== beacons.answered2xx) {
    out.push(
      `call beacons: ${beacons.answered2xx} answered 2xx, but the counters grew by ${beacons.countedPerListing} (per listing) and ${beacons.countedPerPhone} (per phone)`,
    );
  }
  for (const r of rss)
    if (!(r.slope <= maxSlope))
      out.push(`${r.instance}: RSS grew ${r.slope.toFixed(2)} MB/s over the last window (limit ${maxSlope} MB/s)`);
  return out;
}

const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '—');

export function printLoadReport(mix: MixResult, beacons: BeaconCheck, rss: RssSummary[], windowSeconds: number): void {
  const head = ['kind', 'requests', 'req/s', 'p50 ms', 'p99 ms', '5xx', 'other bad', 'timeouts'];
  const rows = mix.kinds.map((k) => [
    k.kind,
    String(k.requests),
    k.rps.toFixed(1),
    ms(k.p50),
    ms(k.p99),
    String(k.serverErrors),
    String(k.unexpected - k.serverErrors),
    String(k.timeouts),
  ]);
  rows.push([
    'all',
    String(mix.requests),
    mix.rps.toFixed(1),
    '',
    '',
    String(mix.serverErrors),
    String(mix.unexpected - mix.serverErrors),
    String(mix.timeouts),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
  console.log(`socket errors ${mix.socketErrors}, timeouts ${mix.timeouts}`);
  for (const a of mix.unexpectedAnswers) {
    console.log(
      `unexpected at ${a.at} s: ${a.kind} ${a.method} ${a.path} → ${a.status || 'no answer'}${a.location ? ` (Location ${a.location})` : ''}${a.message ? `: ${a.message}` : ''}`,
    );
  }
  console.log(
    `call beacons: ${beacons.answered2xx} answered 2xx (${beacons.unanswered} unanswered); counted after shutdown: ${beacons.countedPerListing} per listing, ${beacons.countedPerPhone} per phone`,
  );
  for (const r of rss) {
    console.log(
      `${r.instance} RSS: first ${windowSeconds} s mean ${r.first.toFixed(0)} MB, last ${windowSeconds} s mean ${r.last.toFixed(0)} MB (slope ${r.slope.toFixed(2)} MB/s), max ${r.max.toFixed(0)} MB`,
    );
  }
}

/**
 * `--front both`: the same build started twice over the same database, once with the front (PAGE_FRONT=true) and once
 * without, and every target measured on both in alternating segments — on, off, off, on — so that what the shared
 * machine does meanwhile falls on both alike. Sequential runs could not tell a few percent apart (signed-in pages, the
 * misses): their sign flipped from one run to the next.
 */
import type { LoadResult } from './load.js';

export interface InterleavedRow {
  name: string;
  label: string;
  /** req/s of each segment, in the order measured. */
  on: number[];
  off: number[];
  /** Peak RSS of each app process at the end (MB). */
  onRssMb: number;
  offRssMb: number;
}

/**
 * Measures the rest of on, off, off, on after `first` (the first "on" segment, measured by the caller): `segment`
 * runs one segment against an origin; `ready` primes and warms the front-off app for the target before its first one.
 */
export async function interleave(
  first: LoadResult,
  origins: { on: string; off: string },
  ready: (origin: string) => Promise<void>,
  segment: (origin: string, seed: number) => Promise<LoadResult>,
): Promise<{ on: number[]; off: number[] }> {
  await ready(origins.off);
  const off1 = await segment(origins.off, 1);
  const off2 = await segment(origins.off, 2);
  await ready(origins.on);
  const on2 = await segment(origins.on, 3);
  return { on: [first.rps, on2.rps], off: [off1.rps, off2.rps] };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);

export function printInterleaved(rows: InterleavedRow[]): void {
  if (!rows.length) return;
  console.log('\nfront on and off in alternating segments (on, off, off, on), req/s:');
  const cells = rows.map((r) => [
    r.label,
    r.on.map((x) => x.toFixed(0)).join(' / '),
    r.off.map((x) => x.toFixed(0)).join(' / '),
    `${(mean(r.on) / mean(r.off)).toFixed(2)}×`,
    `${r.onRssMb.toFixed(0)} / ${r.offRssMb.toFixed(0)} MB`,
  ]);
  const head = ['target', 'front on', 'front off', 'on ÷ off', 'peak RSS on / off'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  for (const c of [head, ...cells]) console.log(c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  '));
}

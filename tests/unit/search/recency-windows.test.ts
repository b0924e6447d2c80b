/** Which newest-listings windows a PostgreSQL search asks before the whole index (postgres-recency.ts). */
import { describe, expect, it } from 'vitest';
import { recencyWindows } from '../../../src/components/search/dialects/postgres-recency.js';

/** Each window as its number of 4,096-id buckets (the newest known one's and four ahead included). */
const sizes = (windows: string[]) => windows.map((w) => w.match(/zzr\d+/g)!.length);
const MILLION = 1_000_202;

describe('recency windows', () => {
  it('a word in 6 % of a million listings skips the narrow window (~980 expected, fewer than 1,001) and asks 65,536 ids', () => {
    expect(sizes(recencyWindows(MILLION, 0.06, 1001))).toEqual([21]);
  });

  it('a word in 20 % asks every window, narrowest first; each ends at the buckets ahead of the newest id', () => {
    const windows = recencyWindows(MILLION, 0.2, 1001);
    expect(sizes(windows)).toEqual([9, 21]);
    for (const w of windows) expect(w).toContain(`'zzr${Math.floor(MILLION / 4096) + 4}'`);
  });

  it('a rare word asks no window: each would cost a probe and come back short', () => {
    expect(recencyWindows(MILLION, 0.01, 1001)).toEqual([]);
  });

  it('at 100,000 listings only the narrow window: a wider one would be most of the directory', () => {
    expect(sizes(recencyWindows(100_203, 1, 1001))).toEqual([9]);
    expect(recencyWindows(100_203, 0.06, 1001)).toEqual([]);
    expect(recencyWindows(10_000, 1, 1001)).toEqual([]);
    expect(recencyWindows(undefined, 1, 1001)).toEqual([]);
  });
});

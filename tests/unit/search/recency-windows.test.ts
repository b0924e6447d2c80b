/** Which newest-listings windows a PostgreSQL search asks before the whole index (postgres-recency.ts). */
import { describe, expect, it } from 'vitest';
import { recencyWindows } from '../../../src/components/search/dialects/postgres-recency.js';

const buckets = (w: string) => w.match(/zzr\d+/g)!.length;

describe('recency windows', () => {
  it('a word in 7 % of a million listings: the narrow window (~1,150 expected) and the wide one (~9,200) are both asked, narrowest first', () => {
    const windows = recencyWindows(1_000_202, 0.07, 1001);
    expect(windows).toHaveLength(2);
    expect(buckets(windows[0])).toBeLessThan(buckets(windows[1]));
    // The wide window is the newest 131,072 ids and the buckets ahead: 32 + 1 + 4.
    expect(buckets(windows[1])).toBe(37);
    expect(windows[1]).toContain(`'zzr${Math.floor(1_000_202 / 4096) + 4}'`);
  });

  it('a word in 3 %: only the wide window is expected to hold 1,001 matches (~3,900; the narrow one ~490)', () => {
    const windows = recencyWindows(1_000_202, 0.03, 1001);
    expect(windows.map(buckets)).toEqual([37]);
  });

  it('a rare word asks no window: each would cost a probe and come back short', () => {
    expect(recencyWindows(1_000_202, 0.001, 1001)).toEqual([]);
  });

  it('a directory smaller than a window is not windowed by it: at 100,000 listings only the narrow window exists', () => {
    expect(recencyWindows(100_203, 1, 1001)).toHaveLength(1);
    expect(recencyWindows(10_000, 1, 1001)).toEqual([]);
    expect(recencyWindows(undefined, 1, 1001)).toEqual([]);
  });
});

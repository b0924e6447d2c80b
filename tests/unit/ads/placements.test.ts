/** Featured slot rotation: at most two, never the same twice on a page, and equal impressions over many minutes. */
import { describe, expect, it } from 'vitest';
import { MAX_SLOTS, pickSlots, ROTATION_MS, rotationBucket } from '../../../src/components/ads/placements.js';

const placements = (n: number) => Array.from({ length: n }, (_, i) => ({ placementId: 100 + i * 7 }));
const MINUTES_A_DAY = 1440;

describe('pickSlots', () => {
  it('no placement → no slot; one or two → all of them, their order alternating', () => {
    expect(pickSlots([], 5)).toEqual([]);
    expect(pickSlots(placements(1), 3).map((p) => p.placementId)).toEqual([100]);
    expect(pickSlots(placements(2), 0).map((p) => p.placementId)).toEqual([100, 107]);
    expect(pickSlots(placements(2), 1).map((p) => p.placementId)).toEqual([107, 100]);
  });

  it('the order placements come in does not matter (the window runs over ids)', () => {
    const list = placements(5);
    expect(pickSlots([...list].reverse(), 12)).toEqual(pickSlots(list, 12));
  });

  it.each([3, 4, 5, 7, 11, 40])(
    '%i placements over a day of minutes: ≤ 2 distinct slots a page, each shown as often as any other (±1 minute), in the top slot too',
    (n) => {
      const list = placements(n);
      const shown = new Map<number, number>();
      const top = new Map<number, number>();
      const start = rotationBucket(Date.parse('2026-11-24T15:00:00Z'));
      for (let b = start; b < start + MINUTES_A_DAY; b++) {
        const slots = pickSlots(list, b);
        expect(slots).toHaveLength(Math.min(MAX_SLOTS, n));
        expect(new Set(slots).size).toBe(slots.length);
        slots.forEach((s) => shown.set(s.placementId, (shown.get(s.placementId) ?? 0) + 1));
        top.set(slots[0].placementId, (top.get(slots[0].placementId) ?? 0) + 1);
      }
      const counts = list.map((p) => shown.get(p.placementId) ?? 0);
      const tops = list.map((p) => top.get(p.placementId) ?? 0);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(1);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(MINUTES_A_DAY * Math.min(MAX_SLOTS, n));
    },
  );

  it('over any n consecutive minutes each of n placements is shown exactly twice, once on top', () => {
    const list = placements(6);
    for (const from of [0, 17, 1_000_003]) {
      const shown = Array.from({ length: 6 }, (_, i) => pickSlots(list, from + i)).flat().map((p) => p.placementId);
      const tops = Array.from({ length: 6 }, (_, i) => pickSlots(list, from + i)[0].placementId);
      for (const p of list) expect(shown.filter((id) => id === p.placementId)).toHaveLength(2);
      expect(new Set(tops).size).toBe(6);
    }
  });

  it('a bucket is one minute of the clock', () => {
    const at = Date.parse('2026-11-24T02:00:00Z');
    expect(rotationBucket(at)).toBe(rotationBucket(at + ROTATION_MS - 1));
    expect(rotationBucket(at + ROTATION_MS)).toBe(rotationBucket(at) + 1);
  });
});

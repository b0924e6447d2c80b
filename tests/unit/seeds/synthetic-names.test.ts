/** The synthetic name generator keeps names apart at scale, and its names follow local naming habits. */
import { describe, expect, it } from 'vitest';
import { createNameBook, homeOf, shopName } from '../../../src/demo/synthetic-names.js';
import { mulberry32, syntheticListing } from '../../../src/demo/synthetic.js';

const NOW = new Date('2026-11-24T02:00:00Z');

describe('synthetic names', () => {
  it('5,000 listings with one name book → at least 99% distinct names, none given more than twice', () => {
    const names = createNameBook();
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const { name } = syntheticListing(i, 7, new Map(), NOW, names);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect(counts.size / 5000).toBeGreaterThanOrEqual(0.99);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
  });

  it('the same seed and order → the same names', () => {
    const run = () => {
      const b = createNameBook();
      return Array.from({ length: 50 }, (_, i) => syntheticListing(i, 3, new Map(), NOW, b).name);
    };
    expect(run()).toEqual(run());
  });

  it('home names read as said: 미숙 → 미숙이네, 영희 → 영희네', () => {
    expect(homeOf('미숙')).toBe('미숙이네');
    expect(homeOf('영희')).toBe('영희네');
  });

  it('a place habit names the shop after a 동 of its own 구 (남구 → 봉선, 주월 …, never 수완)', () => {
    const rand = mulberry32(1);
    const names = Array.from({ length: 200 }, () => shopName(rand, '남구', ['꽃집'], { place: 1 }));
    for (const n of names) expect(n).toMatch(/꽃집$/);
    expect(names.some((n) => n.startsWith('봉선') || n.startsWith('주월') || n.startsWith('양림'))).toBe(true);
    expect(names.some((n) => n.startsWith('수완') || n.startsWith('첨단'))).toBe(false);
  });

  it('a name book gives a taken name again only after every draw was taken', () => {
    const book = createNameBook(4);
    expect(book.take(() => 'A')).toBe('A');
    const draws = ['A', 'B'];
    expect(book.take(() => draws.shift() ?? 'C')).toBe('B');
    expect(book.take(() => 'A')).toBe('A');
    expect(book.stats()).toEqual({ distinct: 2, repeats: 1 });
  });
});

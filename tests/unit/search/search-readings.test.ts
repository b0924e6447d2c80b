import { describe, expect, it } from 'vitest';
import { hangulReading, nameReadings } from '../../../src/components/search/search-readings.js';

describe('other spellings of mixed-script names', () => {
  it('a Latin acronym reads as its letter names, a known word as its Korean reading', () => {
    expect(hangulReading('LG전자 베스트샵')).toBe('엘지전자 베스트샵');
    expect(hangulReading('GS25 수완점')).toBe('지에스25 수완점');
    expect(hangulReading('CU 광주충장점')).toBe('씨유 광주충장점');
    expect(hangulReading('KB국민은행')).toBe('케이비국민은행');
    expect(hangulReading('HDKorea')).toBe('에이치디코리아');
    expect(hangulReading('LG Electronics')).toBe('엘지 전자');
  });

  it('a Hangul word starting with spelled-out letters also reads as the acronym', () => {
    expect(nameReadings('엘지유플러스 용봉대리점')).toEqual(expect.arrayContaining(['lg유플러스', 'lgu플러스']));
    expect(nameReadings('씨제이대한통운')).toContain('cj대한통운');
    expect(nameReadings('씨유')).toContain('cu');
  });

  it('nothing to read: no other spelling; odd input never throws', () => {
    expect(nameReadings('상무꽃집')).toEqual([]);
    expect(hangulReading('Morning Glory')).toBeNull();
    for (const odd of ['', ' ', '\u0000', 'ㅋㅋ', '🌸🌸', 'A'.repeat(5000), '\uD800', undefined as unknown as string]) {
      expect(() => nameReadings(odd)).not.toThrow();
    }
  });
});

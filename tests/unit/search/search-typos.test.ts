import { describe, expect, it } from 'vitest';
import { jamoDistance, keyboardReadings, oneJamoVariants, syllableNeighbours } from '../../../src/components/search/search-typos.js';
import { activityPoints } from '../../../src/components/search/dialects/ranking-facts.js';

describe('jamo-level typos', () => {
  it.each([
    ['화한', '화환', 1], // ㅏ for ㅘ: a compound vowel missing its ㅗ
    ['화완', '화환', 1], // ㅇ for ㅎ
    ['드롱', '드론', 1], // ㅇ for ㄴ as the final
    ['꼿', '꽃', 1], // ㅅ for ㅊ
    ['화환', '화환', 0],
    ['드론', '카페', 5],
  ])('%s ↔ %s: %i jamo', (a, b, d) => {
    expect(jamoDistance(a, b)).toBe(d);
  });

  it('one-jamo neighbours of a syllable: 환 is near 한 and 완, never itself', () => {
    const near = syllableNeighbours('환');
    expect(near).toEqual(expect.arrayContaining(['한', '완', '화', '활']));
    expect(near).not.toContain('환');
  });

  it('variants of a 1–2 syllable word change one syllable by one jamo: 드롱 → 드론, 화한 → 화환', () => {
    expect(oneJamoVariants('드롱')).toContain('드론');
    expect(oneJamoVariants('화한')).toContain('화환');
    expect(oneJamoVariants('화한').every((v) => [...v].length === 2)).toBe(true);
  });

  it('longer words and non-Hangul are left to other rules', () => {
    expect(oneJamoVariants('꽃배딜')).toEqual([]);
    expect(oneJamoVariants('dji')).toEqual([]);
  });
});

describe('recent use is damped into 0–3 points', () => {
  it.each([[0, 0], [2, 0], [3, 1], [9, 1], [10, 2], [29, 2], [30, 3], [5000, 3]])('%i views + 5 × calls → %i', (used, points) => {
    expect(activityPoints(used)).toBe(points);
  });
});

describe('Latin letters read on the 두벌식 layout', () => {
  it('as typed first, then without a phone keyboard\'s first capital, then lower-case: Wprhk → 쩨과, 제과', () => {
    expect(keyboardReadings('rnrqkq')).toEqual(['국밥']);
    expect(keyboardReadings('Wprhk')).toEqual(['쩨과', '제과']);
    expect(keyboardReadings('Rhcwlq')[0]).toBe('꽃집'); // a deliberate Shift (ㄲ) is tried first
    expect(keyboardReadings('CJDTH')).toContain('청소');
    expect(keyboardReadings('tpxkrth dltk')).toEqual(['세탁소 이사']);
  });

  it('letters that do not spell whole syllables give nothing: dji, hdkorea', () => {
    expect(keyboardReadings('dji')).toEqual([]);
    expect(keyboardReadings('hdkorea')).toEqual([]);
  });
});
